import { describe, expect, it } from 'vitest';
import { listedCodes, normaliseCode, OWN_WORDS_MAX_ENTRIES, OWN_WORDS_MAX_LENGTH } from '../../../src/shared/catalogue';
import { codeOptions, matchingOptions } from '../../../src/renderer/src/people/code-options';
import { ownWordsOffer } from '../../../src/renderer/src/people/own-words';
import type { Language } from '../../../src/shared/languages';

const first = (kind: 'region' | 'language', typed: string, language: Language): string | undefined =>
  matchingOptions(codeOptions(kind), typed, language)[0]?.code;

describe('the codes offered by the country and language pickers', () => {
  it('are countries in their stored spelling, without retired codes, groupings or pseudo-locales', () => {
    const countries = listedCodes('region');
    expect(countries).toEqual(expect.arrayContaining(['SY', 'IQ', 'SD', 'AF', 'XK', 'PS']));
    for (const code of ['BU', 'YU', 'SU', 'ZR', 'UK', 'ZZ', 'EU', 'UN', 'QO', 'XA', 'XB']) expect(countries).not.toContain(code);
    for (const code of countries) expect(normaliseCode('region', code)).toBe(code);
  });

  it('are languages in their canonical spelling, two- and three-letter, without retired aliases', () => {
    const languages = listedCodes('language');
    expect(languages).toEqual(expect.arrayContaining(['ar', 'ku', 'ckb', 'fa', 'fa-AF', 'ps', 'ti', 'so', 'fr', 'en', 'he']));
    for (const code of ['iw', 'in', 'mo', 'ara', 'eng', 'prs', 'und', 'zxx', 'mul', 'qaa']) expect(languages).not.toContain(code);
    for (const code of languages) expect(normaliseCode('language', code)).toBe(code);
  });

  it('are named in each interface language', () => {
    const syria = codeOptions('region').find((option) => option.code === 'SY');
    expect(syria?.names).toEqual({ en: 'Syria', ar: 'سوريا', fr: 'Syrie' });
  });
});

describe('which options match what the clerk types', () => {
  it('finds a country by part of its name in the interface language', () => {
    expect(first('region', 'syr', 'en')).toBe('SY');
    expect(first('region', 'سور', 'ar')).toBe('SY');
    expect(first('region', 'syrie', 'fr')).toBe('SY');
    expect(first('region', 'allem', 'fr')).toBe('DE');
  });

  it('finds it by its name in the other two languages too', () => {
    expect(first('region', 'Syria', 'ar')).toBe('SY');
    expect(first('region', 'سوريا', 'en')).toBe('SY');
    expect(first('region', 'سوريا', 'fr')).toBe('SY');
    expect(first('region', 'Allemagne', 'en')).toBe('DE');
    expect(first('language', 'anglais', 'ar')).toBe('en');
    expect(first('language', 'Dari', 'fr')).toBe('fa-AF');
  });

  it('finds a code, whatever its case, before names that begin with the same letters', () => {
    expect(first('region', 'sy', 'en')).toBe('SY');
    expect(first('region', 'iq', 'ar')).toBe('IQ');
    expect(first('language', 'AR', 'fr')).toBe('ar');
    expect(first('language', 'ckb', 'en')).toBe('ckb');
  });

  it('ignores case and accents, and Arabic diacritics and letter forms', () => {
    expect(first('language', 'ARABIC', 'en')).toBe('ar');
    expect(first('region', 'Equateur', 'fr')).toBe('EC');
    expect(first('language', 'العَرَبِيَّة', 'ar')).toBe('ar');
    // Written with a bare alef where the name has hamza below, and ta marbuta as ha.
    expect(first('language', 'الانجليزيه', 'ar')).toBe('en');
  });

  it('finds a later word of a name, and every Kurdish the list names', () => {
    expect(first('region', 'arabia', 'en')).toBe('SA');
    const kurdish = matchingOptions(codeOptions('language'), 'kurd', 'en').map((option) => option.code);
    expect(kurdish).toEqual(expect.arrayContaining(['ku', 'ckb', 'sdh']));
  });

  it('offers nothing for words that name no listed code, and every option, alphabetically, for nothing typed', () => {
    expect(matchingOptions(codeOptions('region'), 'zzzq', 'en')).toEqual([]);
    const all = matchingOptions(codeOptions('region'), '', 'fr', Infinity);
    expect(all).toHaveLength(listedCodes('region').length);
    expect(all[0]?.names.fr).toBe('Afghanistan');
  });
});

describe('what the language picker offers to add in the person’s own words (issue 15)', () => {
  it('offers the words, trimmed, only when nothing listed matches them', () => {
    expect(ownWordsOffer('language', '  Kurmanji of Afrin ', [], 'en')).toEqual({ offer: 'Kurmanji of Afrin' });
    expect(ownWordsOffer('language', 'كرمانجية عفرين', [], 'ar')).toEqual({ offer: 'كرمانجية عفرين' });
    // A listed name or code, whole or in part, in any interface language: picked from the list instead.
    for (const typed of ['Arabic', 'arab', 'ar', 'ckb', 'kurde', 'العربية', '   ']) expect(ownWordsOffer('language', typed, [], 'en'), typed).toBeNull();
  });

  it('does not offer words added already, and says why it cannot add others', () => {
    expect(ownWordsOffer('language', 'kurmanji of afrin', ['Kurmanji of Afrin'], 'en')).toBeNull();
    expect(ownWordsOffer('language', 'x'.repeat(OWN_WORDS_MAX_LENGTH + 1), [], 'en')).toEqual({ refused: 'tooLong' });
    expect(ownWordsOffer('language', 'Dari\u202Ereversed', [], 'en')).toEqual({ refused: 'unusable' });
    const full = Array.from({ length: OWN_WORDS_MAX_ENTRIES }, (_, index) => `variety ${index}`);
    expect(ownWordsOffer('language', 'Kurmanji of Afrin', full, 'en')).toEqual({ refused: 'full' });
  });
});
