/**
 * `intake restore` killed with SIGKILL midway, at moments spread over the time it writes: the
 * data folder holds either the whole vault (it opens with the password and `intake verify` finds
 * it sound) or no vault (no keyslots.json, and no database unless killed between moving it and
 * keyslots.json into place, which the next restore clears), and a restore into the same folder then
 * succeeds and verifies. A database beside a staging folder that holds no key slots is not cleared.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { peopleBatchWritten } from '../../../src/main/app/audit-events';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { RESTORE_STAGING } from '../../../src/main/backup/restore-backup';
import { seedPeople } from '../../../src/main/seed/seeder';
import { tempDataDir } from '../helpers/temp-dir';
import { PROTECTION, SUPERVISOR } from '../helpers/vault';
import { caller } from './backup-helpers';

const CLI = join(process.cwd(), 'src/main/cli/index.ts');
const PEOPLE = 3000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function intake(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args, '--user', SUPERVISOR.userName, '--password-stdin'], {
    input: `${SUPERVISOR.password}\n`,
    encoding: 'utf8',
    env: { ...process.env, INTAKE_DATA_DIR: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `intake restore` into `to`, killed `delay` ms after it first writes there (the first entry in
 * the folder, whatever the code names it); how long it wrote for when it was not killed.
 */
async function restoreKilledAt(from: string, to: string, delay: number): Promise<{ outcome: 'killed' | 'ended'; code: number | null; wrote: number }> {
  const before = new Set(existsSync(to) ? readdirSync(to) : []);
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'restore', '--from', from, '--to', to, '--user', SUPERVISOR.userName, '--password-stdin'], {
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...process.env, INTAKE_DATA_DIR: '' },
  });
  let ended = false;
  let code: number | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (exitCode) => {
      ended = true;
      code = exitCode;
      resolve();
    }),
  );
  child.stdin.end(`${SUPERVISOR.password}\n`);
  const wrote = (): boolean => existsSync(to) && readdirSync(to).some((name) => !before.has(name));
  while (!ended && !wrote()) await sleep(2);
  const started = Date.now();
  if (!ended) await Promise.race([sleep(delay), exited]);
  if (ended) return { outcome: 'ended', code, wrote: Date.now() - started };
  child.kill('SIGKILL');
  await exited;
  return { outcome: 'killed', code, wrote: Date.now() - started };
}

async function peopleIn(dataDir: string): Promise<number> {
  const core = new IntakeCore({ dataDir });
  try {
    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    return core.vault.db.prepare<[], number>('SELECT count(*) FROM people').pluck().get() ?? -1;
  } finally {
    core.close();
  }
}

/** The folder holds the whole vault: it opens with the password, holds every record, and `intake verify` finds it sound. */
async function expectWholeVault(dataDir: string): Promise<void> {
  expect(await peopleIn(dataDir)).toBe(PEOPLE);
  const verify = intake(['verify', '--data-dir', dataDir]);
  expect(verify.stderr).toBe('');
  expect(verify.code).toBe(0);
}

it('leaves the whole vault or none when the restore is killed midway, and the next restore into the folder succeeds', { timeout: 600_000 }, async () => {
  const dataDir = tempDataDir('restore-killed-live');
  const media = tempDataDir('restore-killed-media');
  const core = new IntakeCore({ dataDir });
  await core.setUp({ ...SUPERVISOR, language: 'en' });
  const created = await caller(core)('accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
  if (!created.ok) throw new Error(created.error.code);
  const protection = created.value;
  // Enough people that the copy and its checks take a while to kill in; each batch with its entry, so verify is sound.
  seedPeople(core.vault.db, { id: protection.id, role: 'protection' }, { count: PEOPLE, seed: 11, today: new Date() }, (batch) => core.audit(peopleBatchWritten('seed', batch)));
  const made = await caller(core)('backup.create', { to: media });
  core.close();
  if (!made.ok) throw new Error(made.error.code);
  const backup = made.value.path;

  // How long a restore writes into its folder, from its first entry there to its end.
  const measured = await restoreKilledAt(backup, join(tempDataDir('restore-killed-measure'), 'site'), 600_000);
  expect(measured).toMatchObject({ outcome: 'ended', code: 0 });

  const outcomes: string[] = [];
  const states: string[] = [];
  for (const share of [0, 0.2, 0.4, 0.6, 0.8, 0.95]) {
    const to = join(tempDataDir('restore-killed-target'), 'site');
    const killed = await restoreKilledAt(backup, to, Math.round(share * measured.wrote));
    outcomes.push(killed.outcome);
    const entries = existsSync(to) ? readdirSync(to) : [];
    if (entries.includes('keyslots.json')) {
      states.push('whole');
      await expectWholeVault(to);
      // A vault is there: a restore over it is refused and changes nothing.
      const over = intake(['restore', '--from', backup, '--to', to]);
      expect(over.code).toBe(2);
      expect(readdirSync(to).sort()).toEqual(entries.sort());
      continue;
    }
    states.push(entries.length === 0 ? 'empty' : 'cut');
    // No vault: no key slots, and a database only when cut while being moved into place (the key slots still staged).
    if (entries.includes('intake.db')) expect(existsSync(join(to, RESTORE_STAGING, 'keyslots.json'))).toBe(true);
    expect(new IntakeCore({ dataDir: to }).stateName).toBe('not-set-up');
    // The next restore into the same folder clears what was cut, and the vault it leaves is whole.
    const again = intake(['restore', '--from', backup, '--to', to]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(readdirSync(to)).not.toContain(RESTORE_STAGING);
    await expectWholeVault(to);
  }
  expect(outcomes).toContain('killed');
  // A vault whose keyslots.json was lost, beside the staging folder a restore killed after its last
  // move left: its database is not taken for a cut restore's, and the restore is refused.
  const lost = join(tempDataDir('restore-killed-lost-slots'), 'site');
  expect(intake(['restore', '--from', backup, '--to', lost]).code).toBe(0);
  rmSync(join(lost, 'keyslots.json'));
  mkdirSync(join(lost, RESTORE_STAGING));
  const refused = intake(['restore', '--from', backup, '--to', lost]);
  expect(refused.code).toBe(2);
  expect(readdirSync(lost).sort()).toEqual([RESTORE_STAGING, 'intake.db']);
  // A kill as soon as the restore first writes (share 0) always lands before the vault is whole.
  expect(states[0]).not.toBe('whole');
  console.log(`restore wrote for ${measured.wrote} ms; after each kill: ${states.join(', ')} (${outcomes.join(', ')})`);
});
