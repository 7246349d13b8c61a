import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from '../../shared/audit';

/** Free text a user typed (a reveal reason) may hold anything; the export leaves it out. */
const FREE_TEXT_DETAILS = new Set(['reasonText']);

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
  return `\uFEFF${stringify([['id', 'at', 'user', 'action', 'registration_number', 'details'], ...rows])}`;
}
