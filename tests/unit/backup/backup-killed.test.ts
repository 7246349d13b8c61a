/**
 * The backup process itself killed with SIGKILL midway (`intake backup`, killed as soon as its
 * folder appears on the drive, at a different moment each time): nothing that looks like a backup
 * is left unless it is whole, every whole one drills, and the next backup clears what was cut.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { listGenerations } from '../../../src/main/backup/generations';
import { drillBackup } from '../../../src/main/backup/restore-backup';
import { seedPeople } from '../../../src/main/seed/seeder';
import { verifyVault } from '../../../src/main/db/verify';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, PROTECTION, SUPERVISOR } from '../helpers/vault';

const CLI = join(process.cwd(), 'src/main/cli/index.ts');
const PARTIAL = /^\.intake-backup-.*\.partial$/;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `intake backup` into `to`, killed `delay` ms after its partial folder appears; whether it was killed or had ended. */
async function backupKilledMidway(dataDir: string, to: string, delay: number): Promise<'killed' | 'ended'> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'backup', '--data-dir', dataDir, '--user', SUPERVISOR.userName, '--password-stdin', '--to', to, '--keep', '50'], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin.end(`${SUPERVISOR.password}\n`);
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  while (!ended && !readdirSync(to).some((name) => PARTIAL.test(name))) await sleep(5);
  if (ended) return 'ended';
  await Promise.race([sleep(delay), exited]);
  if (ended) return 'ended';
  child.kill('SIGKILL');
  await exited;
  return 'killed';
}

it('leaves nothing that looks whole when the backup process is killed midway, and the next backup clears what was cut', { timeout: 300_000 }, async () => {
  const dataDir = tempDataDir('backup-killed-live');
  const to = tempDataDir('backup-killed-media');
  const core = new IntakeCore({ dataDir });
  await core.setUp({ ...SUPERVISOR, language: 'en' });
  const protection = await addAccount(core, PROTECTION, 'protection');
  // Enough people that the copy and its checks take a while to kill in.
  seedPeople(core.vault.db, { id: protection.id, role: 'protection' }, { count: 3000, seed: 7, today: new Date() }, () => undefined);
  core.close();

  const outcomes: string[] = [];
  for (const delay of [0, 40, 120, 300, 700]) {
    outcomes.push(await backupKilledMidway(dataDir, to, delay));
    // Whatever was cut is still hidden under its temporary name: only whole backups are listed.
    for (const name of listGenerations(to)) expect(existsSync(join(to, name, 'manifest.json'))).toBe(true);
  }
  expect(outcomes).toContain('killed');
  const whole = listGenerations(to);
  for (const name of whole) expect((await drillBackup(join(to, name), { restorer: SUPERVISOR })).people).toBe(3000);

  // The next backup, not killed, clears every folder the killed ones left.
  const cut = readdirSync(to).filter((name) => PARTIAL.test(name));
  expect(await backupKilledMidway(dataDir, to, 600_000)).toBe('ended');
  const after = readdirSync(to);
  expect(after.filter((name) => PARTIAL.test(name))).toEqual([]);
  expect(after.sort()).toEqual(listGenerations(to));
  expect(listGenerations(to)).toHaveLength(whole.length + 1);
  // A kill at once after the folder appeared (delay 0) always lands before the rename.
  expect(cut.length).toBeGreaterThanOrEqual(1);

  // The live vault is sound after the kills: the killed processes only ever read it.
  const check = new IntakeCore({ dataDir });
  await check.signIn(SUPERVISOR.userName, SUPERVISOR.password);
  const verified = verifyVault(check.vault.db, check.vault.derivedKey('auditHead'));
  check.close();
  expect(verified).toMatchObject({ integrity: ['ok'], audit: { sound: true } });
});
