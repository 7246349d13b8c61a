/**
 * Charts leave out rows whose numbers are all suppressed or zero (issue 11): a tier-1 row of zeros
 * or of hidden numbers draws nothing, in the report's SVG as on the screen (both use chartRows).
 */
import { describe, expect, it } from 'vitest';
import { SUPPRESSED, englishStatsLabel, type PublishedTable, type StatsReport } from '../../../src/shared/stats';
import { chartRows } from '../../../src/shared/stats-text';
import { exportHtml } from '../../../src/main/stats';

const AGE_GENDER: PublishedTable = {
  id: 'ageGender',
  countOf: 'people',
  sensitive: false,
  threshold: 5,
  rowDimension: 'age',
  rows: ['0-4', '5-11', '12-17', '18-59', '60+', 'not-recorded'].map((code) => ({ code, labelKey: `stats.age.${code}` })),
  columns: ['f', 'm', 'i', 'not-recorded'].map((code) => ({ code, labelKey: `stats.gender.${code}` })),
  cells: [
    [0, 0, 0, 0], // 0-4: all zero
    [SUPPRESSED, SUPPRESSED, 0, 0], // 5-11: suppressed and zero only
    [6, SUPPRESSED, 0, SUPPRESSED], // 12-17: one number, a suppressed total
    [40, 38, 11, 7],
    [9, 8, 0, 0],
    [0, 0, 0, 0], // age not recorded: all zero
  ],
  rowTotals: [0, SUPPRESSED, SUPPRESSED, 96, 17, 0],
  columnTotals: [55, 52, 11, 12],
  total: 130,
};

const NATIONALITY: PublishedTable = {
  id: 'nationality',
  countOf: 'people',
  sensitive: false,
  threshold: 5,
  rowDimension: 'nationality',
  rows: [{ code: 'SY' }, { code: 'other', labelKey: 'stats.nationality.other' }, { code: 'not-recorded', labelKey: 'stats.notRecorded' }],
  columns: [{ code: 'people', labelKey: 'stats.people' }],
  cells: [[0], [SUPPRESSED], [0]],
  total: SUPPRESSED,
};

const REPORT: StatsReport = {
  rules: { from: '2026-10-01', to: '2026-10-31', granularity: 'month', k: 5, kSensitive: 10, roundTo5: false, minPopulation: 50, breakdowns: 'tier1' },
  tables: [AGE_GENDER, NATIONALITY],
};

/** The row labels an SVG chart draws (label texts end at the bar's start). */
function chartLabels(html: string, title: string): string[] {
  const figure = html.split('<figure>').find((part) => part.includes(`aria-label="Chart: ${title}"`));
  if (!figure) return [];
  return [...figure.matchAll(/text-anchor="end" direction="ltr">([^<]*)<\/text>/g)].map((match) => match[1]!);
}

describe('charts', () => {
  it('draw only rows with a published number above zero', () => {
    expect(chartRows(AGE_GENDER)).toEqual([2, 3, 4]);
    expect(chartRows(NATIONALITY)).toEqual([]);
  });

  it('the HTML and PDF report leaves rows of zeros and hidden numbers out of its chart, and draws no chart with nothing in it', () => {
    const html = exportHtml(REPORT, { label: englishStatsLabel, language: 'en' });
    const labels = chartLabels(html, englishStatsLabel('stats.tables.ageGender.title'));
    expect(labels).toEqual(['12–17', '18–59', '60 and over']);
    // The table itself still has every row.
    expect(html).toContain('>0–4</bdi>');
    expect(html).toContain('>Age not recorded</bdi>');
    expect(html).not.toContain(`aria-label="Chart: ${englishStatsLabel('stats.tables.nationality.title')}"`);
  });
});
