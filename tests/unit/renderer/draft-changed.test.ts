import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from '../../../src/shared/catalogue';
import { draftFrom, emptyDocument, type Draft } from '../../../src/renderer/src/registration/draft';
import { draftChanged } from '../../../src/renderer/src/registration/draft-changed';

const keys = FIELD_KEYS;

describe('whether a person form holds changes (asked about before leaving)', () => {
  it('an untouched new registration holds none', () => {
    expect(draftChanged({}, {}, keys)).toBe(false);
  });

  it('a name typed, or a name carried over from the search and then changed, is a change', () => {
    expect(draftChanged({}, { chosenName: 'Samira' }, keys)).toBe(true);
    expect(draftChanged({ chosenName: 'Samira' }, { chosenName: 'Samira Haddad' }, keys)).toBe(true);
  });

  it('spaces alone, or a name typed then wiped, are no change', () => {
    expect(draftChanged({}, { chosenName: '   ' }, keys)).toBe(false);
    expect(draftChanged({ chosenName: 'Samira' }, { chosenName: ' Samira ' }, keys)).toBe(false);
  });

  it('an empty document row is no change; a document number typed in it is', () => {
    const row = emptyDocument();
    expect(draftChanged({}, { documents: [row] }, keys)).toBe(false);
    expect(draftChanged({}, { documents: [{ ...row, number: 'P123' }] }, keys)).toBe(true);
  });

  it('a half-typed value that cannot be saved yet still counts', () => {
    const before: Draft = {};
    expect(draftChanged(before, { birth: { precision: 'year', date: '', year: '19', age: '', asOf: '2026-11-30' } }, keys)).toBe(true);
  });

  it('an edit form back at the recorded values holds none; a changed value does', () => {
    const recorded = draftFrom({ chosenName: 'Samira Haddad', languages: ['ar', 'ku'] }, keys);
    expect(draftChanged(recorded, { ...recorded, languages: 'ar,  ku' }, keys)).toBe(false);
    expect(draftChanged(recorded, { ...recorded, languages: 'ar' }, keys)).toBe(true);
    expect(draftChanged(recorded, { ...recorded, chosenName: '' }, keys)).toBe(true);
  });
});
