import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { normalisePassword } from '../../shared/passwords';
import { DATABASE_FILE } from '../db/connection';
import { DatabaseNewerError, LATEST_VERSION, pendingMigrations } from '../db/migrations';
import { checkAuditHead } from '../audit/audit-head';
import { holdBack } from '../exchange/held-back';
import { KEY_SLOTS_FILE, KeySlotStore } from '../vault/key-slots';
import { OpenVault } from '../vault/open-vault';
import { copyDurably, syncFile, syncFolder } from './durable-files';
import { BACKUP_FILES, MANIFEST_FILE, readManifest, type Manifest } from './manifest';
import { auditLogProblem, openSnapshot } from './snapshot';
import { listGenerations } from './generations';
import { assertBackupIntact, assertDatabaseMatches, assertFilesMatch, assertManifestSigned } from './verify-backup';

export interface RestoreReport {
  from: string;
  to: string;
  createdAt: string;
  schemaVersion: number;
  people: number;
  auditEntries: number;
  /** False for a backup of a database whose audit log was not sound: restored as it was. */
  auditLogSound: boolean;
}

/** Who restores: a supervisor of the backup, by the password that was theirs when it was made. */
export interface Restorer {
  userName: string;
  password: string;
}

/**
 * The folder inside the data folder where a restore puts the vault together and checks it before
 * moving its files into place, keyslots.json last: until that file is there, the folder holds no
 * vault. A restore killed midway leaves this folder (and, killed while moving, the database without
 * its key slots): the next restore, or a set-up, clears both.
 */
export const RESTORE_STAGING = '.restoring';

/** The database and the files SQLite may keep beside it: what a restore cut while moving may have put in place. */
const DATABASE_FILES = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, `${DATABASE_FILE}-journal`];

/**
 * What a restore killed midway left in `folder`, which holds no keyslots.json: its staging folder
 * and, if keyslots.json is still in there (killed while moving the files into place), the database
 * files it had moved. A database beside a staging folder without key slots is never taken for one:
 * that staging folder is what a restore killed after its last move left beside a whole vault.
 */
function interruptedRestoreFiles(folder: string): string[] {
  const staging = join(folder, RESTORE_STAGING);
  if (!existsSync(staging) || KeySlotStore.existsIn(folder)) return [];
  const cutWhileMoving = KeySlotStore.existsIn(staging);
  return [RESTORE_STAGING, ...(cutWhileMoving ? DATABASE_FILES.filter((name) => existsSync(join(folder, name))) : [])];
}

/** Removes what a restore killed midway left in a folder that holds no vault (see RESTORE_STAGING). */
export function clearInterruptedRestore(folder: string): void {
  const leftovers = interruptedRestoreFiles(folder);
  if (leftovers.length === 0) return;
  for (const name of leftovers) rmSync(join(folder, name), { recursive: true, force: true });
  syncFolder(folder);
}

/**
 * A data folder to restore into: absent, or empty but for `keep` (the app's own files from before
 * set-up, such as the device's language) and what a restore killed midway left there (removed by
 * the restore). One with anything else in it is never written to.
 */
export function assertEmptyTarget(folder: string, keep: readonly string[] = []): void {
  if (!existsSync(folder)) return;
  const ignored = [...keep, ...interruptedRestoreFiles(folder)];
  if (readdirSync(folder).some((name) => !ignored.includes(name))) throw new AppError('restore_target_not_empty', { folder });
}

/**
 * The backup a supervisor pointed at: the backup's own folder, or the folder the backups are kept
 * in (a drive's backup folder), whose newest whole backup is taken.
 */
export function backupFolderOf(from: string): string {
  const folder = resolve(from);
  if (existsSync(join(folder, MANIFEST_FILE))) return folder;
  const newest = listGenerations(folder).at(-1);
  return newest ? join(folder, newest) : folder;
}

/**
 * Reads the backup and unlocks it, writing nothing: the manifest, the key from the backup's own key
 * slots with the restorer's password, the manifest's MAC under that key, every file's size and
 * hash, and the restorer a supervisor there. A backup whose key slots are damaged is damaged; a
 * password they do not open is backup_wrong_credentials, naming the backup's date. The database
 * is checked in full once copied (bytes that hash as the manifest says are the database verified
 * when the backup was made).
 */
export async function openBackup(from: string, restorer: Restorer): Promise<{ manifest: Manifest; key: Buffer; slots: KeySlotStore }> {
  const folder = resolve(from);
  const manifest = readManifest(folder);
  if (manifest.schemaVersion > LATEST_VERSION) throw new AppError('vault_newer', { found: manifest.schemaVersion, supported: LATEST_VERSION });
  let slots: KeySlotStore;
  try {
    slots = KeySlotStore.open(folder);
  } catch {
    throw new AppError('backup_damaged', { path: folder, file: 'keyslots.json' });
  }
  const slotId = slots.slotIdFor(restorer.userName);
  let key: Buffer | null;
  try {
    key = await slots.open(slotId, normalisePassword(restorer.password));
  } catch {
    // The slot unwrapped a key the slot file's check value does not know: a swapped file.
    throw new AppError('backup_damaged', { path: folder, file: 'keyslots.json' });
  }
  if (!key) throw notValidThen(manifest);
  try {
    assertBackupIntact(folder, manifest, key);
    assertSupervisor(folder, key, slotId, manifest);
    return { manifest, key, slots };
  } catch (error) {
    key.fill(0);
    throw error;
  }
}

/**
 * The password (or the user name) does not open the backup: said with the backup's date, since the
 * likeliest cause is a password changed, or an account added, after it was made. Given for an
 * unknown user name, a wrong password and an account disabled then alike, as wrong_credentials
 * was (the date is in the backup's manifest, readable without a password).
 */
function notValidThen(manifest: Manifest): AppError {
  return new AppError('backup_wrong_credentials', { createdAt: manifest.createdAt });
}

function assertSupervisor(folder: string, key: Buffer, slotId: string, manifest: Manifest): void {
  const db = openSnapshot(join(folder, DATABASE_FILE), key);
  try {
    const account = db.prepare<[string], { role: string; disabled_at: string | null }>('SELECT role, disabled_at FROM accounts WHERE slot_id = ?').get(slotId);
    if (!account || account.disabled_at !== null) throw notValidThen(manifest);
    if (account.role !== 'supervisor') throw new AppError('forbidden');
  } finally {
    db.close();
  }
}

/** Copies the backup's files into `to` (temporary names, synced, renamed), then checks them there. */
function copyInto(folder: string, to: string, manifest: Manifest, key: Buffer): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const file of BACKUP_FILES) copyDurably(join(folder, file), join(to, file));
  syncFolder(to);
  assertFilesMatch(to, manifest);
  assertDatabaseMatches(to, manifest, key);
}

/**
 * Opens the restored folder as the app would (migrating a backup from an older version), checks
 * it there, and writes the restore into its audit log as the restorer.
 */
function openRestored(to: string, key: Buffer, restorer: Restorer, entry: { from: string; drill: boolean; manifest: Manifest }): void {
  const slots = KeySlotStore.open(to);
  let vault: OpenVault;
  try {
    vault = OpenVault.open(to, Buffer.from(key), slots, { create: false, restoring: true });
  } catch (error) {
    if (error instanceof DatabaseNewerError) throw new AppError('vault_newer', { found: error.found, supported: error.supported });
    throw new AppError('backup_damaged', { path: to, file: DATABASE_FILE });
  }
  try {
    // The copy passed the full check before it was opened; opening may have migrated it, so the
    // schema and the audit log's end are checked again as the app now sees them (the whole chain
    // too, for a backup whose log was not sound: broken as its manifest records, no otherwise).
    const recorded = entry.manifest.auditLogProblem;
    const asRecorded =
      recorded === undefined ? checkAuditHead(vault.db, vault.derivedKey('auditHead')).status === 'sound' : auditLogProblem(vault.db, key) === recorded;
    if (pendingMigrations(vault.db) > 0 || !asRecorded) throw new AppError('backup_damaged', { path: to, file: DATABASE_FILE });
    if (!entry.drill) {
      // Of a desk of several: no change until it has heard what the site holds of it (migration 19).
      holdBack(vault.db, new Date().toISOString(), { anew: true });
      const account = vault.accounts.bySlotId(slots.slotIdFor(restorer.userName));
      vault.audit.append({
        action: 'backup-restore',
        ...(account ? { accountId: account.id, userName: account.userName } : {}),
        details: { backupCreatedAt: entry.manifest.createdAt },
      });
    }
  } finally {
    vault.close();
  }
}

/**
 * Moves the checked vault from the staging folder into the data folder: every file synced, then
 * moved with keyslots.json last, the folder synced after each step, so that a restore killed (or
 * a power cut) at any moment leaves either the whole vault or no keyslots.json. Returns the names
 * moved so far through `moved`, for a failure to take back out.
 */
function moveIntoPlace(staging: string, target: string, moved: string[]): void {
  const names = readdirSync(staging);
  for (const name of names) syncFile(join(staging, name));
  syncFolder(staging);
  const slotsLast = [...names.filter((name) => name !== KEY_SLOTS_FILE), KEY_SLOTS_FILE];
  for (const name of slotsLast) {
    renameSync(join(staging, name), join(target, name));
    moved.push(name);
    syncFolder(target);
  }
  rmSync(staging, { recursive: true, force: true });
  syncFolder(target);
}

/**
 * Restores a backup into a new or empty data folder. Everything is checked before the first byte
 * is written (see openBackup); the vault is then put together in a staging folder inside the data
 * folder, checked again and opened there, and only then moved into place, keyslots.json last (see
 * RESTORE_STAGING). The restored vault opens with the passwords and the recovery key valid when
 * the backup was made.
 */
export async function restoreBackup(backup: string, to: string, restorer: Restorer, options: { keep?: readonly string[] } = {}): Promise<RestoreReport> {
  const from = backupFolderOf(backup);
  const keep = options.keep ?? [];
  const target = resolve(to);
  assertEmptyTarget(target, keep);
  const { manifest, key } = await openBackup(from, restorer);
  const createdTarget = !existsSync(target);
  const staging = join(target, RESTORE_STAGING);
  const moved: string[] = [];
  try {
    mkdirSync(target, { recursive: true, mode: 0o700 });
    if (createdTarget) syncFolder(dirname(target));
    clearInterruptedRestore(target);
    copyInto(from, staging, manifest, key);
    openRestored(staging, key, restorer, { from, drill: false, manifest });
    moveIntoPlace(staging, target, moved);
  } catch (error) {
    // A restore that did not verify, or could not be moved into place, is taken back out of the
    // folder it was written to; once keyslots.json is in place the vault is whole, and stays.
    if (!moved.includes(KEY_SLOTS_FILE)) {
      if (createdTarget) rmSync(target, { recursive: true, force: true });
      else for (const name of [RESTORE_STAGING, ...moved]) rmSync(join(target, name), { recursive: true, force: true });
    }
    throw error;
  } finally {
    key.fill(0);
  }
  return reportOf(from, target, manifest);
}

function reportOf(from: string, to: string, manifest: Manifest): RestoreReport {
  return {
    from: resolve(from),
    to,
    createdAt: manifest.createdAt,
    schemaVersion: manifest.schemaVersion,
    people: manifest.counts.people,
    auditEntries: manifest.counts.auditEntries,
    auditLogSound: manifest.auditLogProblem === undefined,
  };
}

function signedUnder(folder: string, manifest: Manifest, key: Buffer): boolean {
  try {
    assertManifestSigned(folder, manifest, key);
    return true;
  } catch {
    return false;
  }
}

/**
 * A drill's temporary folder in the system's temp folder: this prefix, the id of the process that
 * drills, and a random end. It holds an encrypted copy of the backup while the drill runs.
 */
export const DRILL_FOLDER_PREFIX = 'intake-restore-drill-';
const DRILL_FOLDER = /^intake-restore-drill-(\d+)-/;

/** Whether a process of that id runs (EPERM: it runs, as another user). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary folders of drills whose process no longer runs (killed midway, so its
 * own clean-up never ran); a drill of a process still running is left alone. One that cannot be
 * removed (another user's) is left too: it never stops this drill.
 */
export function removeDeadDrillFolders(folder = tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(DRILL_FOLDER.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processRuns(pid)) continue;
    try {
      rmSync(join(folder, name), { recursive: true, force: true });
    } catch {
      // Not ours to remove.
    }
  }
}

/**
 * A restore drill: the whole restore into a temporary folder, opened and verified there, its
 * counts compared with the manifest, then the folder removed. `key` is the live vault's key when
 * the drill runs from a signed-in session and the backup was made under it; otherwise the backup
 * is unlocked with the restorer's password.
 */
export async function drillBackup(backup: string, unlock: { key: Buffer; restorer?: Restorer } | { restorer: Restorer }): Promise<RestoreReport> {
  removeDeadDrillFolders();
  const from = backupFolderOf(backup);
  const folder = from;
  const liveKey = 'key' in unlock ? unlock.key : undefined;
  const manifest = readManifest(folder);
  let key: Buffer;
  if (liveKey && signedUnder(folder, manifest, liveKey)) {
    key = Buffer.from(liveKey);
    assertBackupIntact(folder, manifest, key);
  } else {
    // Made under another key (before a rotation), or its manifest was changed: the password
    // decides which, by unlocking the backup's own key slots.
    if (!unlock.restorer) throw new AppError('backup_damaged', { path: folder, file: MANIFEST_FILE });
    ({ key } = await openBackup(folder, unlock.restorer));
  }
  const scratch = mkdtempSync(join(tmpdir(), `${DRILL_FOLDER_PREFIX}${process.pid}-`));
  try {
    const target = join(scratch, 'data');
    copyInto(folder, target, manifest, key);
    openRestored(target, key, unlock.restorer ?? { userName: '', password: '' }, { from, drill: true, manifest });
    return reportOf(from, target, manifest);
  } finally {
    key.fill(0);
    rmSync(scratch, { recursive: true, force: true });
  }
}
