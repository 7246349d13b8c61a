/**
 * The duplicates review's whole-register scan (issue 10, item 6), as a protection officer reading
 * its list would notice: what agrees and what disagrees moves a pair up or down, and a list cut to
 * its strongest pairs is the same list however short it is cut (the scan drops weak pairs unseen
 * once its list is full, so a wrong floor would drop a pair that belongs on it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonFields } from '../../../src/shared/catalogue';
import { scanDuplicatePairs } from '../../../src/main/people/duplicate-pairs';
import { SeededRandom } from '../../../src/main/seed/random';
import { peopleFixture, type PeopleFixture } from './people-db';

let fx: PeopleFixture;
beforeEach(() => {
  fx = peopleFixture();
});
afterEach(() => fx.close());

function register(fields: PersonFields): number {
  return fx.people.registerId(fx.protection, { fields, consents: [] });
}

function pairs(limit: number): { ids: [number, number]; score: number; reasons: string[] }[] {
  return scanDuplicatePairs(fx.db, [0, 1, 2], limit).map((pair) => ({ ids: [pair.firstId, pair.secondId], score: pair.score, reasons: pair.reasons }));
}

function scoreOf(list: ReturnType<typeof pairs>, a: number, b: number): number | undefined {
  return list.find(({ ids }) => ids[0] === Math.min(a, b) && ids[1] === Math.max(a, b))?.score;
}

describe('the duplicate scan weighs what disagrees as well as what agrees', () => {
  it('ranks namesakes born the same day below one person twice when their birth certificates differ', () => {
    const child = (number: string | undefined): PersonFields => ({
      chosenName: 'Yasmine Younis',
      birth: { precision: 'exact', date: '2019-02-19' },
      nationalities: ['SY'],
      ...(number ? { documents: [{ id: `d-${number}`, type: 'birth-certificate', issuingCountry: 'SY', number }] } : {}),
    });
    const a = register(child('SY100001'));
    const b = register(child('SY200002'));
    const c = register(child(undefined));
    const list = pairs(10);
    const twoCertificates = scoreOf(list, a, b);
    const oneCertificate = scoreOf(list, a, c);
    expect(oneCertificate).toBeDefined();
    expect(twoCertificates === undefined || twoCertificates < (oneCertificate ?? 0)).toBe(true);
  });

  it('ranks the same document number first, and does not count sex on documents for or against', () => {
    const a = register({ chosenName: 'Samir Haddad', birth: { precision: 'year', year: 1990 }, documents: [{ id: 'p1', type: 'passport', issuingCountry: 'SY', number: 'N0123456', sexOnDocument: 'M' }] });
    // The same passport, and a new one that says F: the same person after transition.
    const b = register({ chosenName: 'سمير حداد', birth: { precision: 'year', year: 1990 }, documents: [{ id: 'p2', type: 'passport', issuingCountry: 'SY', number: 'N0123456', sexOnDocument: 'F' }] });
    const c = register({ chosenName: 'Samira Haddad', birth: { precision: 'year', year: 1990 }, documents: [{ id: 'p3', type: 'national-id', issuingCountry: 'SY', number: 'ID998877', sexOnDocument: 'F' }] });
    const d = register({ chosenName: 'Samir Hadad', birth: { precision: 'year', year: 1990 } });
    const list = pairs(10);
    expect(list[0]?.ids).toEqual([a, b]);
    expect(list[0]?.reasons).toContain('document-number');
    // Documents of another type say nothing either way: a and c weigh as a and d (a name and a year).
    expect(scoreOf(list, a, c)).toBe(scoreOf(list, a, d));
  });

  it('lowers a pair whose nationalities have none in common, and one whose exact birth dates differ', () => {
    const base = { chosenName: 'Omar Barzani', birth: { precision: 'exact' as const, date: '1985-03-01' } };
    const a = register({ ...base, nationalities: ['IQ'] });
    const sameNationality = register({ ...base, nationalities: ['IQ'] });
    const otherNationality = register({ ...base, nationalities: ['SY'] });
    const otherDay = register({ ...base, birth: { precision: 'exact', date: '1985-09-12' }, nationalities: ['IQ'] });
    const yearOnly = register({ ...base, birth: { precision: 'year', year: 1985 }, nationalities: ['IQ'] });
    const list = pairs(50);
    const same = scoreOf(list, a, sameNationality) ?? 0;
    expect(scoreOf(list, a, otherNationality) ?? 0).toBeLessThan(same);
    expect(scoreOf(list, a, otherDay) ?? 0).toBeLessThan(scoreOf(list, a, yearOnly) ?? 0);
  });
});

describe('a list cut short is the strongest part of the whole list', () => {
  it('gives the same pairs, in the same order, for any limit, over six hundred namesakes', () => {
    const random = new SeededRandom(11);
    const given = ['Mohammed', 'محمد', 'Mohamad', 'Ahmed', 'أحمد', 'Fatima', 'فاطمة'];
    const family = ['Hassan', 'حسن', 'Hasan', 'Al-Khatib', 'الخطيب'];
    for (let i = 0; i < 600; i += 1) {
      const exact = random.chance(0.5);
      const year = random.int(1985, 1995);
      register({
        chosenName: `${random.pick(given)} ${random.pick(family)}`,
        birth: exact ? { precision: 'exact', date: `${year}-0${random.int(1, 9)}-1${random.int(0, 9)}` } : { precision: 'year', year },
        ...(random.chance(0.9) ? { nationalities: [random.pick(['SY', 'IQ'])] } : {}),
        ...(random.chance(0.5) ? { documents: [{ id: `d${i}`, type: 'passport', issuingCountry: 'SY', number: `N${random.int(1000, 1040)}` }] } : {}),
        ...(random.chance(0.3) ? { phone: `+961 71 ${random.int(100, 120)} 567` } : {}),
      });
    }
    const whole = pairs(1_000_000);
    // Enough pairs that a short list fills, sorts and drops pairs below its floor many times over.
    expect(whole.length).toBeGreaterThan(2_500);
    for (const limit of [1, 7, 100, 300]) expect(pairs(limit)).toEqual(whole.slice(0, limit));
  });
});
