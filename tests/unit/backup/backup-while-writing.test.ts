/**
 * A backup taken while another process registers people, that process killed with SIGKILL midway
 * (as the crash drill does): every backup either completes and verifies, restoring with the counts
 * its manifest gives, or leaves nothing that looks whole. A folder a pulled stick cut short is
 * never taken for a backup, and is cleared by the next one.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Dispatcher } from '../../../src/main/app/dispatch';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { listGenerations } from '../../../src/main/backup/generations';
import { drillBackup, restoreBackup } from '../../../src/main/backup/restore-backup';
import { tempDataDir } from '../helpers/temp-dir';
import { expectAppError, PROTECTION, SUPERVISOR } from '../helpers/vault';
import { caller } from './backup-helpers';

const WORKER = join(process.cwd(), 'bench/crash-drill/worker.ts');

/** The crash drill's worker, registering one person per call until it is killed. */
function startWriter(dataDir: string): { ready: Promise<void>; kill: () => Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, PROTECTION.userName, 'register'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let committed = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line === 'ready') resolve();
        if (line.startsWith('committed ')) committed += 1;
      }
    });
    child.once('exit', () => reject(new Error('the writer stopped before it was ready')));
  });
  child.stdin.end(`${PROTECTION.password}\n`);
  return {
    ready,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
      return committed;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('backs up while a writer registers people and is killed with SIGKILL midway: each backup verifies and restores, or is not there', { timeout: 240_000 }, async () => {
  const dataDir = tempDataDir('backup-writing-live');
  const to = tempDataDir('backup-writing-media');
  const setUp = new IntakeCore({ dataDir });
  await setUp.setUp({ ...SUPERVISOR, language: 'en' });
  expect(await new Dispatcher(setUp, 'cli', () => undefined).dispatch('accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' })).toMatchObject({ ok: true });
  setUp.close();

  const core = new IntakeCore({ dataDir });
  await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
  const call = caller(core);
  await call('backup.setOptions', { generations: 50 });
  const made: { path: string; people: number }[] = [];
  let committed = 0;
  for (let cycle = 0; cycle < 3; cycle++) {
    const writer = startWriter(dataDir);
    await writer.ready;
    const killAt = Date.now() + 150 + cycle * 200;
    while (Date.now() < killAt) {
      const result = await call('backup.create', { to });
      // Busy is the one refusal allowed while another process writes; anything made is whole.
      if (result.ok) made.push({ path: result.value.path, people: result.value.people });
      else expect(result.error.code).toBe('database_busy');
      await sleep(20);
    }
    committed += await writer.kill();
    // Right after the kill: the writer's last transaction may be cut in the WAL.
    const after = await call('backup.create', { to });
    if (!after.ok) throw new Error(after.error.code);
    made.push({ path: after.value.path, people: after.value.people });
  }
  const verify = await call('vault.verify', {});
  core.close();
  expect(verify).toMatchObject({ ok: true, value: { integrity: ['ok'], audit: { sound: true }, auditHead: { status: 'sound' } } });
  expect(committed).toBeGreaterThan(0);
  expect(made.length).toBeGreaterThanOrEqual(3);
  // Every folder in the target is a whole backup: no partial one was left behind.
  expect(readdirSync(to).sort()).toEqual(made.map((backup) => backup.path.slice(to.length + 1)).sort());
  // People only grow from one backup to the next, and the last one holds every committed registration.
  const counts = made.map((backup) => backup.people);
  expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  expect(counts[counts.length - 1]).toBeGreaterThanOrEqual(committed);
  // Each one passes a drill (restored, opened, verified, counted), the first and last a full restore.
  for (const backup of made) expect((await drillBackup(backup.path, { restorer: SUPERVISOR })).people).toBe(backup.people);
  const target = join(tempDataDir('backup-writing-restored'), 'site');
  expect((await restoreBackup(made[made.length - 1]?.path ?? '', target, SUPERVISOR)).people).toBe(counts[counts.length - 1]);
});

it('never takes a folder cut short for a backup, refuses to restore it, and clears it at the next backup', { timeout: 120_000 }, async () => {
  const dataDir = tempDataDir('backup-cut-live');
  const to = tempDataDir('backup-cut-media');
  const core = new IntakeCore({ dataDir });
  await core.setUp({ ...SUPERVISOR, language: 'en' });
  const call = caller(core);
  const first = await call('backup.create', { to });
  if (!first.ok) throw new Error(first.error.code);
  // A stick pulled while the next backup was written: its folder still has the temporary name,
  // and the manifest (written last) is not there yet.
  const cut = join(to, '.intake-backup-2026-11-30T09-00-00-000Z.partial');
  cpSync(first.value.path, cut, { recursive: true });
  rmSync(join(cut, 'manifest.json'));
  expect(listGenerations(to)).toEqual([first.value.name]);
  await expectAppError(restoreBackup(cut, join(tempDataDir('cut-restore'), 'site'), SUPERVISOR), 'backup_not_found');
  const second = await call('backup.create', { to });
  core.close();
  if (!second.ok) throw new Error(second.error.code);
  expect(second.value.removed).toEqual(['.intake-backup-2026-11-30T09-00-00-000Z.partial']);
  expect(existsSync(cut)).toBe(false);
  expect(listGenerations(to)).toEqual([first.value.name, second.value.name]);
});
