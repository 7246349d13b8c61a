/**
 * A given name and the start of a family name ("Sara Al-K", "سارة الخ", issue 10): the person is
 * found in either script, whatever the start holds (an article the other spelling lacks, a
 * letter that starts a digraph, an h that is no taa marbuta, another reading of the letters),
 * and ranks with the people whose name starts as typed in the same script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleFixture, type PeopleFixture } from './people-db';

let fx: PeopleFixture;
const ids: Record<string, number> = {};

const register = (chosenName: string): number => fx.people.registerId(fx.clerk, { fields: { chosenName }, consents: [] });
const found = (query: string): number[] => fx.people.search(fx.clerk, query, 'normal').map((person) => person.id);
const rank = (query: string, id: number | undefined): number => found(query).indexOf(id ?? -1) + 1;

beforeAll(() => {
  fx = peopleFixture();
  // Others with the same given names, so that a match must come from the family name.
  for (const name of ['Sara Haddad', 'سارة حداد', 'Ismail Saleh', 'إسماعيل صالح', 'Hassan Darwish', 'حسن درويش', 'Mortada Saleh']) register(name);
  // Older people whose family name starts as typed in the query's own script: more than ten.
  for (let i = 0; i < 12; i++) {
    register(`Hasan Homsi${'i'.repeat(i % 3)}`);
    register(`مريم حمود${['', 'ي', 'ه'][i % 3] ?? ''}`);
    register(`Hassan Al-Hussein${'i'.repeat(i % 3)}`);
  }
  ids.khayyatArabic = register('سارة خياط');
  ids.khayyatLatin = register('Sara Khayyat');
  ids.amediLatin = register('Ismail Amedi');
  ids.sheikhaniArabic = register('جعفر شێخانی');
  ids.hajArabic = register('مرتضى الحاج');
  ids.shamiArabic = register('جواد الشامي');
  ids.homsiArabic = register('حسن الحمصي');
  ids.homsiLatin = register('Hassan Homsi');
  ids.hammoudLatin = register('Maryam Hammoud');
  ids.wazhma = register('Wazhma Noori');
  ids.wajma = register('Wajma Rahimi');
});
afterAll(() => fx.close());

describe('a given name and the start of a family name', () => {
  it.each([
    // An article typed that the other spelling does not write.
    ['Sara Al-K', 'khayyatArabic'],
    ['سارة الخ', 'khayyatLatin'],
    // Another reading of the letters typed: Kurdish x (Şêx, Sheikh), a hamza seat read as a vowel (ئام, Amedi).
    ['Jaafar Şêx', 'sheikhaniArabic'],
    ['إسماعيل ئام', 'amediLatin'],
    // A last letter that starts a digraph: d of dj (Hadj), c of ch (El Chami).
    ['Mortada Had', 'hajArabic'],
    ['Jawad El C', 'shamiArabic'],
    // An article and one letter, in Arabic script, before a name written without it.
    ['حسن الح', 'homsiLatin'],
  ])('%s finds the person (%s)', (query, person) => {
    expect(found(query)).toContain(ids[person]);
  });

  it('ranks the start of the name in the other script with the start of the name in its own, in both directions', () => {
    // Twelve older people with the start typed in the same script, one newer in the other script:
    // all rank alike, newest first, so the newest is in the top ten.
    expect(rank('Hasan Hom', ids.homsiArabic)).toBeGreaterThan(0);
    expect(rank('Hasan Hom', ids.homsiArabic)).toBeLessThanOrEqual(10);
    expect(rank('مريم حمو', ids.hammoudLatin)).toBeGreaterThan(0);
    expect(rank('مريم حمو', ids.hammoudLatin)).toBeLessThanOrEqual(10);
    // An h typed last is a letter, not a taa marbuta: "Al H" is the start of al-H… names, not of every al- name.
    expect(rank('Hassan Al H', ids.homsiArabic)).toBeGreaterThan(0);
    expect(rank('Hassan Al H', ids.homsiArabic)).toBeLessThanOrEqual(10);
  });

  it('takes a short name on record whole: the start of a longer name in the other script does not rank with it', () => {
    const amr = register('Hasan Amr');
    register('حسن عمراني');
    expect(found('Hasan Amr')[0]).toBe(amr);
  });

  it('reads zh also as j, both ways (Wazhma, Wajma)', () => {
    expect(found('Wajma')).toContain(ids.wazhma);
    expect(found('Wazhma')).toContain(ids.wajma);
  });
});
