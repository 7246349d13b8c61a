/**
 * An XLSX workbook: a "Rules" sheet first, then one sheet per table. Each table sheet has its
 * title and code above, then a header row with the HXL hashtag row directly under it, the rows,
 * and the "Total" row, so an HXL tool can read any sheet on its own. Counts are numbers; a
 * suppressed cell holds the word for "suppressed". Sheets run right to left in Arabic.
 */
import ExcelJS from 'exceljs';
import { directionOf } from '../../shared/languages';
import type { PublishedTable, StatsReport } from '../../shared/stats';
import { SUPPRESSED, type Cell } from '../../shared/stats';
import { neutralZipTimes } from './zip-times';
import { columnLabel, dimensionLabel, rowCode, rowLabel, rowTag, ruleLines, tableNote, tableTitle, valueTag, type ExportOptions } from './layout';

/** Row numbers of a table sheet: the audit's parser reads them back. */
export const XLSX_LAYOUT = { titleRow: 1, codeRow: 2, headerRow: 4, tagRow: 5, firstDataRow: 6 } as const;

const FORBIDDEN_IN_SHEET_NAMES = /[[\]:*?/\\]/g;

function sheetName(title: string, index: number, used: Set<string>): string {
  const cleaned = title.replace(FORBIDDEN_IN_SHEET_NAMES, ' ').trim();
  let name = `${index}. ${cleaned}`.slice(0, 31);
  while (used.has(name)) name = `${name.slice(0, 28)}~${used.size}`;
  used.add(name);
  return name;
}

function cellValue(cell: Cell | undefined, options: ExportOptions): number | string {
  if (cell === undefined) return '';
  return cell === SUPPRESSED ? options.label('stats.suppressed') : cell;
}

function addTableSheet(workbook: ExcelJS.Workbook, table: PublishedTable, report: StatsReport, name: string, options: ExportOptions): void {
  const rtl = directionOf(options.language) === 'rtl';
  const sheet = workbook.addWorksheet(name, { views: [{ rightToLeft: rtl, state: 'frozen', ySplit: XLSX_LAYOUT.tagRow }] });
  const multi = table.columns.length > 1 && table.rowTotals !== undefined;
  sheet.getCell(XLSX_LAYOUT.titleRow, 1).value = tableTitle(table, options.label);
  sheet.getCell(XLSX_LAYOUT.titleRow, 1).font = { bold: true, size: 13 };
  sheet.getCell(XLSX_LAYOUT.codeRow, 1).value = options.label('stats.csv.tableCode');
  sheet.getCell(XLSX_LAYOUT.codeRow, 2).value = table.id;
  sheet.getCell(XLSX_LAYOUT.codeRow, 3).value = options.label(table.sensitive ? 'stats.rules.kSensitive' : 'stats.rules.k');
  sheet.getCell(XLSX_LAYOUT.codeRow, 4).value = table.threshold;
  const note = tableNote(table, options.label);
  if (note) sheet.getCell(XLSX_LAYOUT.codeRow + 1, 1).value = note;

  const headers = [dimensionLabel(table, options.label), ...table.columns.map((column) => columnLabel(column, options.label))];
  const tags = [rowTag(table, report.rules.granularity), ...table.columns.map((column) => valueTag(table, table.columns.length === 1 ? 'total' : column.code))];
  if (multi) {
    headers.push(options.label('stats.total'));
    tags.push(valueTag(table, 'total'));
  }
  // The row's code goes in a last column, so the first column can carry the reader's words.
  headers.push(options.label('stats.csv.categoryCode'));
  tags.push('#meta+row+code');
  sheet.getRow(XLSX_LAYOUT.headerRow).values = headers;
  sheet.getRow(XLSX_LAYOUT.headerRow).font = { bold: true };
  sheet.getRow(XLSX_LAYOUT.tagRow).values = tags;

  table.rows.forEach((row, r) => {
    const values: (number | string)[] = [rowLabel(table, row, options), ...table.columns.map((_, c) => cellValue(table.cells[r]?.[c], options))];
    if (multi) values.push(cellValue(table.rowTotals?.[r], options));
    values.push(rowCode(table, row.code));
    sheet.getRow(XLSX_LAYOUT.firstDataRow + r).values = values;
  });
  if (table.total !== undefined) {
    const values: (number | string)[] = [options.label('stats.total')];
    if (multi) values.push(...table.columns.map((_, c) => cellValue(table.columnTotals?.[c], options)));
    values.push(cellValue(table.total, options), 'total');
    const totalRow = sheet.getRow(XLSX_LAYOUT.firstDataRow + table.rows.length);
    totalRow.values = values;
    totalRow.font = { bold: true };
  }
  sheet.getColumn(1).width = 36;
  for (let c = 2; c <= headers.length; c++) sheet.getColumn(c).width = 16;
}

/**
 * The workbook's bytes. Its properties carry no time of day: created and modified are the day of
 * the export (`today`, by default now) at 00:00 UTC, and the ZIP entries inside are all dated
 * 1980-01-01 00:00 (zip-times.ts); exceljs would otherwise stamp both with the second it ran.
 */
export async function exportXlsx(report: StatsReport, options: ExportOptions, today: Date = new Date()): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const day = new Date(`${today.toISOString().slice(0, 10)}T00:00:00.000Z`);
  workbook.creator = 'Reception Intake';
  workbook.lastModifiedBy = 'Reception Intake';
  workbook.created = day;
  workbook.modified = day;
  workbook.title = options.label('stats.title');
  const rtl = directionOf(options.language) === 'rtl';
  const rules = workbook.addWorksheet(options.label('stats.rules.sheet').replace(FORBIDDEN_IN_SHEET_NAMES, ' ').slice(0, 31), {
    views: [{ rightToLeft: rtl }],
  });
  rules.getCell(1, 1).value = options.label('stats.title');
  rules.getCell(1, 1).font = { bold: true, size: 14 };
  rules.getRow(3).values = [options.label('stats.rules.rule'), options.label('stats.rules.value')];
  rules.getRow(3).font = { bold: true };
  ruleLines(report, options.label).forEach(([rule, value], i) => (rules.getRow(4 + i).values = [rule, value]));
  rules.getColumn(1).width = 60;
  rules.getColumn(2).width = 60;
  rules.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  rules.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  const used = new Set<string>([rules.name]);
  report.tables.forEach((table, i) => addTableSheet(workbook, table, report, sheetName(tableTitle(table, options.label), i + 1, used), options));
  return neutralZipTimes(new Uint8Array(await workbook.xlsx.writeBuffer()));
}
