import { createHmac } from 'node:crypto';
import { macEquals } from '../vault/mac';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

/**
 * The audit log's head: how many entries it has and the hash of the last, kept in its own row
 * (audit_head, migration 8) and written in the same transaction as each entry. The hash chain
 * catches an entry edited, deleted or moved inside the log; the head catches entries cut from its
 * end. The row carries an HMAC under a key derived from the database key (see derived-keys.ts):
 * whoever edits the file without going through the app cannot make a head that matches.
 */
export interface AuditHead {
  entries: number;
  lastHash: string;
}

interface HeadRow {
  entries: number;
  last_hash: string;
  mac: string | null;
}

/**
 * What `intake verify` says of the head: sound; entries cut from the end (the head counted more);
 * the log and the head disagree otherwise (entries added past the app, or the last one replaced);
 * the head's MAC does not match (it was changed past the app); no head at all; or a head never
 * sealed with the key. `unchecked` when no key was given (the MAC cannot be checked).
 */
export type HeadCheck =
  | { status: 'sound'; entries: number }
  | { status: 'cut'; recorded: number; found: number }
  | { status: 'differs'; recorded: number; found: number }
  | { status: 'forged' }
  | { status: 'missing' }
  | { status: 'unsealed' };

export function headMac(key: Buffer, head: AuditHead): string {
  return createHmac('sha256', key).update(`intake-audit-head-v1\n${head.entries}\n${head.lastHash}`, 'utf8').digest('hex');
}

export function macMatches(key: Buffer, head: AuditHead, mac: string): boolean {
  const expected = Buffer.from(headMac(key, head), 'hex');
  const actual = Buffer.from(mac, 'hex');
  return macEquals(actual, expected);
}

/** Whether this database has a head table (migration 8); older schemas have none. */
export function hasAuditHead(db: Db): boolean {
  return prepared<[], { n: number }>(db, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'audit_head'").get()?.n === 1;
}

export function readAuditHead(db: Db): (AuditHead & { mac: string | null }) | undefined {
  const row = prepared<[], HeadRow>(db, 'SELECT entries, last_hash, mac FROM audit_head WHERE id = 1').get();
  return row ? { entries: row.entries, lastHash: row.last_hash, mac: row.mac } : undefined;
}

/**
 * Moves the head on; inside the entry's transaction. The head is sealed again only when it was
 * sound under the key before: a head changed or unsealed past the app stays unsealed from then on,
 * so the next entry never launders it (verify keeps reporting it). Without a key it is left unsealed.
 */
export function moveAuditHead(db: Db, head: AuditHead, key: Buffer | undefined): void {
  const before = readAuditHead(db);
  const wasSound = before !== undefined && before.mac !== null && key !== undefined && macMatches(key, before, before.mac);
  writeAuditHead(db, head, wasSound ? key : undefined);
}

/**
 * For a new database key (a key rotation): the head, checked under the old key, sealed under the
 * new one, in the rotation's transaction. A head that was not sound stays unsealed.
 */
export function resealAuditHead(db: Db, oldKey: Buffer, newKey: Buffer): void {
  const head = readAuditHead(db);
  if (!head) return;
  const sound = head.mac !== null && macMatches(oldKey, head, head.mac);
  writeAuditHead(db, head, sound ? newKey : undefined);
}

/** Writes the head as given, sealed under `key` (unsealed without). Prefer moveAuditHead and resealAuditHead. */
export function writeAuditHead(db: Db, head: AuditHead, key: Buffer | undefined): void {
  prepared(db, 'INSERT INTO audit_head (id, entries, last_hash, mac) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET entries = excluded.entries, last_hash = excluded.last_hash, mac = excluded.mac').run(
    head.entries,
    head.lastHash,
    key ? headMac(key, head) : null,
  );
}

/** The migration that creates the head, unsealed: SQL has no key. */
export const AUDIT_HEAD_MIGRATION = 8;

/**
 * Seals the head migration 8 started from the log as it was (mac NULL). Called only inside that
 * migration's transaction, so a head unsealed later (by hand) stays unsealed and is reported.
 */
export function sealAuditHead(db: Db, key: Buffer): void {
  const head = readAuditHead(db);
  if (!head || head.mac !== null) return;
  writeAuditHead(db, head, key);
}

/** The log's own end, as the chain has it: number of entries and the last hash. */
function logEnd(db: Db): AuditHead {
  const row = db.prepare<[], { n: number; last: string | null }>('SELECT count(*) AS n, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS last FROM audit_log').get();
  return { entries: row?.n ?? 0, lastHash: row?.last ?? '0'.repeat(64) };
}

/** Compares the head with the log; the MAC is checked first, when a key is given. */
export function checkAuditHead(db: Db, key: Buffer | undefined): HeadCheck {
  if (!hasAuditHead(db)) return { status: 'missing' };
  const head = readAuditHead(db);
  if (!head) return { status: 'missing' };
  if (key) {
    if (head.mac === null) return { status: 'unsealed' };
    if (!macMatches(key, head, head.mac)) return { status: 'forged' };
  }
  const found = logEnd(db);
  if (head.entries > found.entries) return { status: 'cut', recorded: head.entries, found: found.entries };
  if (head.entries !== found.entries || head.lastHash !== found.lastHash) return { status: 'differs', recorded: head.entries, found: found.entries };
  return { status: 'sound', entries: head.entries };
}
