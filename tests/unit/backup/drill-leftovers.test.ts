/**
 * A drill killed midway cannot remove its temporary folder (an encrypted copy of the backup in the
 * system's temp folder). Each drill's folder is named with a fixed prefix and its process's id,
 * and each drill first removes the folders of drills whose process no longer runs, leaving those
 * of drills still running.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { peopleBatchWritten } from '../../../src/main/app/audit-events';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { DRILL_FOLDER_PREFIX, drillBackup } from '../../../src/main/backup/restore-backup';
import { seedPeople } from '../../../src/main/seed/seeder';
import { removeTempDir, tempDataDir } from '../helpers/temp-dir';
import { PROTECTION, SUPERVISOR } from '../helpers/vault';
import { caller } from './backup-helpers';

const CLI = join(process.cwd(), 'src/main/cli/index.ts');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function drillFoldersOf(pid: number): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`${DRILL_FOLDER_PREFIX}${pid}-`));
}

/** A folder in the temp folder as a drill of that process leaves it, with a file standing for the copy. */
function leftoverOf(pid: number, end: string): string {
  const folder = join(tmpdir(), `${DRILL_FOLDER_PREFIX}${pid}-${end}`);
  mkdirSync(join(folder, 'data'), { recursive: true });
  writeFileSync(join(folder, 'data', 'intake.db'), 'an encrypted copy of the backup');
  onTestFinished(() => removeTempDir(folder));
  return folder;
}

/** Whether the drill's temporary folder holds something yet (it is made empty, then the copy is written in it). */
function holdsSomething(folder: string): boolean {
  try {
    return readdirSync(join(tmpdir(), folder)).length > 0;
  } catch {
    return false;
  }
}

/** `intake restore --drill`, killed with SIGKILL as soon as its temporary folder holds something; that folder. */
async function drillKilledMidway(backup: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'restore', '--from', backup, '--drill', '--user', SUPERVISOR.userName, '--password-stdin'], {
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...process.env, INTAKE_DATA_DIR: '' },
  });
  let ended = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      ended = true;
      resolve();
    }),
  );
  child.stdin.end(`${SUPERVISOR.password}\n`);
  const pid = child.pid ?? -1;
  // Not as soon as the folder is there: killed between making it and writing in it (once in CI), the
  // drill leaves an empty folder, not the copy this test is about.
  while (!ended && !drillFoldersOf(pid).some(holdsSomething)) await sleep(2);
  child.kill('SIGKILL');
  await exited;
  const [folder] = drillFoldersOf(pid);
  if (!folder) throw new Error('the drill ended before it was killed');
  onTestFinished(() => removeTempDir(join(tmpdir(), folder)));
  return join(tmpdir(), folder);
}

it('removes at the start of each drill the temporary folders of drills killed midway, and leaves those of drills still running', { timeout: 300_000 }, async () => {
  const dataDir = tempDataDir('drill-leftovers-live');
  const media = tempDataDir('drill-leftovers-media');
  const core = new IntakeCore({ dataDir });
  await core.setUp({ ...SUPERVISOR, language: 'en' });
  const created = await caller(core)('accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
  if (!created.ok) throw new Error(created.error.code);
  // Enough people that the drill's copy is there long enough to be killed in.
  seedPeople(core.vault.db, { id: created.value.id, role: 'protection' }, { count: 3000, seed: 5, today: new Date() }, (batch) => core.audit(peopleBatchWritten('seed', batch)));
  const made = await caller(core)('backup.create', { to: media });
  core.close();
  if (!made.ok) throw new Error(made.error.code);

  // A drill killed midway: its folder, named with its process's id, is left with the copy in it.
  const killed = await drillKilledMidway(made.value.path);
  expect(readdirSync(killed)).not.toEqual([]);

  // A process that has ended, and one that still runs (another drill under way).
  const ended = spawnSync(process.execPath, ['-e', '']).pid;
  const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  onTestFinished(() => {
    running.kill('SIGKILL');
  });
  const dead = leftoverOf(ended, 'AbC123');
  const alive = leftoverOf(running.pid ?? -1, 'XyZ789');
  const unrelated = join(tempDataDir('drill-leftovers-other'), 'intake.db');
  writeFileSync(unrelated, 'not a drill');

  expect((await drillBackup(made.value.path, { restorer: SUPERVISOR })).people).toBe(3000);
  expect(existsSync(killed)).toBe(false);
  expect(existsSync(dead)).toBe(false);
  expect(readdirSync(join(alive, 'data'))).toEqual(['intake.db']);
  expect(existsSync(unrelated)).toBe(true);
  // The drill's own folder is gone once it has passed.
  expect(drillFoldersOf(process.pid)).toEqual([]);
});
