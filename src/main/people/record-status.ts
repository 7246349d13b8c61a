import { AppError } from '../../shared/errors';
import {
  CLOSING_REASONS,
  isRecordStatus,
  localDay,
  readStatus,
  statusChangeProblem,
  type ClosingReason,
  type CurrentStatus,
  type RecordListFilter,
  type RecordStatusChange,
  type StatusEntry,
} from '../../shared/record-status';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { assertNotMerged } from './merged-records';

/**
 * A person's latest change of status, in SQL, for the record whose id is `personId` (a column or
 * a parameter): the one order every desk uses, (effective_on, recorded_at, gid), latest first.
 */
export function latestStatusSql(personId: string, column: 'status' | 'reason' | 'effective_on' = 'status'): string {
  return `(SELECT s.${column} FROM record_statuses s WHERE s.person_id = ${personId} ORDER BY s.effective_on DESC, s.recorded_at DESC, s.gid DESC LIMIT 1)`;
}

/** A record's status in SQL: its latest change, or active when it has none. */
export function statusSql(personId: string): string {
  return `coalesce(${latestStatusSql(personId)}, 'active')`;
}

/** The condition a list's filter puts on its rows (people as `alias`). */
export function listFilterSql(filter: RecordListFilter, alias: string): string {
  return statusFilterSql(filter, `${alias}.id`);
}

/** The condition a list's filter puts on a record id (an SQL expression; qualify the column). */
export function statusFilterSql(filter: RecordListFilter, personId: string): string {
  switch (filter) {
    case 'all':
      return '1';
    case 'active':
      return `${statusSql(personId)} = 'active'`;
    case 'not-active':
      return `${statusSql(personId)} <> 'active'`;
  }
}

const isReason = (value: unknown): value is ClosingReason => typeof value === 'string' && (CLOSING_REASONS as readonly string[]).includes(value);

/** A record's current status (an unknown code read as readStatus says). */
export function currentStatusOf(db: Db, personId: number): CurrentStatus {
  const row = prepared<[number], { status: string; reason: string | null; effective_on: string }>(
    db,
    'SELECT status, reason, effective_on FROM record_statuses WHERE person_id = ? ORDER BY effective_on DESC, recorded_at DESC, gid DESC LIMIT 1',
  ).get(personId);
  if (!row) return { status: 'active' };
  return {
    status: readStatus(row.status),
    ...(isReason(row.reason) ? { reason: row.reason } : {}),
    effectiveOn: row.effective_on,
  };
}

/** Every change of a record's status, latest first (the order that decides its status). */
export function statusHistoryOf(db: Db, personId: number): StatusEntry[] {
  return prepared<[number], { status: string; reason: string | null; effective_on: string; recorded_at: string; recorded_by: string | null }>(
    db,
    `SELECT s.status, s.reason, s.effective_on, s.recorded_at, a.user_name AS recorded_by
       FROM record_statuses s LEFT JOIN accounts a ON a.id = s.recorded_by
      WHERE s.person_id = ? ORDER BY s.effective_on DESC, s.recorded_at DESC, s.gid DESC`,
  )
    .all(personId)
    .filter((row) => isRecordStatus(row.status))
    .map((row) => ({
      status: row.status as StatusEntry['status'],
      ...(isReason(row.reason) ? { reason: row.reason } : {}),
      effectiveOn: row.effective_on,
      recordedAt: row.recorded_at,
      recordedBy: row.recorded_by ?? '',
    }));
}

/**
 * Records a change of a record's status as a new row: nothing is updated or deleted. A closing
 * needs a reason; the day it took effect is not after today on this computer's calendar.
 */
export function recordStatusChange(db: Db, personId: number, change: RecordStatusChange, by: number, now: Date): void {
  assertNotMerged(db, personId);
  if (prepared<[number], number>(db, 'SELECT 1 FROM people WHERE id = ?').pluck(true).get(personId) === undefined) throw new AppError('not_found');
  const today = localDay(now);
  const problem = statusChangeProblem(change, today);
  if (problem === 'reason') throw new AppError('record_status_reason', { status: change.status });
  if (problem === 'date') throw new AppError('record_status_future', { today });
  prepared(db, 'INSERT INTO record_statuses (person_id, status, reason, effective_on, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)').run(
    personId,
    change.status,
    change.reason ?? null,
    change.effectiveOn,
    now.toISOString(),
    by,
  );
}
