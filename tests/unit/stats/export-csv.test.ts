/**
 * The statistics CSV written by csv-stringify (issue 14): a site's own category name that starts
 * like a formula is written as text, the file has one byte-order mark and CRLF line ends, and the
 * HXL hashtag row stays right under the header row.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../../src/main/stats';
import { englishStatsLabel, type StatsReport } from '../../../src/shared/stats';

// The last is a fullwidth equals sign, which some spreadsheet programs read as "=".
const FORMULAS = ['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(1)', '\uFF1DHYPERLINK("http://x","y")'];

const REPORT: StatsReport = {
  rules: { from: '2026-06-01', to: '2026-11-30', granularity: 'month', k: 5, kSensitive: 10, roundTo5: false, minPopulation: 50, breakdowns: 'all' },
  tables: [
    {
      id: 'specificNeeds',
      countOf: 'people',
      sensitive: false,
      threshold: 5,
      rowDimension: 'category',
      rows: [
        ...FORMULAS.map((text, i) => ({ code: `site-${i + 1}`, label: { en: text } })),
        { code: 'site-6', label: { en: 'Needs a quiet room, near the clinic' } },
      ],
      columns: [{ code: 'people', labelKey: 'stats.countOf.people' }],
      cells: [[12], [7], ['suppressed'], [20], [9], [6]],
    },
  ],
};

function records(csv: string): string[][] {
  return parse(csv.replace(/^\uFEFF/, ''), { record_delimiter: '\r\n', relax_column_count: true }) as string[][];
}

describe('exportCsv', () => {
  const csv = exportCsv(REPORT, { label: englishStatsLabel, language: 'en' });
  const lines = records(csv);
  const tagRow = lines.findIndex((line) => line[0] === '#meta+table+name');

  it("writes a category name that starts like a formula as text, and the counts as numbers", () => {
    const rows = lines.slice(tagRow + 1);
    expect(rows.map((row) => row[2])).toEqual([...FORMULAS.map((text) => `'${text}`), 'Needs a quiet room, near the clinic']);
    expect(rows.map((row) => row[1])).toEqual(Array(6).fill('specificNeeds'));
    expect(rows.map((row) => row[6])).toEqual(['site-1', 'site-2', 'site-3', 'site-4', 'site-5', 'site-6']);
    expect(rows.map((row) => row[11])).toEqual(['12', '7', 'suppressed', '20', '9', '6']);
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('one byte-order mark, CRLF after every line and no bare LF, one width for every line', () => {
    expect(csv.startsWith(`\uFEFF${englishStatsLabel('stats.title')},`)).toBe(true);
    expect(csv.match(/\uFEFF/g)).toHaveLength(1);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).not.toMatch(/(?<!\r)\n/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('the rules first, then the header row with the hashtag row right under it', () => {
    expect(lines[0]?.[0]).toBe(englishStatsLabel('stats.title'));
    expect(lines[1]?.slice(0, 2)).toEqual([englishStatsLabel('stats.rules.rule'), englishStatsLabel('stats.rules.value')]);
    expect(tagRow).toBeGreaterThan(2);
    expect(lines[tagRow - 1]?.[0]).toBe(englishStatsLabel('stats.csv.table'));
    expect(lines[tagRow]?.[11]).toBe('#affected+total');
  });
});
