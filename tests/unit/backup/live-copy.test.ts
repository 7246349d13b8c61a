/**
 * The backup's copy of the live database is the file's own encrypted pages as one committed state,
 * taken while the app goes on writing and moving its log into the file (src/main/backup/database-copy.ts).
 * The attack: commits and checkpoints during the copy. A copy that let them into the file would
 * hold pages of two states (here: rows counted as changed that were not, when the copy began).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { copyLiveDatabase } from '../../../src/main/backup/database-copy';
import { openSnapshot } from '../../../src/main/backup/snapshot';
import { openEncrypted, type Db } from '../../../src/main/db/connection';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir';

const ROWS = 40_000;

describe('copying the live database for a backup', () => {
  let dir = '';
  const opened: Db[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    removeTempDir(dir);
  });

  function liveDatabase(): { db: Db; key: Buffer } {
    dir = makeTempDir('live-copy');
    const key = randomBytes(32);
    const db = openEncrypted(join(dir, 'intake.db'), key, { mustExist: false });
    opened.push(db);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, changed INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) insert.run(randomBytes(500).toString('hex'));
    })();
    return { db, key };
  }

  function emptyFile(name: string): string {
    const path = join(dir, name);
    closeSync(openSync(path, 'wx', 0o600));
    return path;
  }

  /** Marks rows changed and moves the log into the file, as saves and the idle timer do, until stopped. */
  function writeWhile(db: Db, busy: () => boolean): Promise<number> {
    const change = db.prepare('UPDATE t SET changed = changed + 1 WHERE id = ?');
    return (async () => {
      let turns = 0;
      while (busy()) {
        db.transaction(() => {
          for (let i = 0; i < 200; i++) change.run(1 + Math.floor(Math.random() * ROWS));
        })();
        db.pragma('wal_checkpoint(PASSIVE)');
        turns += 1;
        await nextTurn();
      }
      return turns;
    })();
  }

  it('holds the state it began at, whole, while commits and checkpoints run during the copy', async () => {
    const { db, key } = liveDatabase();
    const to = emptyFile('copy.db');
    let copying = true;
    const copied = copyLiveDatabase(db, key, to).finally(() => (copying = false));
    const turns = await writeWhile(db, () => copying);
    expect(await copied).toBe('file copy');
    // Not an empty attack: the live database changed, and its log was moved, while the file was copied.
    expect(turns).toBeGreaterThan(0);
    expect(db.prepare<[], number>('SELECT count(*) FROM t WHERE changed > 0').pluck(true).get()).toBeGreaterThan(0);
    const copy = openSnapshot(to, key);
    opened.push(copy);
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(copy.prepare<[], number>('SELECT count(*) FROM t WHERE changed > 0').pluck(true).get()).toBe(0);
    expect(copy.prepare<[], number>('SELECT count(*) FROM t').pluck(true).get()).toBe(ROWS);
    // One file, still encrypted: no log beside it, no SQLite header in clear.
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(readFileSync(to).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
  });

  it('copies by VACUUM INTO when another reader keeps the log from being emptied, and the copy still holds one state', async () => {
    const { db, key } = liveDatabase();
    db.prepare('UPDATE t SET changed = 1 WHERE id = 1').run();
    // Another connection reading an older state: the log cannot be moved whole while it reads.
    const other = openEncrypted(db.name, key, { mustExist: true });
    opened.push(other);
    other.exec('BEGIN');
    other.prepare('SELECT count(*) FROM t').get();
    db.prepare('UPDATE t SET changed = 1 WHERE id = 2').run();
    const to = emptyFile('copy.db');
    expect(await copyLiveDatabase(db, key, to)).toBe('vacuum into');
    other.exec('COMMIT');
    const copy = openSnapshot(to, key);
    opened.push(copy);
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(copy.prepare<[], number>('SELECT count(*) FROM t WHERE changed > 0').pluck(true).get()).toBe(2);
  });
});
