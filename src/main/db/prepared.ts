import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Db } from './connection';

const caches = new WeakMap<Db, Map<string, BetterSqlite3.Statement<unknown[], unknown>>>();

/**
 * A prepared statement, compiled once per connection and reused: preparing is most of the cost
 * of a small query, and registration runs dozens of them.
 */
export function prepared<P extends unknown[] = unknown[], R = unknown>(db: Db, sql: string): BetterSqlite3.Statement<P, R> {
  let statements = caches.get(db);
  if (!statements) {
    statements = new Map();
    caches.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement as unknown as BetterSqlite3.Statement<P, R>;
}
