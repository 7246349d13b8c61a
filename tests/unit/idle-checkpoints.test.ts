import { copyFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncrypted, type Db } from '../../src/main/db/connection';
import { checkpointWhenIdle, WAL_PAGES_BEFORE_CHECKPOINT } from '../../src/main/db/idle-checkpoints';
import { makeTempDir, removeTempDir } from './helpers/temp-dir';

// Saves leave their pages in the write-ahead log; the log is moved into the database file between
// calls, not inside the save that fills it (save p95 at 100,000 people: 30 ms with SQLite's
// default, under 7 without). A copy of the database file alone shows where the rows are.
describe('moving the write-ahead log while the desk is idle', () => {
  let dir = '';
  const opened: Db[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    removeTempDir(dir);
  });

  function rowsInFileAlone(path: string, key: Buffer): number {
    const copy = join(dir, `copy-${opened.length}.db`);
    copyFileSync(path, copy);
    const db = openEncrypted(copy, key, { mustExist: true });
    opened.push(db);
    return db.prepare<[], number>('SELECT count(*) FROM saved').pluck(true).get() ?? 0;
  }

  it('keeps saves out of the move, and moves them within a second and a half', async () => {
    dir = makeTempDir('checkpoints');
    const key = randomBytes(32);
    const path = join(dir, 'intake.db');
    const db = openEncrypted(path, key, { mustExist: false });
    opened.push(db);
    db.exec('CREATE TABLE saved (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const stop = checkpointWhenIdle(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_PAGES_BEFORE_CHECKPOINT);
    // Some 1,500 pages of log, more than SQLite's default 1,000: the default would have moved them during a save.
    const insert = db.prepare('INSERT INTO saved (body) VALUES (?)');
    for (let i = 0; i < 500; i++) insert.run('x'.repeat(2000));
    expect(rowsInFileAlone(path, key)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(rowsInFileAlone(path, key)).toBe(500);
    stop();
  });

  it('moves the log during a save once it passes the backstop, for a desk that is never idle', () => {
    dir = makeTempDir('checkpoints');
    const key = randomBytes(32);
    const path = join(dir, 'intake.db');
    const db = openEncrypted(path, key, { mustExist: false });
    opened.push(db);
    db.exec('CREATE TABLE saved (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const stop = checkpointWhenIdle(db);
    const insert = db.prepare('INSERT INTO saved (body) VALUES (?)');
    for (let i = 0; i < 2 * WAL_PAGES_BEFORE_CHECKPOINT; i++) insert.run('x'.repeat(2000));
    expect(rowsInFileAlone(path, key)).toBeGreaterThan(0);
    stop();
  });
});
