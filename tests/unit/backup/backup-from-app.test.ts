/**
 * Backups as the app's window makes them (Site settings → Backups): into the folder a supervisor
 * chose, never a folder named in the call; the folder refused when it would be lost with the
 * laptop; progress answered beside the backup; the reminder and the monthly drill prompt.
 */
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { statusOf } from '../../../src/main/backup/backup-calls';
import { listGenerations } from '../../../src/main/backup/generations';
import { RESTORE_STAGING } from '../../../src/main/backup/restore-backup';
import { BACKUP_STEPS, type Method, type MethodInput, type Progress } from '../../../src/shared/contract';
import type { RpcResult } from '../../../src/shared/errors';
import { tempDataDir } from '../helpers/temp-dir';
import { dispatcherFor, errorCodeOf, NEW_PASSWORD, SUPERVISOR } from '../helpers/vault';
import { vaultWithPeople } from './backup-helpers';

function windowOf(core: IntakeCore) {
  const { dispatcher } = dispatcherFor(core, 'ui');
  return <M extends Method>(method: M, input: MethodInput<M>): Promise<RpcResult<unknown>> => dispatcher.dispatch(method, input);
}

function valueOf<T>(result: RpcResult<unknown>): T {
  if (!result.ok) throw new Error(`the call failed: ${result.error.code}`);
  return result.value as T;
}

/** Runs a backup from the window, asking app.progress between its steps as the bar does; each answer goes to `seen`. */
async function backUpWhilePolling(call: ReturnType<typeof windowOf>, seen: (progress: Progress) => void): Promise<RpcResult<unknown>> {
  let finished = false;
  const backup = call('backup.createInFolder', {}).finally(() => {
    finished = true;
  });
  while (!finished) {
    seen(valueOf<Progress>(await call('app.progress', {})));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return backup;
}

describe('a backup from the window', () => {
  it('goes into the chosen folder, clears the reminder, asks for a drill, and a drill with the password clears that', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('backup-app-live');
    const media = tempDataDir('backup-app-media');
    const { core } = await vaultWithPeople(dataDir, 5);
    const call = windowOf(core);
    try {
      const before = valueOf<{ backupDue: boolean; drillDue: boolean; folder?: string }>(await call('backup.status', {}));
      expect(before).toMatchObject({ backupDue: true, drillDue: false, canChooseFolder: false });
      expect(before.folder).toBeUndefined();
      expect(errorCodeOf(await call('backup.createInFolder', {}))).toBe('backup_folder_not_set');

      valueOf(await call('backup.setOptions', { folder: media, generations: 2, reminderDays: 3 }));
      const made = valueOf<{ path: string; people: number }>(await call('backup.createInFolder', {}));
      expect(made.people).toBe(5);
      expect(listGenerations(media)).toHaveLength(1);
      const after = valueOf<{ backupDue: boolean; drillDue: boolean; lastVerified?: { path: string } }>(await call('backup.status', {}));
      expect(after).toMatchObject({ backupDue: false, drillDue: true, reminderDays: 3, generations: 2, lastVerified: { path: made.path } });

      expect(errorCodeOf(await call('backup.drillNewest', { password: 'not the password at all' }))).toBe('backup_wrong_credentials');
      const drilled = valueOf<{ people: number }>(await call('backup.drillNewest', { password: SUPERVISOR.password }));
      expect(drilled.people).toBe(5);
      expect(valueOf(await call('backup.status', {}))).toMatchObject({ backupDue: false, drillDue: false });

      const entries = core.vault.db.prepare<[], { action: string; details: string }>("SELECT action, details FROM audit_log WHERE action IN ('backup-create', 'backup-drill', 'setting-change') ORDER BY id").all();
      expect(entries.map((entry) => entry.action)).toEqual(['setting-change', 'backup-create', 'backup-drill', 'backup-drill']);
      // The folder's path is not written into the log, only that it changed.
      expect(entries[0]?.details).not.toContain(media);
      expect(JSON.parse(entries[2]?.details ?? '{}')).toMatchObject({ passed: false, error: 'backup_wrong_credentials' });
    } finally {
      core.close();
    }
  });

  it('never names a folder in the call: backup.create and backup.drill stay on the command line', async () => {
    const dataDir = tempDataDir('backup-app-channel');
    const media = tempDataDir('backup-app-channel-media');
    const { core } = await vaultWithPeople(dataDir, 1);
    const call = windowOf(core);
    try {
      expect(errorCodeOf(await call('backup.create', { to: media }))).toBe('forbidden');
      expect(errorCodeOf(await call('backup.drill', { from: media }))).toBe('forbidden');
      expect(listGenerations(media)).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('refuses a folder given by a relative path, one that is not there, and one inside the data folder, even through a link', async () => {
    const dataDir = tempDataDir('backup-app-folders');
    const elsewhere = tempDataDir('backup-app-elsewhere');
    const { core } = await vaultWithPeople(dataDir, 1);
    const call = windowOf(core);
    try {
      expect(errorCodeOf(await call('backup.setOptions', { folder: 'backups' }))).toBe('backup_folder_not_absolute');
      expect(errorCodeOf(await call('backup.setOptions', { folder: join(elsewhere, 'not-plugged-in') }))).toBe('backup_folder_missing');
      mkdirSync(join(dataDir, 'backups'));
      expect(errorCodeOf(await call('backup.setOptions', { folder: join(dataDir, 'backups') }))).toBe('backup_folder_inside_data');
      expect(errorCodeOf(await call('backup.setOptions', { folder: dataDir }))).toBe('backup_folder_inside_data');
      symlinkSync(join(dataDir, 'backups'), join(elsewhere, 'link-into-data'));
      expect(errorCodeOf(await call('backup.setOptions', { folder: join(elsewhere, 'link-into-data') }))).toBe('backup_folder_inside_data');
      expect(valueOf(await call('backup.status', {}))).not.toHaveProperty('folder');
      // A drive unplugged after the folder was chosen: named when the backup is asked for.
      const stick = join(elsewhere, 'stick');
      mkdirSync(stick);
      valueOf(await call('backup.setOptions', { folder: stick }));
      rmSync(stick, { recursive: true });
      expect(errorCodeOf(await call('backup.createInFolder', {}))).toBe('backup_folder_missing');
    } finally {
      core.close();
    }
  });

  it('answers app.progress beside the backup, step by step in order, and null once it is done', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('backup-app-progress');
    const media = tempDataDir('backup-app-progress-media');
    const { core } = await vaultWithPeople(dataDir, 20);
    const call = windowOf(core);
    try {
      valueOf(await call('backup.setOptions', { folder: media }));
      const seen: Extract<Progress, { task: 'backup' }>[] = [];
      valueOf(
        await backUpWhilePolling(call, (progress) => {
          if (progress?.task === 'backup' && seen.at(-1)?.step !== progress.step) seen.push(progress);
        }),
      );
      expect(seen.length).toBeGreaterThanOrEqual(3);
      const order = seen.map((progress) => BACKUP_STEPS.indexOf(progress.step));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(seen.every((progress) => progress.total === BACKUP_STEPS.length && progress.done === BACKUP_STEPS.indexOf(progress.step))).toBe(true);
      expect(valueOf(await call('app.progress', {}))).toBeNull();
    } finally {
      core.close();
    }
  });

  it('finishes and records a backup when the screen is locked midway (the lid closed): the lock waits for it', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('backup-app-lock');
    const media = tempDataDir('backup-app-lock-media');
    const { core } = await vaultWithPeople(dataDir, 20);
    const call = windowOf(core);
    try {
      valueOf(await call('backup.setOptions', { folder: media }));
      // As Electron's lock-screen and suspend handlers do: straight to the core, between two steps.
      let askedToLock = false;
      const backup = await backUpWhilePolling(call, (progress) => {
        if (!askedToLock && progress?.task === 'backup' && progress.step === 'hashing') {
          core.lock('user');
          askedToLock = true;
          expect(core.stateName).toBe('signed-in');
        }
      });
      expect(askedToLock).toBe(true);
      expect(valueOf<{ people: number }>(backup).people).toBe(20);
      expect(core.stateName).toBe('locked');
      await core.unlock(SUPERVISOR.password);
      const actions = core.vault.db.prepare<[], string>("SELECT action FROM audit_log WHERE action IN ('backup-create', 'lock') ORDER BY id").pluck().all();
      expect(actions).toEqual(['backup-create', 'lock']);
      expect(valueOf(await call('backup.status', {}))).toMatchObject({ backupDue: false });
    } finally {
      core.close();
    }
  });

  it('answers a drill with a password changed since the newest backup with the date of that backup, and counts the try', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('backup-app-newer');
    const media = tempDataDir('backup-app-newer-media');
    const { core } = await vaultWithPeople(dataDir, 1);
    const call = windowOf(core);
    try {
      valueOf(await call('backup.setOptions', { folder: media }));
      const made = valueOf<{ createdAt: string }>(await call('backup.createInFolder', {}));
      valueOf(await call('session.changePassword', { currentPassword: SUPERVISOR.password, newPassword: NEW_PASSWORD }));
      const codes: string[] = [];
      for (let attempt = 0; attempt < 5; attempt++) {
        const refused = await call('backup.drillNewest', { password: NEW_PASSWORD });
        codes.push(errorCodeOf(refused));
        if (attempt === 0) expect(refused).toEqual({ ok: false, error: { code: 'backup_wrong_credentials', params: { createdAt: made.createdAt } } });
      }
      // Each try counts as a sign-in does, even with the password of today.
      expect(codes).toContain('throttled');
    } finally {
      core.close();
    }
  });

  it('holds back password guesses made through the drill as a sign-in does', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('backup-app-guess');
    const media = tempDataDir('backup-app-guess-media');
    const { core } = await vaultWithPeople(dataDir, 1);
    const call = windowOf(core);
    try {
      valueOf(await call('backup.setOptions', { folder: media }));
      valueOf(await call('backup.createInFolder', {}));
      const codes: string[] = [];
      for (let guess = 0; guess < 5; guess++) codes.push(errorCodeOf(await call('backup.drillNewest', { password: `a wrong guess number ${guess}` })));
      expect(codes.slice(0, 3)).toEqual(['backup_wrong_credentials', 'backup_wrong_credentials', 'backup_wrong_credentials']);
      expect(codes).toContain('throttled');
      // Held back even with the right password, until the wait is over.
      expect(errorCodeOf(await call('backup.drillNewest', { password: SUPERVISOR.password }))).toBe('throttled');
    } finally {
      core.close();
    }
  });

  it('takes the folder from the system picker where the host has one (checked when saved), and says so where it has none', async () => {
    const dataDir = tempDataDir('backup-app-picker');
    const media = tempDataDir('backup-app-picker-media');
    const first = await vaultWithPeople(dataDir, 1);
    expect(errorCodeOf(await windowOf(first.core)('app.pickFolder', {}))).toBe('folder_picker_unavailable');
    expect(first.core.status().canPickFolder).toBe(false);
    first.core.close();
    const offered: (string | undefined)[] = [];
    const core = new IntakeCore({
      dataDir,
      chooseFolder: (current) => {
        offered.push(current);
        return Promise.resolve(offered.length === 1 ? media : undefined);
      },
    });
    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const call = windowOf(core);
    try {
      expect(core.status().canPickFolder).toBe(true);
      expect(valueOf(await call('backup.status', {}))).toMatchObject({ canChooseFolder: true });
      expect(valueOf(await call('app.pickFolder', {}))).toEqual({ folder: media });
      // Cancelled: nothing picked.
      expect(valueOf(await call('app.pickFolder', { current: media }))).toEqual({});
      expect(offered).toEqual([undefined, media]);
      // Picking saves nothing: the folder is saved, and checked, by backup.setOptions.
      expect(valueOf(await call('backup.status', {}))).not.toHaveProperty('folder');
    } finally {
      core.close();
    }
  });
});

describe('a restore from the set-up screen', () => {
  it('restores the newest backup of a folder into this data folder, keeping the device language, and the app is then signed out', { timeout: 120_000 }, async () => {
    const media = tempDataDir('restore-app-media');
    const live = await vaultWithPeople(tempDataDir('restore-app-live'), 3);
    const call = windowOf(live.core);
    valueOf(await call('backup.setOptions', { folder: media }));
    valueOf(await call('backup.createInFolder', {}));
    live.core.vault.people.register({ id: live.protectionId, role: 'protection' }, { fields: { chosenName: 'Registered later' }, consents: ['register'] });
    const newest = valueOf<{ path: string }>(await call('backup.createInFolder', {}));
    live.core.close();

    const dataDir = tempDataDir('restore-app-new-laptop');
    const core = new IntakeCore({ dataDir });
    const setup = windowOf(core);
    try {
      valueOf(await setup('app.setDeviceLanguage', { language: 'ar' }));
      // A wrong password writes nothing; the language chosen stays.
      expect(errorCodeOf(await setup('backup.restore', { from: media, userName: SUPERVISOR.userName, password: 'not the password at all', drill: false }))).toBe('backup_wrong_credentials');
      expect(readdirSync(dataDir)).toEqual(['device.json']);
      expect(core.stateName).toBe('not-set-up');

      const report = valueOf<{ from: string; people: number }>(await setup('backup.restore', { from: media, userName: SUPERVISOR.userName, password: SUPERVISOR.password, drill: false }));
      expect(report).toMatchObject({ from: newest.path, people: 4 });
      expect(core.stateName).toBe('signed-out');
      expect(core.status().deviceLanguage).toBe('ar');
      // Set up now: a second restore, or a new site, over it is refused.
      expect(errorCodeOf(await setup('backup.restore', { from: media, userName: SUPERVISOR.userName, password: SUPERVISOR.password, drill: false }))).toBe('already_set_up');
      valueOf(await setup('session.signIn', { userName: SUPERVISOR.userName, password: SUPERVISOR.password }));
      expect(core.vault.db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(4);
    } finally {
      core.close();
    }
  });

  it('clears what a restore killed while moving the vault into place left (its staging folder, the database without its key slots), and restores', { timeout: 120_000 }, async () => {
    const media = tempDataDir('restore-app-media-cut');
    const live = await vaultWithPeople(tempDataDir('restore-app-live-cut'), 2);
    valueOf(await windowOf(live.core)('backup.setOptions', { folder: media }));
    valueOf(await windowOf(live.core)('backup.createInFolder', {}));
    live.core.close();
    const dataDir = tempDataDir('restore-app-cut');
    // As a restore killed between moving intake.db and keyslots.json leaves the folder.
    mkdirSync(join(dataDir, RESTORE_STAGING));
    writeFileSync(join(dataDir, RESTORE_STAGING, 'keyslots.json'), '{"cut": true}');
    writeFileSync(join(dataDir, 'intake.db'), 'the database moved before its key slots');
    const core = new IntakeCore({ dataDir });
    const setup = windowOf(core);
    try {
      expect(core.stateName).toBe('not-set-up');
      valueOf(await setup('app.setDeviceLanguage', { language: 'fr' }));
      expect(valueOf<{ people: number }>(await setup('backup.restore', { from: media, userName: SUPERVISOR.userName, password: SUPERVISOR.password, drill: false })).people).toBe(2);
      expect(readdirSync(dataDir).sort()).toEqual(['device.json', 'intake.db', 'keyslots.json']);
      expect(core.stateName).toBe('signed-out');
      valueOf(await setup('session.signIn', { userName: SUPERVISOR.userName, password: SUPERVISOR.password }));
      expect(valueOf(await setup('vault.verify', {}))).toMatchObject({ integrity: ['ok'], audit: { sound: true } });
    } finally {
      core.close();
    }
  });

  it('refuses a data folder that holds anything but the device language, and writes nothing', { timeout: 60_000 }, async () => {
    const media = tempDataDir('restore-app-media-2');
    const live = await vaultWithPeople(tempDataDir('restore-app-live-2'), 1);
    valueOf(await windowOf(live.core)('backup.setOptions', { folder: media }));
    valueOf(await windowOf(live.core)('backup.createInFolder', {}));
    live.core.close();
    const dataDir = tempDataDir('restore-app-used');
    writeFileSync(join(dataDir, 'notes.txt'), 'something of the user’s');
    const core = new IntakeCore({ dataDir });
    try {
      expect(errorCodeOf(await windowOf(core)('backup.restore', { from: media, userName: SUPERVISOR.userName, password: SUPERVISOR.password, drill: false }))).toBe('restore_data_folder_not_empty');
      expect(readdirSync(dataDir)).toEqual(['notes.txt']);
    } finally {
      core.close();
    }
  });
});

describe('the reminder', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const days = (n: number): string => new Date(now.getTime() - n * 24 * 60 * 60 * 1000).toISOString();

  it('is due with no verified backup, or one older than the days chosen; a drill is due a month after the last', () => {
    const base = { generations: 5, reminderDays: 7 };
    expect(statusOf(base, now, false)).toMatchObject({ backupDue: true, drillDue: false });
    expect(statusOf({ ...base, lastVerified: { at: days(6.9), path: '/m/b' } }, now, false)).toMatchObject({ backupDue: false, drillDue: true });
    expect(statusOf({ ...base, lastVerified: { at: days(7.1), path: '/m/b' } }, now, false)).toMatchObject({ backupDue: true });
    expect(statusOf({ ...base, reminderDays: 14, lastVerified: { at: days(7.1), path: '/m/b' } }, now, false)).toMatchObject({ backupDue: false });
    const drilled = { ...base, lastVerified: { at: days(1), path: '/m/b' } };
    expect(statusOf({ ...drilled, lastDrill: { at: days(29), path: '/m/b' } }, now, false)).toMatchObject({ drillDue: false });
    expect(statusOf({ ...drilled, lastDrill: { at: days(31), path: '/m/b' } }, now, false)).toMatchObject({ drillDue: true });
  });
});
