import Database from 'better-sqlite3-multiple-ciphers';
import { keyConnection, type Db } from '../db/connection';
import { LATEST_VERSION, schemaVersion } from '../db/migrations';
import { AuditLog } from '../audit/audit-log';
import { checkAuditHead, readAuditHead } from '../audit/audit-head';
import { derivedKey } from '../vault/derived-keys';
import { SITE_PREFIX_DEFAULT } from '../../shared/contract';

/** What a database copy holds, read from the copy itself: the facts a manifest records. */
export interface SnapshotFacts {
  schemaVersion: number;
  site: { createdAt: string; prefix: string };
  counts: { people: number; auditEntries: number };
  auditHead: { entries: number; lastHash: string };
}

/** KiB of page cache of a connection to a backup's copy. */
const SNAPSHOT_CACHE_KIB = 32768;

/** A reason a copy is not sound, as a short English phrase for the message (never a value from it). */
export class SnapshotProblem extends Error {}

/**
 * Opens a copy of the database read-only with the raw key, as stock SQLCipher 4 would (cipher
 * sqlcipher, legacy 4): nothing is written to it, not even a journal mode.
 */
export function openSnapshot(path: string, key: Buffer): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    keyConnection(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('temp_store = MEMORY');
    // Small: the check reads each page once, and a larger cache would only hold more of the
    // register decrypted in memory during a backup, beside the live connection's.
    db.pragma(`cache_size = -${SNAPSHOT_CACHE_KIB}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function factsOf(db: Db): SnapshotFacts {
  const site = db.prepare<[], { created_at: string }>('SELECT created_at FROM site WHERE id = 1').get();
  const prefix = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'sitePrefix'").get();
  const head = readAuditHead(db);
  return {
    schemaVersion: schemaVersion(db),
    site: { createdAt: site?.created_at ?? '', prefix: prefix ? String(JSON.parse(prefix.value)) : SITE_PREFIX_DEFAULT },
    counts: {
      people: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM people').get()?.n ?? 0,
      auditEntries: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log').get()?.n ?? 0,
    },
    auditHead: { entries: head?.entries ?? 0, lastHash: head?.lastHash ?? '' },
  };
}

/**
 * Every check a copy must pass before it is called a backup: SQLite's integrity check (each page
 * decrypted and authenticated on the way), a schema this code knows, and the audit log as the
 * manifest records it: sound from its first entry with its head sealed and matching its end, or,
 * for a database backed up with an unsound log, broken exactly as it was then.
 */
export function checkSnapshot(db: Db, key: Buffer, recordedAuditProblem: string | undefined): SnapshotFacts {
  // SQLite3 Multiple Ciphers has no cipher_integrity_check: quick_check walks every page of every
  // table and index, and each page read is decrypted and its HMAC checked (a failure throws). It
  // skips what integrity_check adds, index entries matched against their rows (O(N log N): the
  // check step of a backup of 100,000 people took 11.2 s with it, 6.4 s without, on a busier
  // machine; bench/backup.ts), which media damage cannot break without failing a page's HMAC
  // first. A backup is the live file's pages as they were, so an index that disagreed with its
  // rows there would disagree in the copy too: `intake verify` runs the full integrity_check on the
  // live database for that. The files' SHA-256 against the signed manifest comes first in every check.
  const integrity = db.prepare<[], { quick_check: string }>('PRAGMA quick_check').all();
  if (integrity.length !== 1 || integrity[0]?.quick_check !== 'ok') throw new SnapshotProblem('the integrity check fails');
  const facts = factsOf(db);
  if (facts.schemaVersion < 8 || facts.schemaVersion > LATEST_VERSION) throw new SnapshotProblem(`schema version ${facts.schemaVersion} is not one this version writes`);
  const problem = auditLogProblem(db, key);
  if (problem !== recordedAuditProblem) throw new SnapshotProblem(problem ?? 'the audit log is sound, but the manifest records a problem');
  return facts;
}

/** What is wrong with a database's audit chain or head, if anything (the live one before a backup, and each copy). */
export function auditLogProblem(db: Db, key: Buffer): string | undefined {
  const chain = new AuditLog(db).verify();
  if (!chain.sound) return `the audit chain breaks at entry ${chain.brokenAt}`;
  const head = checkAuditHead(db, derivedKey(key, 'auditHead'));
  if (head.status !== 'sound') return `the audit head is ${head.status}`;
  return undefined;
}
