import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { DATABASE_FILE, type Db } from '../db/connection';
import { derivedKey } from '../vault/derived-keys';
import { KEY_SLOTS_FILE } from '../vault/key-slots';
import { copyLiveDatabase } from './database-copy';
import { copyDurably, hashFile, syncFile, syncFolder, writeDurably } from './durable-files';
import { assertFitsOnTarget, mayBeFat32 } from './file-size-limit';
import { generationName, partialName, pruneGenerations } from './generations';
import { BACKUP_FILES, MANIFEST_FILE, signManifest, type Manifest } from './manifest';
import { auditLogProblem, factsOf, openSnapshot, SnapshotProblem } from './snapshot';
import { assertBackupIntact, assertDatabaseMatches } from './verify-backup';
import type { BackupStep } from '../../shared/contract';
import { APP_NAME, APP_VERSION } from './app-version';

export interface BackupOptions {
  /** The live database (the app's own connection): copied as one committed state (copyLiveDatabase). */
  db: Db;
  databaseKey: Buffer;
  /** The data folder, for the key slots. */
  dataDir: string;
  /** The folder the supervisor picked; the backup is a new folder inside it. */
  to: string;
  /** How many backups to keep in `to`, this one included. */
  keep: number;
  now?: () => Date;
  /** Whether `to` may be FAT32 (4 GiB - 1 per file); found from the file system when not given. */
  fat32?: boolean;
  fileLimit?: number;
  /** Told as each step of BACKUP_STEPS starts; awaited, so a host can answer between them. */
  onStep?: (step: BackupStep) => Promise<void> | void;
}

export interface BackupResult {
  path: string;
  name: string;
  createdAt: string;
  people: number;
  auditEntries: number;
  /** False when the database's audit log was not sound: the backup holds it as it was. */
  auditLogSound: boolean;
  bytes: number;
  /** Older backups (and folders of backups cut short) removed once this one was verified. */
  removed: string[];
}

/** SQLite's word for a page that does not decrypt or authenticate, or a file that is no database. */
function isCorruption(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** What the database copy will take: the file's pages (copyLiveDatabase copies the file whole). */
function expectedDatabaseBytes(db: Db): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  return pages * pageSize;
}

/**
 * Makes one backup of the live vault in a new folder inside `to`, and verifies it there:
 *  1. `.intake-backup-<time>.partial/`: the database file as one committed state, still encrypted
 *     under its key (copyLiveDatabase), then the key slots, each synced;
 *  2. the manifest, from the copy itself (counts, audit head), signed, synced;
 *  3. verified as written: every file re-read and re-hashed (assertBackupIntact), then the copy
 *     opened, checked in full and counted (assertDatabaseMatches);
 *  4. renamed to `intake-backup-<time>/`, the folder synced; only then are old backups removed.
 * Any failure removes the partial folder: nothing that looks whole is left behind.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const to = resolve(options.to);
  if (!existsSync(to) || !statSync(to).isDirectory()) throw new AppError('folder_missing', { file: to });
  const at = (options.now ?? (() => new Date()))();
  const fat32 = options.fat32 ?? mayBeFat32(to);
  assertFitsOnTarget(DATABASE_FILE, expectedDatabaseBytes(options.db), fat32, options.fileLimit);
  const step = async (name: BackupStep): Promise<void> => {
    await options.onStep?.(name);
  };
  await step('copying');
  const name = generationName(to, at);
  const partial = join(to, partialName(name));
  mkdirSync(partial, { mode: 0o700 });
  try {
    const databaseCopy = join(partial, DATABASE_FILE);
    const temporary = `${databaseCopy}.tmp`;
    // Written into an empty file made first, so that only this user may read it.
    closeSync(openSync(temporary, 'wx', 0o600));
    await copyLiveDatabase(options.db, options.databaseKey, temporary);
    syncFile(temporary);
    assertFitsOnTarget(DATABASE_FILE, statSync(temporary).size, fat32, options.fileLimit);
    renameSync(temporary, databaseCopy);
    copyDurably(join(options.dataDir, KEY_SLOTS_FILE), join(partial, KEY_SLOTS_FILE));
    syncFolder(partial);

    await step('hashing');
    // What the copy holds, read from the copy; checked in full by the verification below.
    const snapshot = openSnapshot(databaseCopy, options.databaseKey);
    let facts;
    let auditProblem;
    try {
      facts = factsOf(snapshot);
      // A database whose audit log is not sound is still backed up (its records are not to be
      // lost with it), and the problem is recorded: the copy can only have it from the source,
      // since it is the live file's own pages, and every later check expects exactly it.
      auditProblem = auditLogProblem(snapshot, options.databaseKey);
    } finally {
      snapshot.close();
    }
    const manifest: Manifest = signManifest(derivedKey(options.databaseKey, 'backupManifest'), {
      format: 1,
      app: { name: APP_NAME, version: APP_VERSION },
      schemaVersion: facts.schemaVersion,
      site: facts.site,
      createdAt: at.toISOString(),
      files: BACKUP_FILES.map((file) => ({ name: file, ...hashFile(join(partial, file)) })),
      counts: facts.counts,
      auditHead: facts.auditHead,
      ...(auditProblem ? { auditLogProblem: auditProblem } : {}),
    });
    writeDurably(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    syncFolder(partial);

    await step('re-reading');
    assertBackupIntact(partial, manifest, options.databaseKey);
    await step('checking');
    assertDatabaseMatches(partial, manifest, options.databaseKey);
    await step('finishing');
    const path = join(to, name);
    renameSync(partial, path);
    syncFolder(to);
    // A backup of an unsound log removes no older backup: those made before the log was broken may
    // be the only sound copy of it left (partial folders are still cleared).
    const removed = pruneGenerations(to, auditProblem ? Number.POSITIVE_INFINITY : options.keep, name, manifest.site);
    if (removed.length > 0) syncFolder(to);
    const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
    return {
      path,
      name,
      createdAt: manifest.createdAt,
      people: facts.counts.people,
      auditEntries: facts.counts.auditEntries,
      auditLogSound: auditProblem === undefined,
      bytes,
      removed,
    };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    // Written, but not as it should be when read back from the media: nothing is kept of it.
    if (error instanceof SnapshotProblem || (error instanceof AppError && error.code === 'backup_damaged') || isCorruption(error)) {
      throw new AppError('backup_unverified', { path: to });
    }
    throw error;
  }
}
