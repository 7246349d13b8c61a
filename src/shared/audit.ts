/** The audit log as it crosses the contract: who did what, when, to which record; never a person's values. */
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  /** details.file: a side file of the data folder found damaged, set aside and rebuilt. */
  'side-file-damaged',
  'sign-out',
  'lock',
  'unlock',
  'password-change',
  'recovery-reset',
  'record-open',
  'record-history-open',
  'field-reveal',
  /** A registration slip made (issue 15): personId, details.format ('html' opened in the print dialog, which may be cancelled; 'pdf' made as a file). */
  'slip-print',
  'record-create',
  'record-change',
  'consent-change',
  /** A record's status changed (issue 15): details.status, details.closingReason (a closing's code). */
  'record-status-change',
  'family-change',
  /** personId: the record kept; details.merged: the number of the record merged into it, and what moved. */
  'record-merge',
  'record-merge-undo',
  /** details.registrationNumbers: a pair judged not to be the same person. */
  'duplicate-dismiss',
  'import',
  'seed',
  'export',
  'key-export',
  /**
   * details.passed; when it passed, details.accounts (account slots given the new key) and
   * details.seconds; when not, details.error (the error's code). No key, no password.
   */
  'key-rotation',
  'audit-export',
  /** A work list shown: details.list (its kind), details.specificNeed (a need's code), details.rows. Never a name. */
  'work-list',
  /** A work list exported as CSV: details.list, details.specificNeed, details.rows, details.sortBy, details.sortDirection. */
  'work-list-export',
  /** A service directory entry (issue 16): details.provider (its global id), details.fields (the fields changed). Never a value. */
  'provider-add',
  'provider-change',
  'provider-retire',
  /** details.rows, details.added, details.updated, details.dryRun. */
  'provider-import',
  /** details.entries: the directory exported as CSV. */
  'provider-export',
  /** A leaflet of services printed or saved: details.language, details.format, details.service, details.area, details.entries. */
  'leaflet-print',
  'account-create',
  'account-change',
  'setting-change',
  /** details: the backup's folder name, people and entries it holds, generations removed; auditLogSound false when the log it holds was not sound. */
  'backup-create',
  /** details: when the backup was made, what it holds, and whether the drill passed. */
  'backup-drill',
  /** Written into the restored vault: details.backupCreatedAt. */
  'backup-restore',
  /** A new desk enrolled here (issue 13): details.desk (its number), details.accounts (how many travel). */
  'desk-enrol',
  /** A desk retired here (a lost or replaced laptop): details.desk (its number). */
  'desk-retire',
  /** Written into a joining desk's own log: details.site, details.desk, details.accounts (the user names it brought). */
  'desk-join',
  /** This desk's bundle written (issue 13): details.file, details.operations, details.firstSeq, details.lastSeq. */
  'exchange-write',
  /**
   * This desk held back at unlock: its data folder is older than what it sent (details.cause
   * 'older-copy', details.sent, details.numbered) or has sent but has no record of it on this
   * computer (details.cause 'no-record-here', details.sentInDatabase). Numbers only.
   */
  'exchange-hold-back',
  /** Another desk's bundle applied: details.desk, details.file, details.operations (new), details.conflicts, details.waiting. */
  'exchange-apply',
  /** A bundle refused whole, nothing of it applied: details.file, details.reason, details.desk when known. */
  'exchange-refuse',
  /** A conflict reviewed: personId when of a record; details.field, details.choose ('kept' or 'other'). */
  'exchange-conflict-resolve',
  /** A referral made (issue 16): personId; details.referral (its number), details.provider (id), details.services, details.sharedFields (keys), details.urgency. Never a value. */
  'referral-create',
  /** details.referral, details.status, details.happenedOn. */
  'referral-status',
  /** A referral slip printed or saved: details.referral, details.kind ('provider' or 'person'), details.format, details.language. */
  'referral-slip',
  /** The open referrals past their follow-up date listed: details.rows. */
  'referral-overdue',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export const auditDetailsSchema = z.record(z.string(), detailValue);
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userName: z.string().optional(),
  action: z.enum(AUDIT_ACTIONS),
  registrationNumber: z.string().optional(),
  details: auditDetailsSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z
  .object({
    userName: z.string().trim().max(100).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    registrationNumber: z.string().trim().max(40).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    beforeId: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const REVEAL_REASONS = ['current-task', 'identity-check', 'protection-follow-up', 'referral', 'other'] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];
/** How long a revealed value stays on screen by default. */
export const REVEAL_SECONDS = 30;
