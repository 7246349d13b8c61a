/**
 * The audit log as CSV (issue 14): what a user typed as their user name must not run as a formula
 * in a spreadsheet, and the file is UTF-8 with one byte-order mark and CRLF line ends (RFC 4180).
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { auditCsv } from '../../src/main/audit/audit-csv';
import type { AuditEntry } from '../../src/shared/audit';

const FORMULAS = ['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(1)', '\tindented', '\uFF1D1+1'];

function entry(id: number, userName: string): AuditEntry {
  return { id, at: '2026-11-25T10:00:00.000Z', userName, action: 'sign-in', details: {} };
}

function records(csv: string): string[][] {
  return parse(csv.replace(/^\uFEFF/, ''), { record_delimiter: '\r\n' }) as string[][];
}

describe('auditCsv', () => {
  it('writes a user name that starts like a formula as text: a leading apostrophe, the rest as typed', () => {
    const csv = auditCsv(FORMULAS.map((name, i) => entry(i + 1, name)));
    const users = records(csv).slice(1).map((record) => record[2]);
    expect(users).toEqual(FORMULAS.map((name) => `'${name}`));
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('leaves ordinary values alone: ids, times, actions and names that only contain = or -', () => {
    const csv = auditCsv([
      { id: 7, at: '2026-11-25T10:00:00.000Z', userName: 'amira-2', action: 'record-change', registrationNumber: 'REG-000001', details: { fields: ['notes', 'phone'] } },
    ]);
    expect(records(csv)).toEqual([
      ['id', 'at', 'user', 'action', 'registration_number', 'details'],
      ['7', '2026-11-25T10:00:00.000Z', 'amira-2', 'record-change', 'REG-000001', 'fields=notes|phone'],
    ]);
  });

  it('one byte-order mark at the start, CRLF after every line, no bare LF even inside a value', () => {
    const csv = auditCsv([entry(1, 'ليلى'), entry(2, 'line\nbreak'), entry(3, 'farid')]);
    expect(csv.startsWith('\uFEFFid,at,user,action,registration_number,details\r\n')).toBe(true);
    expect(csv.match(/\uFEFF/g)).toHaveLength(1);
    expect(csv.endsWith('\r\n')).toBe(true);
    // The only LF not after a CR is the one inside the quoted user name.
    expect(csv.match(/(?<!\r)\n/g)).toHaveLength(1);
    expect(records(csv).map((record) => record[2])).toEqual(['user', 'ليلى', 'line\nbreak', 'farid']);
  });

  it('an empty log is the header line alone, with its byte-order mark', () => {
    expect(auditCsv([])).toBe('\uFEFFid,at,user,action,registration_number,details\r\n');
  });
});
