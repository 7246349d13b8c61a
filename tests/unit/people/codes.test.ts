import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWellFormedCode, normaliseCode } from '../../../src/shared/catalogue';
import { peopleFixture, type PeopleFixture } from './people-db';

describe('country and language codes', () => {
  it('have one spelling each: countries in capitals, languages as canonical tags', () => {
    expect(normaliseCode('region', ' sy ')).toBe('SY');
    expect(normaliseCode('region', 'SYR')).toBe('SYR');
    expect(normaliseCode('language', 'AR')).toBe('ar');
    expect(normaliseCode('language', 'ar-sy')).toBe('ar-SY');
    expect(normaliseCode('language', 'apc')).toBe('apc');
    expect(normaliseCode('language', 'not a tag')).toBe('not a tag');
  });

  it('tell well-formed codes from the rest, without refusing spoken varieties CLDR does not name', () => {
    expect(isWellFormedCode('region', 'IQ')).toBe(true);
    expect(isWellFormedCode('region', 'xk')).toBe(true);
    for (const code of ['SYR', 'ZZ', 'EU', 'UN', 'XK1', '001', 'S']) expect(isWellFormedCode('region', code)).toBe(false);
    for (const code of ['ar', 'apc', 'haz', 'ku', 'ar-SY']) expect(isWellFormedCode('language', code)).toBe(true);
    expect(isWellFormedCode('language', 'a b')).toBe(false);
  });
});

describe('codes stored by main', () => {
  let fx: PeopleFixture;
  beforeEach(() => {
    fx = peopleFixture();
  });
  afterEach(() => fx.close());

  it('are normalised whoever sends them, so "sy" and "SY" are one nationality', () => {
    const person = fx.people.register(fx.clerk, {
      fields: {
        chosenName: 'Hadi',
        nationalities: ['sy', 'IQ'],
        countryOfOrigin: 'sy',
        languages: ['AR', 'apc'],
        preferredLanguage: 'Ar',
        interpreter: { language: 'KU', preferences: [] },
        documents: [{ id: 'd1', type: 'passport', issuingCountry: 'sy' }],
      },
      consents: ['register'],
    });
    expect(person.fields).toMatchObject({
      nationalities: ['SY', 'IQ'],
      countryOfOrigin: 'SY',
      languages: ['ar', 'apc'],
      preferredLanguage: 'ar',
      interpreter: { language: 'ku', preferences: [] },
      documents: [{ issuingCountry: 'SY' }],
    });
    const updated = fx.people.update(fx.clerk, { id: person.id, set: { nationalities: ['tr'] }, clear: [] });
    expect(updated.fields.nationalities).toEqual(['TR']);
  });
});
