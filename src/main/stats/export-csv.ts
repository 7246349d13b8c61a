/**
 * One CSV file for a whole report, readable both in a spreadsheet and by HXL tools.
 *
 * At the top, the rules applied (a title line and rule/value lines): HXL tools skip every line
 * above the header row, and a spreadsheet user reads them first. Then one HXL table: a header
 * row, the hashtag row directly under it, and one line per row of every table (its "Total" line
 * included). The columns are the union of what the tables need: which table and row, the row's
 * code in the column of its kind (#date, #country+code, #group+age+code, #group+code), then the
 * counts by gender, the people total, the family units by size, the units total and the
 * referrals (one line per service and month). A cell
 * hidden by disclosure control holds the word for "suppressed". UTF-8 with a byte-order mark,
 * so spreadsheet programs read Arabic correctly; CRLF line ends (RFC 4180).
 */
import { stringify } from 'csv-stringify/sync';
import { type PublishedTable, type StatsReport } from '../../shared/stats';
import { cellText, rowCode, rowLabel, ruleLines, tableTitle, valueTag, type ExportOptions } from './layout';

interface Column {
  header: string;
  tag: string;
}

const GENDER_CODES = ['f', 'm', 'i', 'not-recorded'] as const;
const SIZE_CODES = ['size1', 'size2', 'size3', 'size4', 'size5', 'size6+'] as const;

function columnsOf(report: StatsReport, options: ExportOptions): Column[] {
  const { label } = options;
  const people = { countOf: 'people' } as PublishedTable;
  const units = { countOf: 'units' } as PublishedTable;
  return [
    { header: label('stats.csv.table'), tag: '#meta+table+name' },
    { header: label('stats.csv.tableCode'), tag: '#meta+table+code' },
    { header: label('stats.csv.row'), tag: '#meta+row+name' },
    { header: label('stats.dimension.period'), tag: `#date+${report.rules.granularity}` },
    { header: label('stats.dimension.nationality'), tag: '#country+code' },
    { header: label('stats.dimension.age'), tag: '#group+age+code' },
    { header: label('stats.csv.categoryCode'), tag: '#group+code' },
    ...GENDER_CODES.map((code) => ({ header: label(`stats.gender.${code}`), tag: valueTag(people, code) })),
    { header: label('stats.countOf.people'), tag: valueTag(people, 'total') },
    ...SIZE_CODES.map((code) => ({ header: label(`stats.family.${code}`), tag: valueTag(units, code) })),
    { header: label('stats.countOf.units'), tag: valueTag(units, 'total') },
    { header: label('stats.countOf.referrals'), tag: valueTag({ countOf: 'referrals' } as PublishedTable, 'total') },
  ];
}

const DIMENSION_COLUMN: Record<PublishedTable['rowDimension'], number> = { period: 3, nationality: 4, age: 5, category: 6 };
const FIRST_GENDER = 7;
const PEOPLE_TOTAL = 11;
const FIRST_SIZE = 12;
const UNITS_TOTAL = 18;
const REFERRALS = 19;

/** Where a table's column goes among the shared value columns. */
function valueColumn(table: PublishedTable, code: string): number {
  if (table.countOf === 'units') {
    const size = SIZE_CODES.indexOf(code as (typeof SIZE_CODES)[number]);
    return size === -1 ? UNITS_TOTAL : FIRST_SIZE + size;
  }
  const gender = GENDER_CODES.indexOf(code as (typeof GENDER_CODES)[number]);
  return gender === -1 ? PEOPLE_TOTAL : FIRST_GENDER + gender;
}

/**
 * A table whose columns are months (referrals by service and month): one line per cell, its
 * month in the period column and its service in the category column, so the file stays one
 * HXL table whatever the period.
 */
function cellPerLine(table: PublishedTable, width: number, options: ExportOptions): string[][] {
  const title = tableTitle(table, options.label);
  return table.rows.flatMap((row, r) =>
    table.columns.map((column, c) => {
      const line = new Array<string>(width).fill('');
      line[0] = title;
      line[1] = table.id;
      line[2] = rowLabel(table, row, options);
      line[DIMENSION_COLUMN.period] = column.code;
      line[DIMENSION_COLUMN.category] = row.code;
      line[REFERRALS] = cellText(table.cells[r]?.[c], options.label);
      return line;
    }),
  );
}

function tableLines(table: PublishedTable, width: number, options: ExportOptions): string[][] {
  if (table.countOf === 'referrals') return cellPerLine(table, width, options);
  const title = tableTitle(table, options.label);
  const totalColumn = table.countOf === 'units' ? UNITS_TOTAL : PEOPLE_TOTAL;
  const single = table.columns.length === 1;
  const lines = table.rows.map((row, r) => {
    const line = new Array<string>(width).fill('');
    line[0] = title;
    line[1] = table.id;
    line[2] = rowLabel(table, row, options);
    line[DIMENSION_COLUMN[table.rowDimension]] = rowCode(table, row.code);
    table.columns.forEach((column, c) => {
      line[single ? totalColumn : valueColumn(table, column.code)] = cellText(table.cells[r]?.[c], options.label);
    });
    if (!single && table.rowTotals) line[totalColumn] = cellText(table.rowTotals[r], options.label);
    return line;
  });
  if (table.total !== undefined) {
    const line = new Array<string>(width).fill('');
    line[0] = title;
    line[1] = table.id;
    line[2] = options.label('stats.total');
    line[DIMENSION_COLUMN.category] = 'total';
    if (!single) table.columns.forEach((column, c) => (line[valueColumn(table, column.code)] = cellText(table.columnTotals?.[c], options.label)));
    line[totalColumn] = cellText(table.total, options.label);
    lines.push(line);
  }
  return lines;
}

/**
 * csv-stringify's RFC 4180 writer: CRLF after every line (a bare line break inside a value is
 * quoted too), one byte-order mark, text that a spreadsheet would run as a formula (=, +, -, @,
 * a tab or a CR first, or their fullwidth forms) prefixed with an apostrophe, and a value with
 * white space at either end quoted so it survives as typed.
 */
const CSV_OPTIONS = {
  bom: true,
  record_delimiter: 'windows',
  quote_record_delimiter: true,
  escape_formulas: true,
  quoted_match: /^\s|\s$/,
} as const;

/** The CSV text, starting with a byte-order mark: write it as UTF-8. */
export function exportCsv(report: StatsReport, options: ExportOptions): string {
  const columns = columnsOf(report, options);
  const width = columns.length;
  const pad = (cells: string[]) => [...cells, ...new Array<string>(Math.max(0, width - cells.length)).fill('')];
  const lines: string[][] = [
    pad([options.label('stats.title')]),
    pad([options.label('stats.rules.rule'), options.label('stats.rules.value')]),
    ...ruleLines(report, options.label).map(([rule, value]) => pad([rule, value])),
    pad([]),
    columns.map((column) => column.header),
    columns.map((column) => column.tag),
    ...report.tables.flatMap((table) => tableLines(table, width, options)),
  ];
  return stringify(lines, CSV_OPTIONS);
}
