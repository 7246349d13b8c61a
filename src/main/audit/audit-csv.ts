import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from '../../shared/audit';

/** Free text a user typed (a reveal reason) may hold anything; the export leaves it out. */
const FREE_TEXT_DETAILS = new Set(['reasonText']);

/**
 * csv-stringify's RFC 4180 writer: CRLF after every line (a bare line break inside a value is
 * quoted too), one byte-order mark, and text that a spreadsheet would run as a formula (=, +, -,
 * @, a tab or a CR first, or their fullwidth forms) prefixed with an apostrophe: a user name is
 * whatever was typed when the account was made.
 */
export const CSV_OPTIONS = { bom: true, record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true } as const;

/** The audit log as CSV, UTF-8 with a byte-order mark so spreadsheet programs show Arabic. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) => [
    entry.id,
    entry.at,
    entry.userName ?? '',
    entry.action,
    entry.registrationNumber ?? '',
    Object.entries(entry.details)
      .filter(([key]) => !FREE_TEXT_DETAILS.has(key))
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('|') : String(value)}`)
      .join('; '),
  ]);
  return stringify([['id', 'at', 'user', 'action', 'registration_number', 'details'], ...rows], CSV_OPTIONS);
}
