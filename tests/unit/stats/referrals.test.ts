/**
 * Referrals by service and month (issue 16): under the same disclosure control as the other
 * tables, never by provider, sensitive services at the higher threshold. And the attack that
 * would break it: a supervisor who exports a month before and after one more referral arrived
 * (from another desk, dated in that month) and reads the difference.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../../src/shared/i18n/locales/en.json' with { type: 'json' };
import fr from '../../../src/shared/i18n/locales/fr.json' with { type: 'json' };
import ar from '../../../src/shared/i18n/locales/ar.json' with { type: 'json' };
import statsEn from '../../../src/shared/i18n/locales/stats/en.json' with { type: 'json' };
import statsFr from '../../../src/shared/i18n/locales/stats/fr.json' with { type: 'json' };
import statsAr from '../../../src/shared/i18n/locales/stats/ar.json' with { type: 'json' };
import { SUPPRESSED, englishStatsLabel, type PublishedTable } from '../../../src/shared/stats';
import { SENSITIVE_SERVICES, SERVICES, type Service } from '../../../src/shared/referrals';
import { computeStatistics, exportCsv } from '../../../src/main/stats';
import { peopleFixture, type PeopleFixture } from '../people/people-db';

const TODAY = '2026-11-25T10:00:00.000Z';
const LOCALES = { en, fr, ar } as const;
const STATS_LOCALES = { en: statsEn, fr: statsFr, ar: statsAr } as const;
const LATER = new Date('2026-12-02T10:00:00.000Z');
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const PROVIDER_NAME = 'Rainbow Legal Collective';
const REASON = 'arrested at the market last week';

function referralsTable(tables: readonly PublishedTable[]): PublishedTable | undefined {
  return tables.find((table) => table.id === 'referrals');
}

function cellOf(table: PublishedTable, service: Service, month: string) {
  return table.cells[table.rows.findIndex((row) => row.code === service)]?.[table.columns.findIndex((column) => column.code === month)];
}

describe('referrals in the statistics', () => {
  let fixture: PeopleFixture;
  let people: number[];
  let providerId: number;
  const refer = (personId: number, services: readonly Service[], at = '2026-11-10T09:00:00.000Z'): number =>
    Number(
      fixture.db
        .prepare("INSERT INTO referrals (number, person_id, provider_id, services, urgency, reason, created_at, created_by) VALUES (?, ?, ?, ?, 'routine', ?, ?, ?)")
        .run(`R-${personId}-${Math.random()}`, personId, providerId, JSON.stringify(services), REASON, at, fixture.protection.id).lastInsertRowid,
    );

  beforeAll(() => {
    fixture = peopleFixture(TODAY);
    people = Array.from({ length: 60 }, (_, index) => fixture.people.registerId(fixture.clerk, { fields: { chosenName: `Person ${index}` }, consents: ['register'] }));
    providerId = Number(
      fixture.db
        .prepare("INSERT INTO providers (name_en, organisation_type, services, safe_for, created_at) VALUES (?, 'lgbtiq-led', '[\"legal-help-after-arrest\",\"health\"]', '[\"lgbtiq\"]', ?)")
        .run(PROVIDER_NAME, TODAY).lastInsertRowid,
    );
    // 12 health referrals (2 of them also for HIV), 2 for legal aid, 7 for legal help after an arrest.
    people.slice(0, 12).forEach((id, index) => refer(id, index < 2 ? ['health', 'hiv'] : ['health']));
    people.slice(12, 14).forEach((id) => refer(id, ['legal-aid']));
    people.slice(14, 21).forEach((id) => refer(id, ['legal-help-after-arrest']));
    // Outside the period: never counted in November.
    refer(people[30] ?? 0, ['health'], '2026-10-20T09:00:00.000Z');
  });
  afterAll(() => fixture.close());

  it('are published by service and month, each cell on its own threshold, never by provider or with the reason', () => {
    const { report, exact } = computeStatistics(fixture.db, NOVEMBER, LATER);
    expect(report.rules.breakdowns).toBe('all');
    const table = referralsTable(report.tables);
    expect(table).toBeDefined();
    if (!table) return;
    expect(table.rows.map((row) => row.code)).toEqual([...SERVICES]);
    expect(table.columns.map((column) => column.code)).toEqual(['2026-11']);
    // A referral for two services counts in both: no totals are published.
    expect(table.total).toBeUndefined();
    expect(table.rowTotals).toBeUndefined();
    const exactTable = exact.find((candidate) => candidate.id === 'referrals');
    expect(exactTable?.counts[SERVICES.indexOf('health')]).toEqual([12]);
    const health = cellOf(table, 'health', '2026-11');
    expect(typeof health === 'number' && health >= 5 && Math.abs(health - 12) <= 3).toBe(true);
    // Below k: hidden. Sensitive services below kSensitive (7 < 10), and their zeros: hidden.
    expect(cellOf(table, 'legal-aid', '2026-11')).toBe(SUPPRESSED);
    expect(cellOf(table, 'legal-help-after-arrest', '2026-11')).toBe(SUPPRESSED);
    expect(cellOf(table, 'hiv', '2026-11')).toBe(SUPPRESSED);
    expect(cellOf(table, 'gbv-response', '2026-11')).toBe(SUPPRESSED);
    // A zero of a service that tells nothing sensitive is published.
    expect(cellOf(table, 'education', '2026-11')).toBe(0);
    for (const service of SENSITIVE_SERVICES) expect(table.rows.find((row) => row.code === service)?.sensitive).toBe(true);

    const csv = exportCsv(report, { label: englishStatsLabel, language: 'en' });
    expect(csv).toContain('#output+referrals');
    expect(csv).not.toContain(PROVIDER_NAME);
    expect(csv).not.toContain(REASON);
    expect(csv).not.toContain('lgbtiq-led');
    const healthLine = csv.split('\r\n').find((line) => line.includes(',referrals,') && line.includes(',health,'));
    expect(healthLine?.split(',')).toEqual(expect.arrayContaining(['2026-11', 'health', String(health)]));
  });

  it('leave sensitive services out of a report without sensitive breakdowns', () => {
    // October holds one person: a report over October and November publishes tier 1 only.
    fixture.db.prepare("UPDATE people SET registered_at = '2026-10-15T09:00:00.000Z' WHERE id = ?").run(people[59] ?? 0);
    const { report } = computeStatistics(fixture.db, { from: '2026-10-01', to: '2026-11-30' }, LATER);
    fixture.db.prepare('UPDATE people SET registered_at = ? WHERE id = ?').run(TODAY, people[59] ?? 0);
    expect(report.rules.breakdowns).toBe('tier1');
    const table = referralsTable(report.tables);
    expect(table?.rows.map((row) => row.code)).toEqual(SERVICES.filter((service) => !SENSITIVE_SERVICES.includes(service)));
    expect(table?.columns.map((column) => column.code)).toEqual(['2026-10', '2026-11']);
  });

  it('do not give away one more referral to a supervisor who differences two exports of the same month', () => {
    // The attack: export November, wait until one more health referral dated in November arrives
    // from another desk, export again, and read after - before as "one more person was referred".
    // Without perturbation the difference is always exactly 1; with it, it is the truth in only a
    // minority of tries, and the sensitive service stays hidden both times.
    const trials = 60;
    let differenceIsOne = 0;
    const setKeys = fixture.db.prepare('UPDATE people SET record_key = ? WHERE id = ?');
    // Record keys from a fixed seed (mulberry32), so the figure is the same at every run.
    let seed = 0x5eed;
    const nextKey = (): number => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    };
    for (let trial = 0; trial < trials; trial++) {
      for (const id of people) setKeys.run(nextKey(), id);
      const before = referralsTable(computeStatistics(fixture.db, NOVEMBER, LATER).report.tables);
      const added = refer(people[40] ?? 0, ['health', 'legal-help-after-arrest']);
      const after = referralsTable(computeStatistics(fixture.db, NOVEMBER, LATER).report.tables);
      fixture.db.prepare('DELETE FROM referrals WHERE id = ?').run(added);
      if (!before || !after) throw new Error('the referrals table is missing');
      const difference = Number(cellOf(after, 'health', '2026-11')) - Number(cellOf(before, 'health', '2026-11'));
      if (difference === 1) differenceIsOne += 1;
      expect(cellOf(before, 'legal-help-after-arrest', '2026-11')).toBe(SUPPRESSED);
      expect(cellOf(after, 'legal-help-after-arrest', '2026-11')).toBe(SUPPRESSED);
    }
    expect(differenceIsOne / trials).toBeLessThan(0.5);
  });

  it('name each service in the statistics exactly as the Refer form and the directory do, in every language', () => {
    for (const language of ['en', 'fr', 'ar'] as const) {
      const words = { ...(LOCALES[language] as { referrals: { service: Record<string, string> } }).referrals.service };
      const statsWords = (STATS_LOCALES[language] as { stats: { service: Record<string, string> } }).stats.service;
      expect(statsWords, language).toEqual(words);
    }
    for (const service of SERVICES) expect(englishStatsLabel(`stats.service.${service}`), service).toBe((LOCALES.en as { referrals: { service: Record<string, string> } }).referrals.service[service]);
  });

  it('give the same numbers for the same referrals, however often a month is asked for', () => {
    const first = referralsTable(computeStatistics(fixture.db, NOVEMBER, LATER).report.tables);
    const again = referralsTable(computeStatistics(fixture.db, { from: '2026-11-01', to: '2026-11-30' }, LATER).report.tables);
    expect(again?.cells).toEqual(first?.cells);
  });
});
