/**
 * Every failure that may cross from main to the renderer or the CLI. The UI shows
 * `errors.<code>` in the user's language; params fill the message. Never put a
 * person's data or a stack trace in here.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'forbidden',
  'not_signed_in',
  'locked',
  'already_set_up',
  'not_set_up',
  'vault_newer',
  'vault_damaged',
  /** params.file: a file of the data folder that cannot be rebuilt (keyslots.json) is missing or damaged. */
  'vault_files_damaged',
  /** params.rotatedAt: keyslots.json is an older copy than the database, from before the key rotation of that time. */
  'key_slots_outdated',
  /** params.accounts, params.recovery (0/1): slots still of the first format, which only their own password re-wraps. */
  'key_rotation_needs_sign_in',
  /** The rekey did not happen (another process changed the key, or the database refused): the old key still opens it. */
  'key_rotation_failed',
  'wrong_credentials',
  /** At unlock: the account was disabled while the screen was locked (its key slot is gone); the session is signed out. */
  'account_disabled',
  'wrong_recovery_key',
  'throttled',
  'password_too_short',
  'password_too_long',
  'password_common',
  /** A new password must differ from the one it replaces. */
  'password_unchanged',
  /**
   * The signed-in account's password was set by a supervisor (a new account, or a password they
   * reset): nothing but choosing one's own password, signing out and locking is allowed until then.
   */
  'password_change_due',
  'user_exists',
  /** params.character: the invisible or text-direction character, as U+XXXX. */
  'user_name_invalid',
  /** params.existing: the user name of the existing account it looks like (a staff name). */
  'user_name_confusable',
  /** The web host refused a call's body as larger than it accepts. */
  'request_too_large',
  'not_found',
  /** params.registrationNumber, params.keptNumber: the record was merged into another; work on that one. */
  'person_merged',
  /** params.registrationNumber: other records were merged into it, so it can only be the one kept. */
  'merge_has_merged',
  /** Two records to merge must be two different ones. */
  'merge_same_record',
  /** The merge was undone already. */
  'merge_undone',
  /** params.registrationNumber: no record with this number is merged into another, so there is no merge to undo. */
  'merge_not_found',
  /** params.registrationNumber, params.max: the two records hold more documents together than a record may. */
  'merge_too_many_documents',
  /**
   * params.registrationNumber: undoing the merge would give the record back its family unit as the
   * focal point, and the unit has another focal point since; give that member another relationship first.
   */
  'merge_undo_focal_point',
  /**
   * params.registrationNumber: the family unit the record was in before the merge has had all its
   * members moved to other units since (split or merged into another), so the undo cannot tell
   * where the record belongs; nothing was changed.
   */
  'merge_undo_unit_moved',
  'last_supervisor',
  'consent_required',
  /**
   * params.member (its position in the household, 1 for the first after the focal point), params.field
   * (a field key, 'relationship', 'person' for a person already registered, or 'member'), params.cause
   * (the refusal's own code), params.purpose (for consent_required): nothing of the household was saved.
   */
  'household_member_refused',
  'pdf_unavailable',
  'need_exists',
  'stats_unprotectable',
  'database_busy',
  'database_read_only',
  'disk_full',
  'disk_error',
  'permission_denied',
  'folder_missing',
  'path_is_folder',
  /** params.path, params.file: a backup's file is cut short, changed or from another backup; it was refused and nothing written. */
  'backup_damaged',
  /** params.path: no backup there (no manifest.json): not a backup folder, or one cut short before it was whole. */
  'backup_not_found',
  /** params.path: the backup written there did not read back as written; it was removed. */
  'backup_unverified',
  /** params.file, params.bytes, params.limit: the file would pass the 4 GiB - 1 bytes FAT32 holds. */
  'backup_too_large',
  /** No backup folder chosen yet in Site settings → Backups. */
  'backup_folder_not_set',
  /** params.folder: the backup folder is not there (a drive not plugged in) or is not a folder. */
  'backup_folder_missing',
  /** params.folder: a backup folder is given by its full path. */
  'backup_folder_not_absolute',
  /** params.folder: the folder is inside the app's data folder, and would be lost with the laptop. */
  'backup_folder_inside_data',
  /** This host has no system folder picker (the web host): the folder is typed. */
  'folder_picker_unavailable',
  /** params.folder: the app's own data folder holds files already; a restore from the set-up screen writes over nothing. */
  'restore_data_folder_not_empty',
  /** params.folder: a restore goes into a new or empty data folder only. */
  'restore_target_not_empty',
  /** params.createdAt: the user name and password do not open this backup's key slots; it opens with those valid when it was made. */
  'backup_wrong_credentials',
  /** Another program (intake rotate-key) gave the database a new key while the app had it open: signed out. */
  'vault_key_changed',
  /** A file under a bundle's name does not begin as a bundle does: it is some other file. */
  'bundle_not_a_bundle',
  /** params.version, params.supported: the bundle was written by a newer (or unknown) version of the app. */
  'bundle_version_unsupported',
  /** The bundle was written by a desk of another site. */
  'bundle_other_site',
  /** params.desk: the writing desk is not a desk of this site as this desk knows it (or its key has not arrived). */
  'bundle_unknown_desk',
  /** params.desk: the writing desk was retired, and the bundle carries changes made after the site stopped accepting them. */
  'bundle_retired_desk',
  /** params.desk: the signature is not the claimed desk's: the bundle was altered or made by someone else. */
  'bundle_signature_invalid',
  /** params.desk, params.kind: the bundle carries a kind of change (a table) this version does not know: a newer version wrote it. */
  'bundle_from_newer_app',
  /** params.desk (when the header could be read): the bundle is cut short or its bytes do not decrypt as written. */
  'bundle_damaged',
  /** params.desk, params.origin: the bundle passes on operations of desk `origin` that are not as that desk signed them. */
  'bundle_sent_on_unsigned',
  /** params.folder: the exchange folder is not there (a stick not plugged in, a share not connected) or is not a folder. */
  'exchange_folder_missing',
  'exchange_folder_not_absolute',
  'conflict_already_resolved',
  /** Only the kept value of an account's or a desk's conflict can stay; they are changed on their own screens, which keep their rules. */
  'conflict_keep_only',
  /** params.file: the file given is not an enrolment file. */
  'enrolment_not_an_enrolment',
  /** params.file: the passphrase does not open this enrolment file. */
  'enrolment_wrong_passphrase',
  /** params.file: the enrolment file was changed or cut after it was written. */
  'enrolment_damaged',
  /** params.desk: a desk cannot retire itself; a supervisor at another desk of the site retires it. */
  'desk_retire_own',
  /** params.desk: no desk of this site has that number. */
  'desk_not_found',
  /** params.desk: only desk 1 (the desk that made the site) enrols desks, so no number is given twice. */
  'desk_enrol_first_only',
  /** params.count: this desk was put back from an older backup and still lacks that many of its own changes, which the other desks send back at the next exchange. */
  'desk_enrol_after_restore',
  /** This desk was put back from a backup and has not yet heard from another desk of its site: it makes no change until it has exchanged. */
  'exchange_first_after_restore',
  /** params.file: an enrolment file's path must be absolute (a window has no working folder). */
  'enrolment_file_not_absolute',
  /** params.file: an enrolment file is never written over. */
  'enrolment_file_exists',
  /** params.file: no enrolment file there to read (not there, or a folder or other non-file). */
  'enrolment_file_missing',
  /** params.file, params.limit: the file is far larger than any enrolment file, so it is not read. */
  'enrolment_file_too_large',
  /** The recovery key's slot is of the first format (no key pair to carry): no desk was enrolled. */
  'enrolment_needs_recovery_key',
  /** params.bytes, params.limit: a kept draft is larger than a draft may be; it was not kept (what is on screen stays). */
  'draft_too_large',
  /** params.tier: the work list is chosen by a value of a tier the caller's role never reads. */
  'work_list_not_readable',
  /** params.tier: the work list is chosen by a tier-1 or tier-2 value, which the restricted screen does not show. */
  'work_list_restricted_screen',
  /** A retired directory entry is kept as it was: it is not changed or retired again, and nobody is referred to it any more. */
  'provider_retired',
  /** Clerks refer only where the site allows it (Site settings). */
  'referral_clerks_not_allowed',
  /** params.service: the provider does not offer this service. */
  'referral_service_not_offered',
  /** params.field: the referrer may not read this field (its tier, or the restricted screen), so cannot share it. */
  'referral_field_not_readable',
  /** params.field: a tier-2 field is shared only with the person's explicit consent for this referral. */
  'referral_sensitive_consent_required',
  /** The person withdrew the "referral" consent this referral stands on: no slip shows shared data again. */
  'referral_consent_withdrawn',
  /** params.field: the field shared is one the reader may not read now (its tier, or the restricted screen). */
  'referral_slip_field_hidden',
  /** params.date: a referral's status is dated the day it happened, never a day still to come. */
  'referral_status_in_future',
  /** A record closed without a reason from the list, or another status given one. */
  'record_status_reason',
  /** params.today: a change of status dated after today. */
  'record_status_future',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

/** One failed check of a call's input: the field's path, the rule's name and its bounds. */
export interface InvalidField {
  path: string;
  rule: string;
  params?: ErrorParams;
}

export interface RpcError {
  code: ErrorCode;
  params?: ErrorParams;
  /** For invalid_input: which fields failed, by path and rule, never by value. */
  fields?: InvalidField[];
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** Thrown by core services; dispatch turns it into an RpcError. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params?: ErrorParams,
    /** For invalid_input found past the contract's schema (a rule that needs the stored record). */
    readonly fields?: InvalidField[],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function isRpcError(value: unknown): value is RpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code)
  );
}
