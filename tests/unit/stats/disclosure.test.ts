import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPRESSED, STATS_LABELS, englishStatsLabel, type StatsLabel, type StatsReport } from '../../../src/shared/stats';
import { seedPeople } from '../../../src/main/seed/seeder';
import { assessRelease, auditRelease, type PublishedLike } from '../../../src/main/stats/audit';
import { computeStatistics, exportCsv, exportHtml, exportXlsx, linksOf, type Statistics } from '../../../src/main/stats';
import { thresholdAt } from '../../../src/main/stats/publish';
import { truthOf } from '../../../src/main/stats/suppress';
import { peopleFixture, type PeopleFixture } from '../people/people-db';
import { parseCsvExport, parseXlsxExport, seenThroughPerturbation } from './helpers';

const TODAY = '2026-11-25T10:00:00.000Z';
/** Breakdowns are published only for months that have ended: the tables are asked for in December. */
const LATER = new Date('2026-12-02T10:00:00.000Z');
/** Stands in for a translation: every label changed, so nothing may rely on the English words. */
const arabicLabel: StatsLabel = (key) => `ع ${STATS_LABELS[key]}`;

const UNIQUE_NAME = 'Zainab Unique-Person';
const UNIQUE_WORDS = 'two-spirit elder';

/**
 * Every failure the attacker's audit finds in a set of tables, judged against the true counts.
 * The audit works on the true values of what is published (seenThroughPerturbation): the
 * strongest attacker, and the numbers stay consistent where perturbed totals need not add up.
 */
function auditFailures(statistics: Statistics, published: readonly PublishedLike[]) {
  const rules = statistics.report.rules;
  const tables = seenThroughPerturbation(published, truthOf(statistics.exact), statistics.report);
  const bounds = auditRelease(tables, linksOf());
  return assessRelease(
    tables,
    truthOf(statistics.exact),
    (id, position) => thresholdAt(statistics.exact.find((table) => table.id === id)!, position, rules),
    bounds,
  );
}

/** The published numbers, table by table, in the shape the parsers give back. */
function shapeOf(report: StatsReport) {
  return report.tables.map((table) => ({
    id: table.id,
    rows: table.rows.map((row) => row.code),
    cells: table.cells,
    rowTotals: table.rowTotals,
    columnTotals: table.columnTotals,
    total: table.total,
  }));
}

function parsedShape(tables: readonly PublishedLike[]) {
  return tables.map((table) => ({
    id: table.id,
    rows: table.rows.map((row) => row.code),
    cells: table.cells,
    rowTotals: table.rowTotals,
    columnTotals: table.columnTotals,
    total: table.total,
  }));
}

describe('a site with one person unique in the published breakdowns', () => {
  let fixture: PeopleFixture;
  beforeAll(() => {
    fixture = peopleFixture(TODAY);
    seedPeople(fixture.db, fixture.protection, { count: 3000, seed: 5, today: new Date(TODAY) }, () => undefined);
    // Unique everywhere: the only person of this nationality, aged over 60 with another gender
    // (for reporting) and gender identity in their own words, LGBTIQ+, in sex work, a survivor of torture, with a mismatch.
    fixture.people.registerId(fixture.protection, {
      fields: {
        chosenName: UNIQUE_NAME,
        birth: { precision: 'year', year: 1941 },
        nationalities: ['NR'],
        genderForReporting: 'another',
        genderIdentity: { kind: 'self-described', text: UNIQUE_WORDS },
        sexualOrientation: { kind: 'listed', value: 'queer' },
        livelihood: { kind: 'listed', value: 'sex-work' },
        protectionNeeds: ['torture'],
        specificNeeds: ['older-person-at-risk', 'serious-medical-condition'],
        documentMismatch: true,
        mismatchReason: 'Documents from before transition.',
      },
      consents: ['register', 'sogiesc'],
    });
  });
  afterAll(() => fixture.close());

  const requests = {
    // Issue 11: breakdowns only for whole months that have ended; by week, the registrations alone.
    'the whole history by month': { from: '2025-06-01', to: '2026-11-30', granularity: 'month' as const },
    'one month (about 170 people)': { from: '2026-11-01', to: '2026-11-30', granularity: 'month' as const },
    'one week: registrations only': { from: '2026-11-23', to: '2026-11-29', granularity: 'week' as const },
    'one month, k raised to 7': { from: '2026-10-01', to: '2026-10-31', granularity: 'month' as const, k: 7 },
  };

  for (const [name, request] of Object.entries(requests)) {
    describe(name, () => {
      let statistics: Statistics;
      beforeAll(() => {
        statistics = computeStatistics(fixture.db, request, LATER);
      });

      it('publishes no count between 1 and k-1, and no hidden count can be worked out', () => {
        const { k, kSensitive } = statistics.report.rules;
        const truth = truthOf(statistics.exact);
        let hidden = 0;
        for (const table of statistics.report.tables) {
          const values = [...table.cells.flat(), ...(table.rowTotals ?? []), ...(table.columnTotals ?? []), ...(table.total === undefined ? [] : [table.total])];
          for (const value of values) if (value !== SUPPRESSED) expect(value === 0 || value >= k).toBe(true);
          hidden += values.filter((value) => value === SUPPRESSED).length;
          // Tier-2 numbers: 0 or at least the sensitive threshold.
          // (Zeros are hidden too in tier-2 breakdowns since issue 11, unless a published 0 total pins
          // them: a hidden one may be a true 0.)
          table.rows.forEach((row, r) => {
            if (!row.sensitive && !table.sensitive) return;
            table.columns.forEach((_, c) => {
              const value = table.cells[r]?.[c];
              if (value !== SUPPRESSED) expect(value === 0 || (value ?? 0) >= kSensitive).toBe(true);
              else expect(truth(table.id, { row: r, column: c })).toBeGreaterThanOrEqual(0);
            });
          });
        }
        if (statistics.report.rules.breakdowns === 'none') expect(statistics.report.tables.map((table) => table.id)).toEqual(['registrations']);
        else if (name !== 'the whole history by month') expect(hidden).toBeGreaterThan(10);
        expect(auditFailures(statistics, statistics.report.tables)).toEqual([]);
      });

      it('the unique person is in a suppressed or merged cell of every breakdown they are unique in', () => {
        const nationality = statistics.report.tables.find((table) => table.id === 'nationality');
        if (!nationality) return expect(statistics.report.rules.breakdowns).toBe('none');
        expect(nationality.rows.map((row) => row.code)).not.toContain('NR');
        if (name !== 'one month (about 170 people)') return;
        const age = statistics.report.tables.find((table) => table.id === 'ageGender')!;
        const row = age.rows.findIndex((heading) => heading.code === '60+');
        const column = age.columns.findIndex((heading) => heading.code === 'i');
        // Fewer than kSensitive people of another gender in the row: merged into "not recorded"
        // before disclosure control, so the column shows none of them.
        expect(age.cells[row]?.[column]).toBe(0);
        const exactAge = statistics.exact.find((table) => table.id === 'ageGender')!;
        expect(exactAge.counts[row]?.[column]).toBe(0);
      });

      for (const [language, label] of [
        ['en', englishStatsLabel],
        ['ar', arabicLabel],
      ] as const) {
        it(`CSV (${language}): read back from the file, the same numbers, and the audit finds nothing`, () => {
          const csv = exportCsv(statistics.report, { label, language });
          const parsed = parseCsvExport(csv, label);
          expect(parsedShape(parsed)).toEqual(shapeOf(statistics.report));
          expect(auditFailures(statistics, parsed)).toEqual([]);
          expect(csv).not.toContain(UNIQUE_NAME);
          expect(csv).not.toContain(UNIQUE_WORDS);
          expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        });

        it(`XLSX (${language}): read back from the file, the same numbers, and the audit finds nothing`, async () => {
          const bytes = await exportXlsx(statistics.report, { label, language });
          const { tables, sheetNames, rightToLeft } = await parseXlsxExport(bytes, label);
          expect(sheetNames[0]).toBe(label('stats.rules.sheet'));
          expect(sheetNames).toHaveLength(statistics.report.tables.length + 1);
          expect(rightToLeft.every((rtl) => rtl === (language === 'ar'))).toBe(true);
          expect(parsedShape(tables)).toEqual(shapeOf(statistics.report));
          expect(auditFailures(statistics, tables)).toEqual([]);
          const text = Buffer.from(bytes).toString('latin1');
          expect(text).not.toContain('Zainab');
        });

        it(`HTML (${language}): every number shown is 0 or at least k, with no identifier or date`, () => {
          const html = exportHtml(statistics.report, { label, language });
          const { k } = statistics.report.rules;
          const numbers = [...html.matchAll(/<td class="number">(\d+)<\/td>/g)].map((match) => Number(match[1]));
          if (statistics.report.rules.breakdowns !== 'none') expect(numbers.length).toBeGreaterThan(20);
          for (const value of numbers) expect(value === 0 || value >= k).toBe(true);
          const barValues = [...html.matchAll(/fill="#333">(\d+)<\/text>/g)].map((match) => Number(match[1]));
          for (const value of barValues) expect(value === 0 || value >= k).toBe(true);
          expect(html).not.toContain(UNIQUE_NAME);
          expect(html).not.toContain(UNIQUE_WORDS);
          expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
          expect(html).toContain(`lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}"`);
        });
      }
    });
  }

  it('with rounding, publishes multiples of 5 and hides exactly what it hides without', () => {
    const exact = computeStatistics(fixture.db, requests['one month (about 170 people)'], LATER);
    const rounded = computeStatistics(fixture.db, { ...requests['one month (about 170 people)'], roundTo5: true }, LATER);
    expect([...rounded.protection.suppressed]).toEqual([...exact.protection.suppressed]);
    for (const table of rounded.report.tables) {
      for (const value of [...table.cells.flat(), ...(table.rowTotals ?? []), ...(table.columnTotals ?? []), table.total]) {
        if (typeof value === 'number') expect(value % 5).toBe(0);
      }
    }
    expect(exportCsv(rounded.report, { label: englishStatsLabel, language: 'en' })).toContain(englishStatsLabel('stats.rules.roundingBase5'));
  });
});
