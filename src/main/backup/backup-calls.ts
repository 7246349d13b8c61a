import { existsSync, realpathSync, statSync, rmSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { BACKUP_DRILL_DAYS, BACKUP_STEPS, type BackupResult, type BackupStatus, type RestoreReport } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { FilePicker, IntakeCore } from '../app/intake-core';
import { stepReporter } from '../app/call-progress';
import { backupRecord, rememberBackup, rememberDrill, setBackupOptions, type BackupRecord } from './backup-record';
import { createBackup } from './create-backup';
import { listGenerations } from './generations';
import { drillBackup, restoreBackup } from './restore-backup';
import { DEVICE_FILE } from '../vault/device-preferences';

/** The backup methods of the contract, over the signed-in supervisor's vault (see handlers.ts). */

const DAY_MS = 24 * 60 * 60 * 1000;

function olderThan(at: string | undefined, days: number, now: Date): boolean {
  const time = at ? Date.parse(at) : Number.NaN;
  return Number.isNaN(time) || now.getTime() - time > days * DAY_MS;
}

export function statusOf(record: BackupRecord, now: Date, canChooseFolder: boolean): BackupStatus {
  return {
    ...record,
    backupDue: olderThan(record.lastVerified?.at, record.reminderDays, now),
    drillDue: record.lastVerified !== undefined && olderThan(record.lastDrill?.at, BACKUP_DRILL_DAYS, now),
    canChooseFolder,
  };
}

export function status(core: IntakeCore, now = new Date()): BackupStatus {
  return statusOf(backupRecord(core.vault.db), now, core.chooseFolder !== undefined);
}

/**
 * A folder the app may back up into: a full path to a folder that is there, and not inside the
 * data folder (a backup there is lost, seized or stolen with the laptop).
 */
function usableFolder(core: IntakeCore, folder: string): string {
  if (!isAbsolute(folder)) throw new AppError('backup_folder_not_absolute', { folder });
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new AppError('backup_folder_missing', { folder });
  const real = realpathSync(folder);
  const inside = relative(realpathSync(core.dataDir), real);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) throw new AppError('backup_folder_inside_data', { folder });
  return resolve(folder);
}

export function setOptions(core: IntakeCore, input: { generations?: number | undefined; reminderDays?: number | undefined; folder?: string | undefined }): BackupStatus {
  const { db } = core.vault;
  const before = backupRecord(db);
  const folder = input.folder === undefined ? undefined : usableFolder(core, input.folder);
  // Only what changed is written and logged: a form saved as it was is no change.
  const changed = {
    ...(input.generations !== undefined && input.generations !== before.generations ? { generations: input.generations } : {}),
    ...(input.reminderDays !== undefined && input.reminderDays !== before.reminderDays ? { reminderDays: input.reminderDays } : {}),
    ...(folder !== undefined && folder !== before.folder ? { folder } : {}),
  };
  if (Object.keys(changed).length > 0) {
    db.transaction(() => {
      setBackupOptions(db, changed);
      // The folder's path is the supervisor's machine's, not a person's: still, the log says only that it changed.
      core.audit({
        action: 'setting-change',
        details: {
          ...(changed.generations !== undefined ? { backupGenerations: changed.generations } : {}),
          ...(changed.reminderDays !== undefined ? { backupReminderDays: changed.reminderDays } : {}),
          ...(changed.folder !== undefined ? { backupFolder: 'changed' } : {}),
        },
      });
    })();
  }
  return status(core);
}

/** The system's folder picker, where the host has one; the path is checked by the call that uses it. */
export async function pickFolder(core: IntakeCore, current: string | undefined): Promise<{ folder?: string }> {
  const folder = await pickedBy(core.chooseFolder, current);
  return folder === undefined ? {} : { folder };
}

/** What the host's picker chose (undefined when cancelled); refused where the host has no picker. */
async function pickedBy(picker: FilePicker | undefined, current: string | undefined): Promise<string | undefined> {
  if (!picker) throw new AppError('folder_picker_unavailable');
  return picker(current);
}

/**
 * Makes and verifies a backup, then, in one transaction, remembers it and writes its entry. Not
 * inside the call's transaction: the copy reads its own snapshot (copyLiveDatabase), which needs
 * the log moved into the file first, and no open transaction of this connection to hold it.
 */
export function create(core: IntakeCore, to: string): Promise<BackupResult> {
  return core.duringCall(() => createInto(core, to));
}

async function createInto(core: IntakeCore, to: string): Promise<BackupResult> {
  const vault = core.vault;
  const key = Buffer.from(vault.databaseKeyHex, 'hex');
  try {
    const result = await createBackup({
      db: vault.db,
      databaseKey: key,
      dataDir: core.dataDir,
      to,
      keep: backupRecord(vault.db).generations,
      onStep: stepReporter(core.progress, 'backup', BACKUP_STEPS),
    });
    // A copy of the register with no audit entry is not kept: when the entry cannot be written (the
    // database busy with another process past its wait), the backup is taken away again and the
    // refusal says why, so "refused" always means "nothing made" (backup-while-writing.test.ts).
    const record = vault.db.transaction(() => {
      rememberBackup(vault.db, { at: result.createdAt, path: result.path });
      core.audit({
        action: 'backup-create',
        details: {
          backup: result.name,
          people: result.people,
          entries: result.auditEntries,
          bytes: result.bytes,
          removed: result.removed.length,
          ...(result.auditLogSound ? {} : { auditLogSound: false }),
        },
      });
    });
    try {
      record();
    } catch (error) {
      rmSync(result.path, { recursive: true, force: true });
      throw error;
    }
    return result;
  } finally {
    core.progress.clear();
    key.fill(0);
  }
}

function chosenFolder(core: IntakeCore): string {
  const folder = backupRecord(core.vault.db).folder;
  if (!folder) throw new AppError('backup_folder_not_set');
  return usableFolder(core, folder);
}

/** A backup into the folder chosen in Site settings. */
export function createInFolder(core: IntakeCore): Promise<BackupResult> {
  return create(core, chosenFolder(core));
}

/**
 * A drill of a backup, recorded in the live audit log whether it passes or not. From the command
 * line the live key opens a backup made under it, the password one made before a rotation.
 */
export async function drill(core: IntakeCore, from: string, password: string | undefined): Promise<RestoreReport> {
  const user = core.user;
  const key = Buffer.from(core.vault.databaseKeyHex, 'hex');
  try {
    return await recordedDrill(core, from, () => drillBackup(from, { key, ...(password && user ? { restorer: { userName: user.userName, password } } : {}) }));
  } finally {
    key.fill(0);
  }
}

function recordedDrill(core: IntakeCore, from: string, run: () => Promise<RestoreReport>): Promise<RestoreReport> {
  return core.duringCall(() => drillRecorded(core, from, run));
}

async function drillRecorded(core: IntakeCore, from: string, run: () => Promise<RestoreReport>): Promise<RestoreReport> {
  const vault = core.vault;
  try {
    const report = await run();
    vault.db.transaction(() => {
      rememberDrill(vault.db, { at: new Date().toISOString(), path: report.from });
      core.audit({
        action: 'backup-drill',
        details: { backup: basename(report.from), backupCreatedAt: report.createdAt, people: report.people, entries: report.auditEntries, passed: true },
      });
    })();
    return report;
  } catch (error) {
    if (core.stateName === 'signed-in') {
      core.audit({ action: 'backup-drill', details: { backup: basename(from), passed: false, ...(error instanceof AppError ? { error: error.code } : {}) } });
    }
    throw error;
  }
}

/**
 * A drill of the newest backup in the chosen folder, opened as a restore would open it: by the
 * supervisor's password through the backup's own key slots (a password valid when it was made).
 */
export function drillNewest(core: IntakeCore, password: string): Promise<RestoreReport> {
  const folder = chosenFolder(core);
  const newest = listGenerations(folder).at(-1);
  if (!newest) throw new AppError('backup_not_found', { path: folder });
  const from = resolve(folder, newest);
  const userName = core.user?.userName ?? '';
  // The password is checked against the backup's key slots: as many tries as a sign-in allows.
  return recordedDrill(core, from, () => core.throttledPasswordCheck(() => drillBackup(from, { restorer: { userName, password } })));
}

/**
 * Before set-up, from the set-up screen or the CLI: into this core's data folder (empty but for the
 * device's language, chosen on the set-up screen), which is then set up and signed out; or a drill
 * in a temporary folder.
 */
export async function restore(core: IntakeCore, input: { from: string; userName: string; password: string; drill: boolean }): Promise<RestoreReport> {
  const restorer = { userName: input.userName, password: input.password };
  if (input.drill) return drillBackup(input.from, { restorer });
  try {
    const report = await restoreBackup(input.from, core.dataDir, restorer, { keep: [DEVICE_FILE] });
    core.restored();
    return report;
  } catch (error) {
    // This core's own data folder, which the set-up screen cannot choose: said so, with what to do.
    if (error instanceof AppError && error.code === 'restore_target_not_empty') throw new AppError('restore_data_folder_not_empty', { folder: core.dataDir });
    throw error;
  }
}

/** The system's picker of a file to write (a new desk's enrolment file), where the host has one; desks.enrol checks the path. */
export async function pickSaveFile(core: IntakeCore, current: string | undefined): Promise<{ file?: string }> {
  const file = await pickedBy(core.chooseSaveFile, current);
  return file === undefined ? {} : { file };
}

/** The system's picker of a file to open (the enrolment file), where the host has one; desks.join checks the file. */
export async function pickFile(core: IntakeCore, current: string | undefined): Promise<{ file?: string }> {
  const file = await pickedBy(core.chooseFile, current);
  return file === undefined ? {} : { file };
}
