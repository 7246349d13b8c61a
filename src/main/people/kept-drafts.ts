import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { AppError } from '../../shared/errors';
import { KEPT_DRAFT_MAX_BYTES, type KeptDraftContent, type KeptDraftSubject, type KeptDraftSummary } from '../../shared/kept-drafts';

/** Subject 0 is a new registration; any other number, the record being edited. */
function subjectOf(subject: KeptDraftSubject): number {
  return subject.kind === 'registration' ? 0 : subject.personId;
}

function summaryOf(row: { subject: number; saved_at: string; registration_number: string | null }): KeptDraftSummary {
  return row.subject === 0
    ? { kind: 'registration', savedAt: row.saved_at }
    : { kind: 'edit', personId: row.subject, registrationNumber: row.registration_number ?? '', savedAt: row.saved_at };
}

/**
 * A registration or an edit in progress, kept in the encrypted database for the account that typed
 * it, so a lock, a sign-out, a move to another screen or a crash does not lose it. Every read and
 * write is by the caller's own account id (given by main from the session, never by the caller):
 * another account, whatever its role, neither sees nor replaces nor removes it. One draft per
 * account and subject; never exchanged between desks (migration 14), never audited (it is the
 * author's own unsaved work: the registration or the change, when saved, is).
 */
export class KeptDrafts {
  constructor(private readonly db: Db) {}

  /** Keeps (or replaces) the author's draft; refuses one past KEPT_DRAFT_MAX_BYTES with draft_too_large. */
  save(accountId: number, subject: KeptDraftSubject, content: KeptDraftContent, now: Date = new Date()): { savedAt: string } {
    const text = JSON.stringify(content);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > KEPT_DRAFT_MAX_BYTES) throw new AppError('draft_too_large', { bytes, limit: KEPT_DRAFT_MAX_BYTES });
    if (subject.kind === 'edit') {
      const live = prepared<[number], number>(this.db, 'SELECT count(*) FROM people WHERE id = ? AND merged_into IS NULL').pluck(true).get(subject.personId);
      if (live !== 1) throw new AppError('not_found');
    }
    const savedAt = now.toISOString();
    prepared(
      this.db,
      `INSERT INTO kept_drafts (account_id, subject, content, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, subject) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at`,
    ).run(accountId, subjectOf(subject), text, savedAt);
    return { savedAt };
  }

  /** The author's draft for this subject, or null: never another account's. */
  get(accountId: number, subject: KeptDraftSubject): { content: KeptDraftContent; savedAt: string } | null {
    const row = prepared<[number, number], { content: string; saved_at: string }>(
      this.db,
      'SELECT content, saved_at FROM kept_drafts WHERE account_id = ? AND subject = ?',
    ).get(accountId, subjectOf(subject));
    if (!row) return null;
    const content: unknown = JSON.parse(row.content);
    if (typeof content !== 'object' || content === null || Array.isArray(content)) return null;
    return { content: content as KeptDraftContent, savedAt: row.saved_at };
  }

  /** The author's drafts, newest first, without their content: what the home screen offers to continue. */
  list(accountId: number): KeptDraftSummary[] {
    return prepared<[number], { subject: number; saved_at: string; registration_number: string | null }>(
      this.db,
      `SELECT d.subject, d.saved_at, p.registration_number FROM kept_drafts d LEFT JOIN people p ON p.id = d.subject
         WHERE d.account_id = ? ORDER BY d.saved_at DESC, d.subject`,
    )
      .all(accountId)
      .map(summaryOf);
  }

  /** Drops the author's draft (saved, or discarded by the author); nothing when there is none. */
  discard(accountId: number, subject: KeptDraftSubject): void {
    prepared(this.db, 'DELETE FROM kept_drafts WHERE account_id = ? AND subject = ?').run(accountId, subjectOf(subject));
  }
}
