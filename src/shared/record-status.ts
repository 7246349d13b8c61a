/**
 * A record's status (issue 15): whether the person is still served here. Nothing is deleted: a
 * change of status is a new row of record_statuses (migration 16), and the record's status is its
 * latest row by (effective_on, recorded_at, gid), the same at every desk; a record without one is
 * active. Stored as these codes; every screen names them through i18next (`recordStatus.status.*`).
 */
import { z } from 'zod';

export const RECORD_STATUSES = ['active', 'departed', 'relocated', 'deceased', 'closed'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** Why a record was closed: a closing needs one of these. */
export const CLOSING_REASONS = ['duplicate-record', 'left-without-notice', 'moved-to-other-site', 'no-longer-needs-help', 'other'] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

/** Which records a list shows: the active ones (the default), every one, or only those not active. */
export const RECORD_LIST_FILTERS = ['active', 'all', 'not-active'] as const;
export type RecordListFilter = (typeof RECORD_LIST_FILTERS)[number];
export const recordListFilterSchema = z.enum(RECORD_LIST_FILTERS);

const isoDay = z.iso.date();

/**
 * A status as set: a closing names its reason, no other status has one. The date is checked
 * against today in main (statusChangeProblem), where the clock is.
 */
export const recordStatusChangeSchema = z
  .object({
    status: z.enum(RECORD_STATUSES),
    reason: z.enum(CLOSING_REASONS).optional(),
    effectiveOn: isoDay,
  })
  .strict();
export type RecordStatusChange = z.infer<typeof recordStatusChangeSchema>;

/** The one rule for a change's reason and date, in main and on screen: what is wrong with it, if anything. */
export function statusChangeProblem(change: { status: RecordStatus; reason?: string | undefined; effectiveOn: string }, today: string): 'reason' | 'date' | undefined {
  if (change.status === 'closed' ? !(CLOSING_REASONS as readonly string[]).includes(change.reason ?? '') : change.reason !== undefined) return 'reason';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(change.effectiveOn) || change.effectiveOn > today) return 'date';
  return undefined;
}

/** A record's current status as lists and the record show it. */
export const currentStatusSchema = z.object({
  status: z.enum(RECORD_STATUSES),
  reason: z.enum(CLOSING_REASONS).optional(),
  effectiveOn: isoDay.optional(),
});
export type CurrentStatus = z.infer<typeof currentStatusSchema>;

/** One change of status in the record's own list, newest first. */
export const statusEntrySchema = z.object({
  status: z.enum(RECORD_STATUSES),
  reason: z.enum(CLOSING_REASONS).optional(),
  effectiveOn: isoDay,
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type StatusEntry = z.infer<typeof statusEntrySchema>;

export function isRecordStatus(value: unknown): value is RecordStatus {
  return typeof value === 'string' && (RECORD_STATUSES as readonly string[]).includes(value);
}

/**
 * A stored status as read: a code this version does not know (a newer desk's) reads as what it
 * cannot be mistaken for, a record no longer active: closed.
 */
export function readStatus(code: unknown): RecordStatus {
  return isRecordStatus(code) ? code : 'closed';
}

/** The day (YYYY-MM-DD) of `at` on this computer's calendar: "today" for a status's date. */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
