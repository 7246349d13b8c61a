import { describe, expect, it } from 'vitest';
import {
  FIELD_KEYS,
  fieldSpec,
  mayRead,
  ownWordsFieldOf,
  personFieldsSchema,
  pronounIn,
  suggestsDocumentMismatch,
  TIER_RIGHTS,
  type PersonFields,
} from '../../../src/shared/catalogue';
import { redactFields } from '../../../src/main/people/redaction';
import { ROLES } from '../../../src/shared/roles';
import { registerInputSchema } from '../../../src/shared/people';

/** One plausible value per catalogue field, so every field goes through validation and redaction. */
const SAMPLE: Required<PersonFields> = {
  chosenName: 'Nour',
  languages: ['ar'],
  languagesOwnWords: ['Kurmanji of Afrin'],
  preferredLanguage: 'ar',
  // Never beside preferredLanguage in what is recorded; the stored shape still takes both (a record received from two desks).
  preferredLanguageOwnWords: ['Kurmanji of Afrin'],
  arrivalDate: '2026-11-01',
  pronouns: { kind: 'use-name' },
  genderForReporting: 'another',
  birth: { precision: 'year', year: 1990 },
  nationalities: ['SY'],
  countryOfOrigin: 'SY',
  interpreter: { language: 'ar', preferences: ['not-from-own-community'] },
  phone: '+90 532 000 0000',
  phoneSafeToCall: 'yes',
  phoneSafeToLeaveMessage: 'no',
  address: 'Block C',
  documents: [{ id: 'd', type: 'passport', nameOnDocument: 'N. A.' }],
  documentMismatch: true,
  specificNeeds: ['disability'],
  genderIdentity: { kind: 'self-described', text: 'in my own words' },
  sexualOrientation: { kind: 'prefers-not-to-say' },
  sexCharacteristics: { kind: 'not-asked' },
  mismatchReason: 'reason',
  livelihood: { kind: 'listed', value: 'sex-work' },
  protectionNeeds: ['sgbv'],
  protectionConcerns: 'concern',
  accommodationPreferences: ['single-room'],
  notes: 'note',
};

describe('the field catalogue', () => {
  it('declares every field with a tier, a section and a schema the sample passes', () => {
    expect(Object.keys(SAMPLE).sort()).toEqual([...FIELD_KEYS].sort());
    expect(personFieldsSchema.safeParse(SAMPLE).success).toBe(true);
    for (const key of FIELD_KEYS) expect([0, 1, 2]).toContain(fieldSpec(key).tier);
    expect(FIELD_KEYS.filter((key) => fieldSpec(key).required)).toEqual(['chosenName']);
  });

  it('refuses unknown fields and values outside a field’s choices', () => {
    expect(registerInputSchema.safeParse({ fields: { chosenName: 'A', realName: 'B' }, consents: [] }).success).toBe(false);
    expect(personFieldsSchema.safeParse({ phoneSafeToCall: 'maybe' }).success).toBe(false);
    expect(personFieldsSchema.safeParse({ pronouns: { kind: 'listed', value: 'xe' } }).success).toBe(false);
    expect(personFieldsSchema.safeParse({ birth: { precision: 'exact', date: '1990-13-40' } }).success).toBe(false);
  });

  it('pairs each own-words field with a code field of the same tier and section, and keeps no code in it', () => {
    const ownWordsFields = FIELD_KEYS.filter((key) => fieldSpec(key).control === 'own-words');
    expect(ownWordsFields).toEqual(['languagesOwnWords', 'preferredLanguageOwnWords']);
    for (const key of ownWordsFields) {
      const spec = fieldSpec(key);
      const of = FIELD_KEYS.find((candidate) => candidate === spec.ownWordsOf);
      expect(of, key).toBeDefined();
      if (!of) continue;
      expect(ownWordsFieldOf(of)).toBe(key);
      expect(fieldSpec(of).codes, key).toBeDefined();
      expect(spec.codes, key).toBeUndefined();
      expect([spec.tier, spec.section]).toEqual([fieldSpec(of).tier, fieldSpec(of).section]);
    }
  });

  it('keeps sexual orientation and sex characteristics behind SOGIESC consent', () => {
    expect(fieldSpec('sexualOrientation').consent).toBe('sogiesc');
    expect(fieldSpec('sexCharacteristics').consent).toBe('sogiesc');
  });
});

describe('redaction by role, for every catalogue field', () => {
  for (const role of ROLES) {
    it(`gives a ${role} exactly the fields of the tiers the role may read`, () => {
      const { fields, restricted } = redactFields(SAMPLE, role, 'normal');
      for (const key of FIELD_KEYS) {
        const tier = fieldSpec(key).tier;
        if (mayRead(role, tier)) {
          expect(fields[key], key).toEqual(SAMPLE[key]);
        } else {
          expect(fields[key], key).toBeUndefined();
          const marked = [...TIER_RIGHTS[role].read, ...TIER_RIGHTS[role].writeOnRegister].includes(tier);
          expect(restricted.includes(key), key).toBe(marked);
        }
      }
      const hidden = FIELD_KEYS.filter((key) => !mayRead(role, fieldSpec(key).tier));
      const serialised = JSON.stringify(fields);
      for (const key of hidden) {
        for (const text of ['in my own words', 'reason', 'concern', 'note', 'Block C', 'N. A.'].filter((t) => JSON.stringify(SAMPLE[key]).includes(t))) {
          expect(serialised).not.toContain(text);
        }
      }
    });
  }

  it('shows only tier 0 in a restricted view, whatever the role', () => {
    for (const role of ROLES) {
      const { fields } = redactFields(SAMPLE, role, 'restricted');
      expect(Object.keys(fields).every((key) => fieldSpec(key as keyof PersonFields).tier === 0)).toBe(true);
    }
  });
});

describe('the document-mismatch suggestion', () => {
  const document = (nameOnDocument: string, sexOnDocument: 'F' | 'M' | 'X') => [{ id: 'd', type: 'passport' as const, nameOnDocument, sexOnDocument }];
  it('suggests the flag when a document’s name or sex differs from the person’s', () => {
    expect(suggestsDocumentMismatch({ chosenName: 'Samira Haddad', documents: document('Samir Haddad', 'M') })).toBe(true);
    expect(
      suggestsDocumentMismatch({ chosenName: 'Samira Haddad', genderIdentity: { kind: 'listed', value: 'woman' }, documents: document('SAMIRA HADDAD', 'M') }),
    ).toBe(true);
  });
  it('does not suggest it when documents match, or when nothing can be compared', () => {
    expect(
      suggestsDocumentMismatch({ chosenName: 'Hélène Dubois', genderIdentity: { kind: 'listed', value: 'woman' }, documents: document('HELENE DUBOIS', 'F') }),
    ).toBe(false);
    expect(suggestsDocumentMismatch({ chosenName: 'Nour', genderIdentity: { kind: 'listed', value: 'non-binary' }, documents: document('Nour', 'X') })).toBe(false);
    expect(suggestsDocumentMismatch({ chosenName: 'Nour' })).toBe(false);
    expect(suggestsDocumentMismatch({ chosenName: 'Nour', genderIdentity: { kind: 'prefers-not-to-say' }, documents: document('Nour', 'M') })).toBe(false);
  });
  it('does not suggest it for a transliteration alone: the cross-script name matcher of search decides', () => {
    const woman = { kind: 'listed' as const, value: 'woman' as const };
    const man = { kind: 'listed' as const, value: 'man' as const };
    // Issue 15: the chosen name in Arabic script, the passport in its Latin spelling.
    expect(suggestsDocumentMismatch({ chosenName: 'فاطمة الزهراء', genderIdentity: woman, documents: document('Fatima Al-Zahraa', 'F') })).toBe(false);
    expect(suggestsDocumentMismatch({ chosenName: 'Fatima Al-Zahraa', genderIdentity: woman, documents: document('فاطمة الزهراء', 'F') })).toBe(false);
    expect(suggestsDocumentMismatch({ chosenName: 'Fatimah Zahra', documents: document('FATIMA AZ-ZAHRA', 'F') })).toBe(false);
    for (const [chosen, onDocument] of [
      ['محمد الخطيب', 'MOHAMED EL KHATIB'],
      ['Youssef Haddad', 'YUSUF HADDAD'],
      ['عبد الرحمن', 'Abdulrahman'],
      ['عائشة', 'Aicha'],
      ['Samira Haddad', 'HADDAD SAMIRA'],
      // A final ح or ع written as a vowel and h (a second reading found these suggested the flag).
      ['فرح حداد', 'FARAH HADDAD'],
      ['صلاح الدين', 'Salah Eddine'],
      ['صباح', 'Sabah'],
      ['ربيع', 'Rabih'],
      ['Farah', 'فرح'],
    ]) {
      expect(suggestsDocumentMismatch({ chosenName: chosen, documents: document(onDocument ?? '', 'X') }), `${chosen} / ${onDocument}`).toBe(false);
    }
    expect(suggestsDocumentMismatch({ chosenName: 'أحمد', genderIdentity: man, documents: document('Ahmet', 'M') })).toBe(false);
  });
  it('still suggests it when the document bears a different name, in the same script or another', () => {
    for (const [chosen, onDocument] of [
      ['فاطمة الزهراء', 'Khadija Al-Zahraa'],
      ['فاطمة الزهراء', 'Fatima'],
      ['سميرة حداد', 'Samir Haddad'],
      ['Samira Haddad', 'سمير حداد'],
      ['Nour', 'Noura'],
      ['Layla Mansour', 'Omar Mansour'],
    ]) {
      expect(suggestsDocumentMismatch({ chosenName: chosen, documents: document(onDocument ?? '', 'X') }), `${chosen} / ${onDocument}`).toBe(true);
    }
  });
});

describe('pronouns shown in the interface language (issue 15)', () => {
  it('maps the common sets between en, ar and fr', () => {
    expect(pronounIn('ar', 'she')).toBe('hiya');
    expect(pronounIn('fr', 'she')).toBe('elle');
    expect(pronounIn('en', 'hiya')).toBe('she');
    expect(pronounIn('ar', 'il')).toBe('huwa');
    expect(pronounIn('en', 'huwa')).toBe('he');
    expect(pronounIn('fr', 'they')).toBe('iel');
    expect(pronounIn('en', 'iel')).toBe('they');
  });
  it('keeps the stored pronoun where the language has no such set', () => {
    expect(pronounIn('ar', 'they')).toBe('they');
    expect(pronounIn('ar', 'iel')).toBe('iel');
    expect(pronounIn('en', 'she')).toBe('she');
  });
});
