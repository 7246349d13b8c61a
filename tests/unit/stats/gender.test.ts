/**
 * Gender for reporting (issue 11): the tier-1 question asked of everyone is what the age-by-gender
 * table and same-gender partner units count. Nothing is taken from the tier-2 gender identity;
 * "another" is merged into "gender not recorded" in any row where fewer than kSensitive gave it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonFields } from '../../../src/shared/catalogue';
import { SUPPRESSED, type PublishedTable } from '../../../src/shared/stats';
import { computeStatistics, type Statistics } from '../../../src/main/stats';
import type { RawTable } from '../../../src/main/stats/tables';
import { knownColumns, prepareRow } from '../../../src/main/people/import-rows';
import { peopleFixture, type PeopleFixture } from '../people/people-db';

const TODAY = '2026-11-25T10:00:00.000Z';
const LATER = new Date('2026-12-02T10:00:00.000Z');
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30', granularity: 'month' as const };
const ADULT = { precision: 'year', year: 1990 } as const;
const OLDER = { precision: 'year', year: 1950 } as const;

function at(table: RawTable | PublishedTable, row: string, column: string): number | typeof SUPPRESSED | undefined {
  const r = table.rows.findIndex((heading) => heading.code === row);
  const c = table.columns.findIndex((heading) => heading.code === column);
  return 'counts' in table ? table.counts[r]?.[c] : table.cells[r]?.[c];
}

function exact(statistics: Statistics, id: RawTable['id']): RawTable {
  return statistics.exact.find((table) => table.id === id)!;
}

function published(statistics: Statistics, id: PublishedTable['id']): PublishedTable {
  return statistics.report.tables.find((table) => table.id === id)!;
}

describe('gender for reporting in the statistics', () => {
  let fixture: PeopleFixture;
  beforeAll(() => {
    fixture = peopleFixture(TODAY);
    let index = 0;
    const register = (fields: Omit<PersonFields, 'chosenName'>, family?: { withPersonId: number; relationship: 'partner' }) =>
      fixture.people.registerId(fixture.protection, {
        fields: { chosenName: `Person ${index++}`, ...fields },
        consents: ['register'],
        ...(family ? { family } : {}),
      });
    const times = (count: number, fields: Omit<PersonFields, 'chosenName'>) => {
      for (let i = 0; i < count; i++) register(fields);
    };
    // 18-59: 20 women, 20 men, 12 of another gender (at least kSensitive), 2 who prefer not to
    // say, and 5 who gave a gender identity (tier 2) but were not asked gender for reporting.
    times(20, { birth: ADULT, genderForReporting: 'woman-or-girl' });
    times(20, { birth: ADULT, genderForReporting: 'man-or-boy' });
    times(12, { birth: ADULT, genderForReporting: 'another' });
    times(2, { birth: ADULT, genderForReporting: 'prefers-not-to-say' });
    times(5, { birth: ADULT, genderIdentity: { kind: 'listed', value: 'woman' } });
    // 60 and over: 6 women, 6 men, 3 of another gender (fewer than kSensitive).
    times(6, { birth: OLDER, genderForReporting: 'woman-or-girl' });
    times(6, { birth: OLDER, genderForReporting: 'man-or-boy' });
    times(3, { birth: OLDER, genderForReporting: 'another' });
    // Ten couples of two men (by gender for reporting), and one couple whose gender identities
    // (tier 2) are both "woman" but who answered woman or girl / man or boy for reporting.
    for (let i = 0; i < 10; i++) {
      const first = register({ birth: ADULT, genderForReporting: 'man-or-boy' });
      register({ birth: ADULT, genderForReporting: 'man-or-boy' }, { withPersonId: first, relationship: 'partner' });
    }
    const first = register({ birth: ADULT, genderForReporting: 'woman-or-girl', genderIdentity: { kind: 'listed', value: 'woman' } });
    register({ birth: ADULT, genderForReporting: 'man-or-boy', genderIdentity: { kind: 'listed', value: 'woman' } }, { withPersonId: first, relationship: 'partner' });
  });
  afterAll(() => fixture.close());

  it('the age-by-gender table counts gender for reporting, never the gender identity', () => {
    const statistics = computeStatistics(fixture.db, NOVEMBER, LATER);
    expect(statistics.report.rules.breakdowns).toBe('all');
    const table = exact(statistics, 'ageGender');
    expect(at(table, '18-59', 'f')).toBe(21);
    expect(at(table, '18-59', 'm')).toBe(41);
    expect(at(table, '18-59', 'i')).toBe(12);
    // Prefers not to say (2) and gender identity only (5): not recorded, nothing inferred.
    expect(at(table, '18-59', 'not-recorded')).toBe(7);
    const shown = published(statistics, 'ageGender');
    // Complementary suppression may hide the women's cell (the 60+ row has a 3 in it); the men's is shown.
    const men = at(shown, '18-59', 'm');
    expect(typeof men === 'number' && Math.abs(men - 41) <= 3).toBe(true);
    // "Another gender" is a tier-1 answer: its cells are perturbed like any other (threshold k),
    // so 12 may be published as low as 9; the merge rule applies to the true count.
    const another = at(shown, '18-59', 'i');
    expect(typeof another === 'number' && Math.abs(another - 12) <= 3).toBe(true);
  });

  it('"another" is merged into "gender not recorded" in a row where fewer than kSensitive gave it', () => {
    const statistics = computeStatistics(fixture.db, NOVEMBER, LATER);
    const table = exact(statistics, 'ageGender');
    expect(at(table, '60+', 'i')).toBe(0);
    expect(at(table, '60+', 'not-recorded')).toBe(3);
    expect(at(published(statistics, 'ageGender'), '60+', 'i')).toBe(0);
    // The row total still counts them: they moved column, not out of the table.
    const rowTotal = published(statistics, 'ageGender').rowTotals?.[table.rows.findIndex((row) => row.code === '60+')];
    expect(typeof rowTotal === 'number' && Math.abs(rowTotal - 15) <= 3).toBe(true);

    // Raising kSensitive above 12 merges the 18-59 row too.
    const stricter = computeStatistics(fixture.db, { ...NOVEMBER, kSensitive: 15 }, LATER);
    expect(at(exact(stricter, 'ageGender'), '18-59', 'i')).toBe(0);
    expect(at(exact(stricter, 'ageGender'), '18-59', 'not-recorded')).toBe(19);
    expect(at(published(stricter, 'ageGender'), '18-59', 'i')).toBe(0);
  });

  it('same-gender partner units come from gender for reporting, under kSensitive', () => {
    const statistics = computeStatistics(fixture.db, NOVEMBER, LATER);
    const units = exact(statistics, 'familyUnits');
    expect(at(units, 'same-gender-partners', 'size2')).toBe(10);
    // Both gender identities "woman", but one answered man or boy for reporting: a couple.
    expect(at(units, 'couple', 'size2')).toBe(1);
    const row = published(statistics, 'familyUnits').rows.find((heading) => heading.code === 'same-gender-partners');
    expect(row?.sensitive).toBe(true);
    const shown = at(published(statistics, 'familyUnits'), 'same-gender-partners', 'size2');
    expect(shown === SUPPRESSED || (typeof shown === 'number' && shown >= statistics.report.rules.kSensitive)).toBe(true);
  });
});

describe('gender for reporting in the CSV import (the catalogue drives it)', () => {
  it('takes each listed value as a column of its own, and names the column for anything else', () => {
    expect(knownColumns()).toContain('genderForReporting');
    const prepared = prepareRow({ line: 2, cells: { chosenName: 'Nour', genderForReporting: 'woman-or-girl' } });
    expect('input' in prepared ? prepared.input.fields.genderForReporting : prepared).toBe('woman-or-girl');
    const refused = prepareRow({ line: 3, cells: { chosenName: 'Nour', genderForReporting: 'female' } });
    expect(Array.isArray(refused) ? refused.map((problem) => problem.column) : refused).toEqual(['genderForReporting']);
  });
});
