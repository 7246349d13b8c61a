import type { ErrorCode, ErrorParams, RpcError } from '../../shared/errors';
import { inputRuleText, type Translate } from '../../shared/input-rules';
import { formatMoment } from '../../shared/i18n';
import en from '../../shared/i18n/locales/en.json';

/** A key of the English locale file, filled in: the CLI speaks the same words as the app. */
export const english: Translate = (key, params) => {
  let node: unknown = en;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  const template = typeof node === 'string' ? node : key;
  return template.replace(/\{\{\s*(\w+)\s*(?:,\s*(\w+)\s*)?\}\}/g, (_, name: string, format: string | undefined) => {
    const value = params?.[name] ?? '';
    return format === 'moment' ? formatMoment(value, 'en') : String(value);
  });
};

/**
 * Exit codes, one per kind of failure, so a script can tell them apart (also in the README):
 * 2 an option or its value (one the site's rules refuse included), 3 sign-in or rights, 4 a file or the disk, 5 the database is in use,
 * 6 damaged or tampered data, 1 anything else.
 */
export const EXIT = { ok: 0, other: 1, usage: 2, access: 3, file: 4, busy: 5, damaged: 6 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const EXIT_OF: Partial<Record<ErrorCode, ExitCode>> = {
  invalid_input: EXIT.usage,
  // A value given on the command line or standard input that the site's rules refuse.
  password_too_short: EXIT.usage,
  password_too_long: EXIT.usage,
  password_common: EXIT.usage,
  user_exists: EXIT.usage,
  user_name_invalid: EXIT.usage,
  user_name_confusable: EXIT.usage,
  stats_unprotectable: EXIT.usage,
  // A merge the records refuse: merged already, merged into, the same record, undone, too many documents.
  person_merged: EXIT.usage,
  merge_has_merged: EXIT.usage,
  merge_same_record: EXIT.usage,
  merge_undone: EXIT.usage,
  merge_not_found: EXIT.usage,
  merge_too_many_documents: EXIT.usage,
  // An undo that a later family edit makes inexact: refused, nothing changed.
  merge_undo_focal_point: EXIT.usage,
  merge_undo_unit_moved: EXIT.usage,
  forbidden: EXIT.access,
  not_signed_in: EXIT.access,
  wrong_credentials: EXIT.access,
  backup_wrong_credentials: EXIT.access,
  wrong_recovery_key: EXIT.access,
  throttled: EXIT.access,
  not_set_up: EXIT.access,
  already_set_up: EXIT.access,
  disk_full: EXIT.file,
  disk_error: EXIT.file,
  permission_denied: EXIT.file,
  folder_missing: EXIT.file,
  path_is_folder: EXIT.file,
  database_read_only: EXIT.file,
  pdf_unavailable: EXIT.file,
  database_busy: EXIT.busy,
  vault_damaged: EXIT.damaged,
  vault_key_changed: EXIT.busy,
  enrolment_not_an_enrolment: EXIT.file,
  enrolment_wrong_passphrase: EXIT.access,
  enrolment_damaged: EXIT.damaged,
  enrolment_file_exists: EXIT.file,
  enrolment_file_not_absolute: EXIT.usage,
  enrolment_file_missing: EXIT.file,
  enrolment_file_too_large: EXIT.file,
  desk_retire_own: EXIT.usage,
  provider_retired: EXIT.usage,
  desk_not_found: EXIT.usage,
  desk_enrol_first_only: EXIT.access,
  enrolment_needs_recovery_key: EXIT.access,
  vault_files_damaged: EXIT.damaged,
  key_slots_outdated: EXIT.damaged,
  key_rotation_needs_sign_in: EXIT.access,
  // The rekey was refused, most often because another program holds the database.
  key_rotation_failed: EXIT.busy,
  vault_newer: EXIT.damaged,
  backup_damaged: EXIT.damaged,
  backup_not_found: EXIT.file,
  backup_unverified: EXIT.file,
  backup_folder_not_set: EXIT.usage,
  backup_folder_missing: EXIT.file,
  backup_folder_not_absolute: EXIT.usage,
  backup_folder_inside_data: EXIT.usage,
  folder_picker_unavailable: EXIT.usage,
  backup_too_large: EXIT.file,
  restore_target_not_empty: EXIT.usage,
  restore_data_folder_not_empty: EXIT.usage,
  // A bundle refused whole by the exchange: altered, cut short, or not from a desk of this site that may still send.
  bundle_not_a_bundle: EXIT.damaged,
  bundle_version_unsupported: EXIT.damaged,
  bundle_other_site: EXIT.damaged,
  bundle_unknown_desk: EXIT.damaged,
  bundle_retired_desk: EXIT.damaged,
  bundle_signature_invalid: EXIT.damaged,
  bundle_from_newer_app: EXIT.damaged,
  bundle_damaged: EXIT.damaged,
  exchange_folder_missing: EXIT.file,
};

export function exitCodeOf(error: RpcError): ExitCode {
  return EXIT_OF[error.code] ?? EXIT.other;
}

/** camelCase contract field → --kebab-case option, unless the command names it otherwise. */
export function optionOf(path: string, renamed: Readonly<Record<string, string>> = {}): string {
  return renamed[path] ?? `--${path.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/**
 * One line for a failed call: for invalid input, each option and the rule it broke
 * ("--to: the period is at most 10 years"); otherwise the app's own message for the code.
 */
export function describeFailure(error: RpcError, renamed: Readonly<Record<string, string>> = {}): string {
  if (error.code === 'invalid_input' && error.fields && error.fields.length > 0) {
    return error.fields.map((field) => `${optionOf(field.path, renamed)}: ${inputRuleText(field, english)}`).join('; ');
  }
  const params: ErrorParams = error.params ?? {};
  const text = english(`errors.${error.code}`, params);
  return error.code === 'invalid_input' && typeof params.field === 'string' ? `${optionOf(params.field, renamed)}: ${text}` : text;
}
