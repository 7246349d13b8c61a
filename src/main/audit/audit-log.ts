import { createHash } from 'node:crypto';
import type { AuditAction, AuditDetails, AuditEntry, AuditFilter } from '../../shared/audit';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { hasAuditHead, moveAuditHead, readAuditHead } from './audit-head';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditDraft {
  action: AuditAction;
  accountId?: number;
  userName?: string;
  personId?: number;
  registrationNumber?: string;
  details?: AuditDetails;
}

export interface AuditRow {
  id: number;
  at: string;
  account_id: number | null;
  user_name: string | null;
  action: AuditAction;
  person_id: number | null;
  registration_number: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export type ChainCheck = { sound: true; entries: number } | { sound: false; entries: number; brokenAt: number; reason: 'edited' | 'missing-or-reordered' };

/** The hash covers every column of the entry, its id included, and the previous entry's hash. */
function hashOf(row: Omit<AuditRow, 'hash'>): string {
  const content = JSON.stringify([
    row.id,
    row.at,
    row.account_id,
    row.user_name,
    row.action,
    row.person_id,
    row.registration_number,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * The append-only, hash-chained audit log. Entries say who did what to which record, never the
 * values: field names yes, a field's content no.
 */
export class AuditLog {
  private headKnown: boolean | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    /**
     * The key the head's MAC is made with (derived from the database key), asked for at each entry
     * so a new database key is followed; without it the head is left unsealed.
     */
    private readonly headKey?: () => Buffer,
  ) {}

  append(draft: AuditDraft, at: Date = this.now()): void {
    this.db.transaction(() => {
      const last = prepared<[], { id: number; hash: string }>(this.db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
      const row: Omit<AuditRow, 'hash'> = {
        id: (last?.id ?? 0) + 1,
        at: at.toISOString(),
        account_id: draft.accountId ?? null,
        user_name: draft.userName ?? null,
        action: draft.action,
        person_id: draft.personId ?? null,
        registration_number: draft.registrationNumber ?? null,
        details: JSON.stringify(draft.details ?? {}),
        prev_hash: last?.hash ?? GENESIS_HASH,
      };
      const hash = hashOf(row);
      prepared(
        this.db,
        `INSERT INTO audit_log (id, at, account_id, user_name, action, person_id, registration_number, details, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(row.id, row.at, row.account_id, row.user_name, row.action, row.person_id, row.registration_number, row.details, row.prev_hash, hash);
      this.moveHead(row.id, row.prev_hash, hash);
    })();
  }

  /**
   * The head moves with the entry, in its transaction. It stays sealed only when the log ended
   * where the head said: entries added, replaced or cut at the end past the app leave it unsealed,
   * so the next entry never launders them. When the head counted more entries than the log holds
   * (its end was cut), the gap is carried forward too.
   */
  private moveHead(id: number, prevHash: string, hash: string): void {
    this.headKnown ??= hasAuditHead(this.db);
    if (!this.headKnown) return;
    const head = readAuditHead(this.db);
    const continues = head !== undefined && head.entries === id - 1 && head.lastHash === prevHash;
    const cut = head !== undefined && head.entries >= id;
    moveAuditHead(this.db, { entries: cut ? head.entries + 1 : id, lastHash: hash }, continues || cut ? this.headKey?.() : undefined);
  }

  /** Newest first, filtered; `beforeId` pages further back. */
  list(filter: AuditFilter): AuditEntry[] {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (filter.userName) {
      where.push('user_name = ? COLLATE NOCASE');
      values.push(filter.userName);
    }
    if (filter.action) {
      where.push('action = ?');
      values.push(filter.action);
    }
    if (filter.registrationNumber) {
      where.push('registration_number = ? COLLATE NOCASE');
      values.push(filter.registrationNumber);
    }
    if (filter.from) {
      where.push('at >= ?');
      values.push(`${filter.from}T00:00:00.000Z`);
    }
    if (filter.to) {
      where.push('at < ?');
      values.push(new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000).toISOString());
    }
    if (filter.beforeId) {
      where.push('id < ?');
      values.push(filter.beforeId);
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return prepared<(string | number)[], AuditRow>(this.db, sql)
      .all(...values, filter.limit)
      .map((row) => ({
        id: row.id,
        at: row.at,
        ...(row.user_name ? { userName: row.user_name } : {}),
        action: row.action,
        ...(row.registration_number ? { registrationNumber: row.registration_number } : {}),
        details: JSON.parse(row.details) as AuditDetails,
      }));
  }

  /** Walks the chain from the first entry and names the first one that does not fit. */
  verify(): ChainCheck {
    return checkChain(this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY id').iterate());
  }
}

/**
 * Walks a chain of entries from the first (this desk's own, or one another desk sent, kept as
 * received) and names the first that does not fit: not numbered next, not following the hash
 * before it, or not hashing to its own hash.
 */
export function checkChain(rows: Iterable<AuditRow>): ChainCheck {
  let expectedPrevious = GENESIS_HASH;
  let entries = 0;
  for (const row of rows) {
    entries += 1;
    if (row.prev_hash !== expectedPrevious || row.id !== entries) return { sound: false, entries, brokenAt: row.id, reason: 'missing-or-reordered' };
    const { hash, ...content } = row;
    if (hashOf(content) !== hash) return { sound: false, entries, brokenAt: row.id, reason: 'edited' };
    expectedPrevious = hash;
  }
  return { sound: true, entries };
}
