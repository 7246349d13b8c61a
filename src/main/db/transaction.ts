import type { Db } from './connection';

/**
 * A transaction that may span an await (the key derivation and the PDF printer are async, and
 * better-sqlite3's transaction() is synchronous). Safe because the dispatcher runs one call at a
 * time on the one connection. Inside an open transaction the work simply joins it; the
 * synchronous db.transaction() blocks inside become savepoints.
 */
export async function inAsyncTransaction<T>(db: Db, work: () => Promise<T> | T): Promise<T> {
  if (db.inTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  try {
    const value = await work();
    db.exec('COMMIT');
    return value;
  } catch (error) {
    if (db.open && db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
