import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATS_LABEL_KEYS, englishStatsLabel, isStatsLabelKey, type StatsReport } from '../../../src/shared/stats';
import { seedPeople } from '../../../src/main/seed/seeder';
import { exportCsv, exportHtml, exportStatistics, exportXlsx, produceStatistics } from '../../../src/main/stats';
import { buildTables, tableLabelKeys } from '../../../src/main/stats/tables';
import { countPeriod } from '../../../src/main/stats/count';
import { periodOf } from '../../../src/main/stats/period';
import { peopleFixture, type PeopleFixture } from '../people/people-db';

const TODAY = '2026-11-25T10:00:00.000Z';
const HXL_TAG = /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/;

describe('exports', () => {
  let fixture: PeopleFixture;
  let report: StatsReport;
  beforeAll(() => {
    fixture = peopleFixture(TODAY);
    seedPeople(fixture.db, fixture.protection, { count: 600, seed: 3, today: new Date(TODAY) }, () => undefined);
    report = produceStatistics(fixture.db, { from: '2026-06-01', to: '2026-11-30', granularity: 'month', k: 6, kSensitive: 11, roundTo5: true }, new Date(TODAY));
  });
  afterAll(() => fixture.close());

  it('CSV: UTF-8 with a byte-order mark, the rules in the file, the hashtag row right under the header', () => {
    const csv = exportCsv(report, { label: englishStatsLabel, language: 'en' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records = parse(csv.slice(1), { relax_column_count: true }) as string[][];
    const tagRow = records.findIndex((record) => record[0] === '#meta+table+name');
    // HXL tools look for the hashtag row in the first 25 rows, and read the row above as headers.
    expect(tagRow).toBeGreaterThan(0);
    expect(tagRow).toBeLessThan(25);
    expect(records[tagRow - 1]?.[0]).toBe(englishStatsLabel('stats.csv.table'));
    for (const tag of records[tagRow] ?? []) expect(tag).toMatch(HXL_TAG);
    expect(new Set(records.map((record) => record.length)).size).toBe(1);
    const rules = new Map(records.slice(0, tagRow).map((record) => [record[0], record[1]]));
    expect(rules.get(englishStatsLabel('stats.rules.k'))).toBe('6');
    expect(rules.get(englishStatsLabel('stats.rules.kSensitive'))).toBe('11');
    expect(rules.get(englishStatsLabel('stats.rules.rounding'))).toBe(englishStatsLabel('stats.rules.roundingBase5'));
    expect(rules.get(englishStatsLabel('stats.rules.period'))).toBe('2026-06 – 2026-11');
  });

  it('XLSX: a Rules sheet first, then one sheet per table, each with its hashtag row under its header', async () => {
    const bytes = await exportXlsx(report, { label: englishStatsLabel, language: 'en' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)[0]).toBe('Rules');
    expect(workbook.worksheets).toHaveLength(report.tables.length + 1);
    const rules = workbook.worksheets[0]!;
    const ruleText = rules.getSheetValues().flat().join(' ');
    expect(ruleText).toContain(englishStatsLabel('stats.rules.roundingBase5'));
    for (const sheet of workbook.worksheets.slice(1)) {
      const tags = (sheet.getRow(5).values as unknown[]).filter((value) => typeof value === 'string') as string[];
      expect(tags.length).toBeGreaterThan(1);
      for (const tag of tags) expect(tag).toMatch(HXL_TAG);
      expect(sheet.name.length).toBeLessThanOrEqual(31);
    }
  });

  it('HTML: self-contained, with the rules and the disclosure note', () => {
    const html = exportHtml(report, { label: englishStatsLabel, language: 'fr' });
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(html).not.toMatch(/\b(src|href)=|url\((?!data:font\/woff2;base64,)|<script|@import/i);
    // The fonts travel inside the page: a machine without an Arabic font still prints Arabic.
    const families = [...html.matchAll(/@font-face \{ font-family: '([^']+)'; font-style: normal; font-weight: (\d+);[^}]*url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(families).toEqual(['Noto Sans 400', 'Noto Sans 700', 'Noto Sans Arabic 400', 'Noto Sans Arabic 700']);
    expect(html).toContain("font-src data:");
    expect(html).toContain(englishStatsLabel('stats.rules.suppression'));
    expect(html).toContain('<svg');
    expect((html.match(/<section>/g) ?? []).length).toBe(report.tables.length);
  });

  it('names files by period and gives their type', async () => {
    const file = await exportStatistics(report, 'csv', { label: englishStatsLabel, language: 'en' });
    expect(file).toMatchObject({ fileName: 'statistics_2026-06_2026-11.csv', mimeType: 'text/csv; charset=utf-8' });
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('every label a table uses has an English default', () => {
    const tables = buildTables(countPeriod(fixture.db, periodOf('2026-01-01', '2026-11-30', 'month'), new Date(TODAY)), { k: 5 });
    for (const key of tableLabelKeys(tables)) expect(isStatsLabelKey(key)).toBe(true);
    expect(STATS_LABEL_KEYS.length).toBeGreaterThan(50);
  });
});
