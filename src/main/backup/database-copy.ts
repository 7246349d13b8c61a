import { createReadStream, createWriteStream, statSync, truncateSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3-multiple-ciphers';
import { keyConnection, openEncrypted, type Db } from '../db/connection';

/** Tries at taking a snapshot with nothing in the log before the copy falls back to VACUUM INTO. */
const SNAPSHOT_TRIES = 5;
/** Read and written a mebibyte at a time. */
const COPY_CHUNK = 1 << 20;
/** The reader only holds the snapshot: it reads no page but the schema's, so it needs no cache. */
const READER_CACHE_KIB = 1024;

/**
 * Copies the live database into `to` (an empty file made beforehand) as one committed state, byte
 * for byte, while the app goes on: the pages stay encrypted under the same key, as SQLCipher 4
 * wrote them, and nothing is decrypted or rebuilt. At 100,000 people VACUUM INTO took 6.6 s to
 * rebuild the 568 MB file where a copy of the file takes 2.0 s; at 1,000,000 people a backup
 * could not be made and verified in 90 s with it.
 *
 * Why the file alone is one committed state: a second connection moves the whole write-ahead log
 * into the file, then opens a read transaction while the log is empty. Such a reader reads the file
 * itself, and SQLite then writes nothing into the file until it ends (a checkpoint needs the lock
 * that reader holds, wal.c); commits made meanwhile go to the log only. If another process wrote
 * between the two steps (the log is not empty once the read began) or held the database busy, it
 * is tried again; after SNAPSHOT_TRIES, or if the copy itself fails, the database is copied by
 * VACUUM INTO on the live connection instead.
 *
 * The file is read through a handle of our own, which shares reading and writing with SQLite's
 * (the system's whole-file copy on Windows may not open a file another handle writes to). The copy
 * is then switched to a rollback journal, so that it is one file that opens read-only without a log
 * beside it. Never db.backup() (it fails on an encrypted database) nor serialize() (plain text).
 */
export async function copyLiveDatabase(db: Db, key: Buffer, to: string): Promise<'file copy' | 'vacuum into'> {
  const copied = await copyOneState(db.name, key, to);
  if (!copied) {
    truncateSync(to, 0);
    db.prepare('VACUUM INTO ?').run(to);
  }
  switchToRollbackJournal(to, key);
  return copied ? 'file copy' : 'vacuum into';
}

/** The file copied under a reader of an empty log; false when that could not be had, or the copy failed. */
async function copyOneState(live: string, key: Buffer, to: string): Promise<boolean> {
  const reader = openEncrypted(live, key, { mustExist: true });
  try {
    reader.pragma(`cache_size = -${READER_CACHE_KIB}`);
    // A reader of an older state makes the log's move wait: not waited for, tried again below.
    reader.pragma('busy_timeout = 0');
    for (let attempt = 0; attempt < SNAPSHOT_TRIES; attempt++) {
      if (beginOnEmptyLog(reader, live)) {
        try {
          await pipeline(createReadStream(live, { highWaterMark: COPY_CHUNK }), createWriteStream(to, { highWaterMark: COPY_CHUNK }));
          return true;
        } catch {
          return false;
        }
      }
      await sleep(50 * (attempt + 1));
    }
    return false;
  } finally {
    if (reader.inTransaction) reader.exec('COMMIT');
    reader.close();
  }
}

/** Moves the log into the file and begins a read; true when the log was empty as the read began (left open). */
function beginOnEmptyLog(reader: Db, live: string): boolean {
  try {
    const [moved] = reader.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM sqlite_master').get();
    if (moved?.busy === 0 && logBytes(live) === 0) return true;
  } catch (error) {
    // Another process holding the database busy: tried again.
    if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY'))) throw error;
  }
  if (reader.inTransaction) reader.exec('COMMIT');
  return false;
}

/** The log's size; undefined (never taken for empty) when it cannot be read for another reason than its absence. */
function logBytes(databasePath: string): number | undefined {
  try {
    return statSync(`${databasePath}-wal`).size;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 0 : undefined;
  }
}

function switchToRollbackJournal(path: string, key: Buffer): void {
  const copy = new Database(path, { fileMustExist: true });
  try {
    keyConnection(copy, key);
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}
