import type { Language } from '../languages';

/** Choice lists the catalogue's fields draw on. Labels are `choices.<list>.<value>` in the locale files. */

export const PRONOUN_CHOICES = {
  en: ['he', 'she', 'they'],
  fr: ['il', 'elle', 'iel'],
  ar: ['huwa', 'hiya'],
} as const;
export const LISTED_PRONOUNS = ['he', 'she', 'they', 'il', 'elle', 'iel', 'huwa', 'hiya'] as const;
export type ListedPronoun = (typeof LISTED_PRONOUNS)[number];

export function isListedPronoun(value: string): value is ListedPronoun {
  return (LISTED_PRONOUNS as readonly string[]).includes(value);
}

/**
 * The same pronoun set in each interface language, where the language has one: she/her, elle and
 * هي; he/him, il and هو; they/them and iel (Arabic lists no such set). Only for display: the
 * stored value stays the one the person chose.
 */
const PRONOUN_SETS: readonly Partial<Record<Language, ListedPronoun>>[] = [
  { en: 'she', fr: 'elle', ar: 'hiya' },
  { en: 'he', fr: 'il', ar: 'huwa' },
  { en: 'they', fr: 'iel' },
];

/** A listed pronoun as the interface language says it, or the stored one where there is no mapping. */
export function pronounIn(language: Language, pronoun: ListedPronoun): ListedPronoun {
  const set = PRONOUN_SETS.find((candidate) => Object.values(candidate).includes(pronoun));
  return set?.[language] ?? pronoun;
}

/** The grammatical gender the interface uses when it refers to the person; neutral when not known. */
export function grammaticalGenderOf(pronoun: ListedPronoun | undefined): 'feminine' | 'masculine' | 'neutral' {
  if (pronoun === 'she' || pronoun === 'elle' || pronoun === 'hiya') return 'feminine';
  if (pronoun === 'he' || pronoun === 'il' || pronoun === 'huwa') return 'masculine';
  return 'neutral';
}

/** "Another identity" is the self-described answer, in the person's own words. */
export const GENDER_IDENTITIES = ['woman', 'man', 'non-binary'] as const;
export const SEXUAL_ORIENTATIONS = ['lesbian', 'gay', 'bisexual', 'heterosexual', 'queer'] as const;
export const SEX_CHARACTERISTICS = ['intersex', 'not-intersex'] as const;
export const LIVELIHOODS = ['employment', 'informal-work', 'sex-work', 'none'] as const;

/**
 * Gender for reporting (tier 1, asked of everyone): how the person describes themselves for
 * counting by sex and age, as humanitarian reports are disaggregated. Self-reported, never taken
 * from documents or appearance; the self-described gender identity stays tier 2.
 */
export const GENDERS_FOR_REPORTING = ['woman-or-girl', 'man-or-boy', 'another', 'not-asked', 'prefers-not-to-say'] as const;
export type GenderForReporting = (typeof GENDERS_FOR_REPORTING)[number];

/** Answers every optional question may take that are not a value: never conflated with each other. */
export const NON_ANSWERS = ['not-asked', 'prefers-not-to-say'] as const;
export type NonAnswer = (typeof NON_ANSWERS)[number];

export const YES_NO_NOT_ASKED = ['yes', 'no', 'not-asked'] as const;

export const DOCUMENT_TYPES = ['passport', 'national-id', 'birth-certificate', 'refugee-card', 'residence-permit', 'other'] as const;
export const SEX_ON_DOCUMENT = ['F', 'M', 'X', 'not-shown'] as const;

export const INTERPRETER_PREFERENCES = ['woman', 'man', 'same-gender-as-person', 'not-from-own-community'] as const;

export const ACCOMMODATION_PREFERENCES = [
  'with-family-unit',
  'single-room',
  'according-to-gender-identity',
  'accessible',
  'away-from-own-community',
] as const;

/**
 * UNHCR's specific-needs categories, in neutral wording. The two marked sensitive are tier 2 and
 * live in their own field, so a clerk sees the others without seeing these.
 */
export const SPECIFIC_NEEDS = [
  'child-at-risk',
  'disability',
  'older-person-at-risk',
  'family-unity',
  'legal-and-physical-protection',
  'pregnant-or-lactating',
  'unaccompanied-or-separated-child',
  'serious-medical-condition',
  'single-parent-or-caregiver',
  'woman-at-risk',
] as const;
export const SENSITIVE_SPECIFIC_NEEDS = ['sgbv', 'torture'] as const;
/** The specific need that marks an unaccompanied or separated child: the statistics' and the work lists' own table. */
export const UNACCOMPANIED_NEED = 'unaccompanied-or-separated-child' satisfies (typeof SPECIFIC_NEEDS)[number];

export const CONSENT_PURPOSES = ['register', 'sogiesc', 'referral'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const RELATIONSHIPS = [
  'focal-point',
  'partner',
  'child-biological',
  'child-adopted',
  'child-foster',
  'child-step',
  'dependant-non-biological',
  'parent',
  'sibling',
  'grandparent',
  'chosen-family',
  'co-parent',
  'other',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
