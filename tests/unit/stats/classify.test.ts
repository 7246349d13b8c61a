import { describe, expect, it } from 'vitest';
import type { Birth } from '../../../src/shared/catalogue';
import { ageOf } from '../../../src/main/people/age';
import { SeededRandom } from '../../../src/main/seed/random';
import {
  ageBracketOf,
  ageOn,
  compositionOf,
  dayOf,
  genderColumnOf,
  reportingGenderColumnOf,
  livelihoodClassOf,
  sogiescClassOf,
  unitSizeOf,
  type UnitMember,
} from '../../../src/main/stats/classify';
import { isoWeekOf, periodOf } from '../../../src/main/stats/period';

const none = { kind: null, value: null };
const listed = (value: string) => ({ kind: 'listed', value });

describe('ages at the registration date', () => {
  it('agree with the desk’s ageOf for exact dates, years and stated ages', () => {
    const random = new SeededRandom(7);
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    for (let i = 0; i < 5000; i++) {
      const on = Date.UTC(2020, 0, 1) + random.int(0, 3000) * 86_400_000;
      const births: Birth[] = [
        { precision: 'exact', date: iso(on - random.int(0, 90 * 365) * 86_400_000) },
        { precision: 'year', year: 2026 - random.int(0, 90) },
        { precision: 'age', age: random.int(0, 90), asOf: iso(on + random.int(-2000, 400) * 86_400_000) },
      ];
      for (const birth of births) expect(ageOn(birth, dayOf(iso(on)))).toBe(ageOf(birth, new Date(on))?.years);
    }
    expect(ageOn(null, dayOf('2026-01-01'))).toBeUndefined();
  });

  it('fall in the UNHCR brackets', () => {
    expect([0, 4, 5, 11, 12, 17, 18, 59, 60, 99, undefined].map(ageBracketOf)).toEqual([
      '0-4', '0-4', '5-11', '5-11', '12-17', '12-17', '18-59', '18-59', '60+', '60+', 'not-recorded',
    ]);
  });
});

describe('gender columns use only what the person said', () => {
  it('maps listed, self-described and non-answers', () => {
    expect(genderColumnOf(listed('woman'))).toBe('f');
    expect(genderColumnOf(listed('man'))).toBe('m');
    expect(genderColumnOf(listed('non-binary'))).toBe('i');
    expect(genderColumnOf({ kind: 'self-described', value: null })).toBe('i');
    expect(genderColumnOf({ kind: 'not-asked', value: null })).toBe('not-recorded');
    expect(genderColumnOf({ kind: 'prefers-not-to-say', value: null })).toBe('not-recorded');
    expect(genderColumnOf(none)).toBe('not-recorded');
  });
});

describe('the age-by-gender table counts gender for reporting, as the person gave it', () => {
  it('maps each answer of the tier-1 question', () => {
    expect(reportingGenderColumnOf('woman-or-girl')).toBe('f');
    expect(reportingGenderColumnOf('man-or-boy')).toBe('m');
    expect(reportingGenderColumnOf('another')).toBe('i');
    expect(reportingGenderColumnOf('not-asked')).toBe('not-recorded');
    expect(reportingGenderColumnOf('prefers-not-to-say')).toBe('not-recorded');
    expect(reportingGenderColumnOf(null)).toBe('not-recorded');
    expect(reportingGenderColumnOf(undefined)).toBe('not-recorded');
  });
});

describe('tier-2 breakdowns are merged', () => {
  it('counts LGBTIQ+ by self-identification only', () => {
    expect(sogiescClassOf(listed('woman'), listed('lesbian'), none)).toBe('lgbtiq');
    expect(sogiescClassOf(none, { kind: 'self-described', value: null }, none)).toBe('lgbtiq');
    expect(sogiescClassOf(listed('non-binary'), none, none)).toBe('lgbtiq');
    expect(sogiescClassOf(none, none, listed('intersex'))).toBe('lgbtiq');
    expect(sogiescClassOf(listed('man'), listed('heterosexual'), none)).toBe('other');
    expect(sogiescClassOf(listed('man'), none, listed('not-intersex'))).toBe('other');
    // A listed woman or man with no SOGIESC answer is "not recorded": nothing is inferred, and
    // documents are not even an input.
    expect(sogiescClassOf(listed('woman'), none, none)).toBe('not-recorded');
    expect(sogiescClassOf(none, { kind: 'prefers-not-to-say', value: null }, none)).toBe('not-recorded');
  });

  it('counts sex work only as one merged livelihood category', () => {
    expect(livelihoodClassOf(listed('sex-work'))).toBe('sex-work');
    expect(livelihoodClassOf(listed('employment'))).toBe('other');
    expect(livelihoodClassOf(listed('none'))).toBe('other');
    expect(livelihoodClassOf({ kind: 'self-described', value: null })).toBe('other');
    expect(livelihoodClassOf({ kind: 'not-asked', value: null })).toBe('not-recorded');
  });
});

describe('family unit composition', () => {
  const adult = (relationship: UnitMember['relationship'], gender: UnitMember['gender'] = 'not-recorded'): UnitMember => ({ relationship, age: 30, gender });
  const child = (relationship: UnitMember['relationship'] = 'child-biological'): UnitMember => ({ relationship, age: 6, gender: 'not-recorded' });

  it('classifies the usual shapes', () => {
    expect(compositionOf([adult('focal-point')])).toBe('single-adult');
    expect(compositionOf([adult('focal-point', 'f'), adult('partner', 'm')])).toBe('couple');
    expect(compositionOf([adult('focal-point', 'f'), adult('co-parent', 'm'), child(), child()])).toBe('couple-with-children');
    expect(compositionOf([adult('focal-point'), child(), child('child-foster')])).toBe('single-caregiver');
    expect(compositionOf([{ relationship: 'focal-point', age: 16, gender: 'not-recorded' }, child('sibling')])).toBe('child-headed');
    expect(compositionOf([{ relationship: 'focal-point', age: 15, gender: 'not-recorded' }])).toBe('child-headed');
    expect(compositionOf([adult('focal-point'), adult('chosen-family')])).toBe('other');
  });

  it('counts partners of the same gender for reporting, and nothing else, as same-gender partners', () => {
    expect(compositionOf([adult('focal-point', 'm'), adult('partner', 'm'), child()])).toBe('same-gender-partners');
    expect(compositionOf([adult('focal-point', 'f'), adult('partner', 'f')])).toBe('same-gender-partners');
    // Unknown genders, and two people who both said "another", are not guessed to be the same.
    expect(compositionOf([adult('focal-point'), adult('partner')])).toBe('couple');
    expect(compositionOf([adult('focal-point', 'i'), adult('partner', 'i')])).toBe('couple');
  });

  it('guesses nothing when an age is unknown', () => {
    expect(compositionOf([adult('focal-point'), { relationship: 'child-biological', age: undefined, gender: 'not-recorded' }])).toBe('other');
  });

  it('sizes units 1 to 5 and 6 or more', () => {
    expect([1, 2, 5, 6, 11].map(unitSizeOf)).toEqual(['size1', 'size2', 'size5', 'size6+', 'size6+']);
  });
});

describe('periods', () => {
  it('names ISO weeks, across year ends', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('widens a period to whole weeks or months, never naming a day', () => {
    expect(periodOf('2026-11-18', '2026-11-25', 'week')).toEqual({
      from: '2026-11-16',
      to: '2026-11-29',
      granularity: 'week',
      buckets: ['2026-W47', '2026-W48'],
    });
    expect(periodOf('2025-12-15', '2026-02-03', 'month')).toEqual({
      from: '2025-12-01',
      to: '2026-02-28',
      granularity: 'month',
      buckets: ['2025-12', '2026-01', '2026-02'],
    });
  });
});
