/**
 * `intake backup` and `intake restore` as a supervisor types them, and the restore drill, which
 * is recorded in the live audit log when a data folder is given.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, NEW_PASSWORD, SUPERVISOR } from '../helpers/vault';
import { caller, vaultWithPeople } from './backup-helpers';

const CLI = join(process.cwd(), 'src/main/cli/index.ts');

function intake(args: string[], stdin: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { input: stdin, encoding: 'utf8', env: { ...process.env, INTAKE_DATA_DIR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function drillFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('intake-restore-drill-'));
}

describe('intake backup and intake restore', () => {
  it('back up with --json, restore into a new folder, drill with and without --data-dir; a clerk is refused', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('cli-backup-live');
    const to = tempDataDir('cli-backup-media');
    const { core } = await vaultWithPeople(dataDir, 7);
    expect(await caller(core)('accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' })).toMatchObject({ ok: true });
    core.close();
    const as = (args: string[], who = SUPERVISOR) => intake([...args, '--user', who.userName, '--password-stdin'], `${who.password}\n`);

    const backup = as(['backup', '--data-dir', dataDir, '--to', to, '--json', '--keep', '3']);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const made = JSON.parse(backup.stdout) as { path: string; people: number; generations: number };
    expect(made).toMatchObject({ people: 7, generations: 3, path: expect.stringContaining(join(to, 'intake-backup-')) });

    const restored = join(tempDataDir('cli-restored'), 'site');
    const restore = as(['restore', '--from', made.path, '--to', restored, '--json']);
    expect(restore.code).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ people: 7, to: restored });
    const verify = as(['verify', '--data-dir', restored]);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);

    const before = drillFolders();
    const drill = as(['restore', '--from', made.path, '--drill', '--data-dir', dataDir]);
    expect(drill.code).toBe(0);
    expect(drill.stdout).toMatch(/^Drill passed: .* 7 records and \d+ audit entries/);
    const lone = as(['restore', '--from', made.path, '--drill', '--json']);
    expect(lone.code).toBe(0);
    // No drill folder left (a drill may also remove an earlier killed drill's: fewer is fine).
    expect(drillFolders().filter((name) => !before.includes(name))).toEqual([]);

    const live = new IntakeCore({ dataDir });
    await live.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const drills = live.vault.audit.list({ action: 'backup-drill', limit: 10 });
    const status = await caller(live)('backup.status', {});
    live.close();
    expect(drills).toHaveLength(1);
    expect(drills[0]?.details).toMatchObject({ passed: true, people: 7 });
    expect(status).toMatchObject({ ok: true, value: { generations: 3, lastVerified: { path: made.path }, lastDrill: { path: made.path } } });

    const clerk = as(['backup', '--data-dir', dataDir, '--to', to], CLERK);
    expect(clerk.code).toBe(3);
    expect(clerk.stderr.trim()).toBe('intake: This account is not allowed to do that.');
  });

  it('refuses a password changed since the backup with exit 3 and a message naming the date of the backup, writing nothing', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('cli-backup-live');
    const to = tempDataDir('cli-backup-media');
    const { core } = await vaultWithPeople(dataDir, 2);
    const call = caller(core);
    const made = await call('backup.create', { to });
    if (!made.ok) throw new Error(made.error.code);
    expect(await call('session.changePassword', { currentPassword: SUPERVISOR.password, newPassword: NEW_PASSWORD })).toMatchObject({ ok: true });
    core.close();
    const newer = join(tempDataDir('cli-restore-newer'), 'site');
    const refused = intake(['restore', '--from', made.value.path, '--to', newer, '--user', SUPERVISOR.userName, '--password-stdin'], `${NEW_PASSWORD}\n`);
    expect(refused.code).toBe(3);
    const madeOn = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(made.value.createdAt));
    expect(refused.stderr).not.toContain(made.value.createdAt.slice(0, 16));
    expect(refused.stderr).toContain(`It was made on ${madeOn} and opens only with the user name and password of a supervisor as they were on that date`);
    expect(existsSync(newer)).toBe(false);
    // A drill from the live vault: the live key opens a backup made under it, so the password of today passes it.
    const drill = intake(['restore', '--from', made.value.path, '--drill', '--data-dir', dataDir, '--user', SUPERVISOR.userName, '--password-stdin'], `${NEW_PASSWORD}\n`);
    expect(drill.stderr).toBe('');
    expect(drill.code).toBe(0);
  });

  it('refuses a damaged backup and a folder that is not empty with a message that says so, writing nothing; a failed drill is recorded', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('cli-backup-live');
    const to = tempDataDir('cli-backup-media');
    const { core } = await vaultWithPeople(dataDir, 2);
    const made = await caller(core)('backup.create', { to });
    core.close();
    if (!made.ok) throw new Error(made.error.code);
    const as = (args: string[]) => intake([...args, '--user', SUPERVISOR.userName, '--password-stdin'], `${SUPERVISOR.password}\n`);

    const busy = tempDataDir('cli-busy');
    writeFileSync(join(busy, 'keep.txt'), 'x');
    const refused = as(['restore', '--from', made.value.path, '--to', busy]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`The folder ${busy} is not empty`);

    const db = join(made.value.path, 'intake.db');
    const bytes = readFileSync(db);
    writeFileSync(db, bytes.subarray(0, bytes.length - 1024));
    const target = join(tempDataDir('cli-restore'), 'site');
    const damaged = as(['restore', '--from', made.value.path, '--to', target]);
    expect(damaged.code).toBe(6);
    expect(damaged.stderr).toContain('intake.db is damaged, cut short, changed or taken from another backup. It was refused and nothing was written.');
    expect(existsSync(target)).toBe(false);

    const drill = as(['restore', '--from', made.value.path, '--drill', '--data-dir', dataDir]);
    expect(drill.code).toBe(6);
    const live = new IntakeCore({ dataDir });
    await live.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const drills = live.vault.audit.list({ action: 'backup-drill', limit: 10 });
    live.close();
    expect(drills[0]?.details).toMatchObject({ passed: false, error: 'backup_damaged' });
  });
});
