import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { SUPPRESSED, type Cell, type StatsLabel, type StatsReport, type StatsTableId } from '../../../src/shared/stats';
import type { Position } from '../../../src/main/stats/structure';
import type { PublishedLike } from '../../../src/main/stats/audit';
import { XLSX_LAYOUT } from '../../../src/main/stats/export-xlsx';
import { rowCode } from '../../../src/main/stats/layout';
import type { RawTable } from '../../../src/main/stats/tables';

/** A raw table for hand-worked examples. */
export function rawTable(
  id: StatsTableId,
  rows: readonly string[],
  columns: readonly string[],
  counts: number[][],
  options: { additive?: boolean; sensitive?: boolean; sensitiveRows?: readonly string[] } = {},
): RawTable {
  return {
    id,
    countOf: 'people',
    sensitive: options.sensitive ?? false,
    rowDimension: 'category',
    additive: options.additive ?? true,
    rows: rows.map((code) => ({ code, ...(options.sensitiveRows?.includes(code) ? { sensitive: true } : {}) })),
    columns: columns.map((code) => ({ code, labelKey: 'stats.people' as const })),
    counts,
  };
}

const AGE_CODES = ['0-4', '5-11', '12-17', '18-59', '60+', '18+', 'not-recorded'];
const ageFromHxl = new Map(AGE_CODES.map((code) => [rowCode({ rowDimension: 'age' } as never, code), code]));

/** A value column's code from its HXL hashtag, as docs/statistics.md documents them. */
function columnFromTag(tag: string, single: boolean, countOf: 'people' | 'units'): string {
  if (single) return countOf;
  const attribute = tag.split('+').pop() ?? '';
  // Referrals' columns are months: #output+referrals+month_2026_11.
  if (attribute.startsWith('month_')) return attribute.slice('month_'.length).replace('_', '-');
  if (attribute === 'gender_not_recorded') return 'not-recorded';
  if (attribute === 'size6_plus') return 'size6+';
  return attribute;
}

function cellOf(text: string | number | undefined, suppressedWord: string): Cell {
  if (text === suppressedWord) return SUPPRESSED;
  const value = Number(text);
  if (text === '' || text === undefined || !Number.isInteger(value)) throw new Error(`not a count: ${String(text)}`);
  return value;
}

interface ParsedLine {
  tableCode: StatsTableId;
  rowCode: string;
  values: Map<string, string>;
}

/**
 * Reads a CSV export back into tables, from the file alone: the hashtag row says what each
 * column is; the table code column groups the lines; "total" marks total lines.
 */
export function parseCsvExport(csv: string, label: StatsLabel): PublishedLike[] {
  const records = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
  const tagRow = records.findIndex((record) => record.filter((cell) => cell !== '').every((cell) => cell.startsWith('#')) && record.some((cell) => cell.startsWith('#')));
  const tags = records[tagRow] ?? [];
  const column = (tag: string) => tags.indexOf(tag);
  const dimensionColumns = tags.map((tag, index) => ({ tag, index })).filter(({ tag }) => /^#(date|country|group)/.test(tag));
  const valueColumns = tags.map((tag, index) => ({ tag, index })).filter(({ tag }) => tag.startsWith('#affected'));
  const lines: ParsedLine[] = records.slice(tagRow + 1).map((record) => {
    const dimension = dimensionColumns.find(({ index }) => (record[index] ?? '') !== '');
    let code = dimension ? (record[dimension.index] ?? '') : '';
    if (dimension?.tag === '#group+age+code') code = ageFromHxl.get(code) ?? code;
    return {
      tableCode: record[column('#meta+table+code')] as StatsTableId,
      rowCode: code,
      values: new Map(valueColumns.filter(({ index }) => (record[index] ?? '') !== '').map(({ tag, index }) => [tag, record[index] ?? ''])),
    };
  });
  const tables = new Map<StatsTableId, ParsedLine[]>();
  for (const line of lines) tables.set(line.tableCode, [...(tables.get(line.tableCode) ?? []), line]);
  const suppressedWord = label('stats.suppressed');
  // Referrals come one line per service and month: the month in the #date column, the service in #group+code.
  const referralLines = records.slice(tagRow + 1).filter((record) => record[column('#meta+table+code')] === 'referrals');
  const month = column(tags.find((tag) => tag.startsWith('#date')) ?? '#date');
  const service = column('#group+code');
  const referrals = column('#output+referrals');
  return [...tables].map(([id, tableLines]) => {
    if (id === 'referrals') {
      const rows = [...new Set(referralLines.map((record) => record[service] ?? ''))];
      const months = [...new Set(referralLines.map((record) => record[month] ?? ''))];
      const value = (row: string, at: string) => referralLines.find((record) => record[service] === row && record[month] === at)?.[referrals];
      return { id, rows: rows.map((code) => ({ code })), columns: months.map((code) => ({ code })), cells: rows.map((row) => months.map((at) => cellOf(value(row, at), suppressedWord))) };
    }
    const body = tableLines.filter((line) => line.rowCode !== 'total');
    const totalLine = tableLines.find((line) => line.rowCode === 'total');
    const valueTags = [...new Set(body.flatMap((line) => [...line.values.keys()]))];
    const totalTag = valueTags.find((tag) => tag.endsWith('+total')) ?? '';
    const partTags = valueTags.filter((tag) => tag !== totalTag);
    const single = partTags.length === 0;
    const countOf = totalTag.startsWith('#affected+hh') ? 'units' : 'people';
    const columnTags = single ? [totalTag] : partTags;
    const columns = columnTags.map((tag) => ({ code: columnFromTag(tag, single, countOf) }));
    return {
      id,
      rows: body.map((line) => ({ code: line.rowCode })),
      columns,
      cells: body.map((line) => columnTags.map((tag) => cellOf(line.values.get(tag), suppressedWord))),
      ...(!single && totalLine ? { rowTotals: body.map((line) => cellOf(line.values.get(totalTag), suppressedWord)) } : {}),
      ...(!single && totalLine ? { columnTotals: columnTags.map((tag) => cellOf(totalLine.values.get(tag), suppressedWord)) } : {}),
      ...(totalLine ? { total: cellOf(totalLine.values.get(totalTag), suppressedWord) } : {}),
    };
  });
}

/** Reads an XLSX export back: every sheet after "Rules" is one table, laid out as XLSX_LAYOUT says. */
export async function parseXlsxExport(bytes: Uint8Array, label: StatsLabel): Promise<{ sheetNames: string[]; rightToLeft: boolean[]; tables: PublishedLike[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const suppressedWord = label('stats.suppressed');
  const tables: PublishedLike[] = [];
  workbook.worksheets.slice(1).forEach((sheet) => {
    const text = (row: number, column: number) => {
      const value = sheet.getCell(row, column).value;
      return value === null || value === undefined ? '' : (value as string | number);
    };
    const id = text(XLSX_LAYOUT.codeRow, 2) as StatsTableId;
    const tags: string[] = [];
    for (let c = 1; text(XLSX_LAYOUT.tagRow, c) !== ''; c++) tags.push(String(text(XLSX_LAYOUT.tagRow, c)));
    const codeColumn = tags.indexOf('#meta+row+code') + 1;
    const valueTags = tags.slice(1, codeColumn - 1);
    const single = valueTags.length === 1;
    // Several columns and a row total after them (a table whose rows do not add up, such as the referrals', has none).
    const multi = !single && (valueTags[valueTags.length - 1]?.endsWith('+total') ?? false);
    const partTags = multi ? valueTags.slice(0, -1) : valueTags;
    const countOf = valueTags[0]?.startsWith('#affected+hh') ? 'units' : 'people';
    // Referrals' columns are months: a one-month table's column is named by its header, not its tag.
    const monthColumns = id === 'referrals' && single ? [{ code: String(text(XLSX_LAYOUT.headerRow, 2)) }] : undefined;
    const rows: { code: string; values: (string | number)[] }[] = [];
    let totals: (string | number)[] | undefined;
    for (let r = XLSX_LAYOUT.firstDataRow; text(r, 1) !== ''; r++) {
      const code = String(text(r, codeColumn));
      const values = valueTags.map((_, i) => text(r, 2 + i));
      if (code === 'total') totals = values;
      else rows.push({ code: ageFromHxl.get(code) ?? code, values });
    }
    tables.push({
      id,
      rows: rows.map((row) => ({ code: row.code })),
      columns: monthColumns ?? partTags.map((tag) => ({ code: columnFromTag(tag, single, countOf) })),
      cells: rows.map((row) => partTags.map((_, i) => cellOf(row.values[i], suppressedWord))),
      ...(multi ? { rowTotals: rows.map((row) => cellOf(row.values[valueTags.length - 1], suppressedWord)) } : {}),
      ...(multi && totals ? { columnTotals: partTags.map((_, i) => cellOf(totals?.[i], suppressedWord)) } : {}),
      ...(totals ? { total: cellOf(totals[valueTags.length - 1], suppressedWord) } : {}),
    });
  });
  return {
    sheetNames: workbook.worksheets.map((sheet) => sheet.name),
    rightToLeft: workbook.worksheets.map((sheet) => sheet.views[0]?.rightToLeft === true),
    tables,
  };
}

/**
 * Published tables (from the report or read back from a file) as the strongest attacker would
 * hold them: the same numbers hidden, every published number replaced by its true count (as if
 * the perturbation could be seen through), and the report's tier-2 marks (where zeros are hidden
 * too). The attacker's audit needs consistent numbers: perturbed totals need not add up.
 */
export function seenThroughPerturbation(
  tables: readonly PublishedLike[],
  truth: (table: StatsTableId, position: Position) => number,
  report: StatsReport,
): PublishedLike[] {
  return tables.map((table) => {
    const published = report.tables.find((candidate) => candidate.id === table.id);
    const exact = (cell: Cell, position: Position): Cell => (cell === SUPPRESSED ? SUPPRESSED : truth(table.id, position));
    return {
      id: table.id,
      sensitive: published?.sensitive ?? false,
      rows: table.rows.map((row, r) => ({ code: row.code, ...(published?.rows[r]?.sensitive ? { sensitive: true } : {}) })),
      columns: table.columns,
      cells: table.cells.map((line, row) => line.map((cell, column) => exact(cell, { row, column }))),
      ...(table.rowTotals ? { rowTotals: table.rowTotals.map((cell, row) => exact(cell, { row, column: 'total' })) } : {}),
      ...(table.columnTotals ? { columnTotals: table.columnTotals.map((cell, column) => exact(cell, { row: 'total', column })) } : {}),
      ...(table.total !== undefined ? { total: exact(table.total, { row: 'total', column: 'total' }) } : {}),
    };
  });
}
