/**
 * The field catalogue: every field of a person record, declared once. The registration form,
 * validation and redaction in main, storage, search, the CSV import and the statistics all read
 * it. Labels and help texts are `person.fields.<key>.label` and `.help` in the locale files.
 */
import { z } from 'zod';
import type { Tier } from './tiers';
import {
  ACCOMMODATION_PREFERENCES,
  DOCUMENT_TYPES,
  GENDER_IDENTITIES,
  GENDERS_FOR_REPORTING,
  INTERPRETER_PREFERENCES,
  LISTED_PRONOUNS,
  LIVELIHOODS,
  NON_ANSWERS,
  SENSITIVE_SPECIFIC_NEEDS,
  SEX_CHARACTERISTICS,
  SEX_ON_DOCUMENT,
  SEXUAL_ORIENTATIONS,
  SPECIFIC_NEEDS,
  YES_NO_NOT_ASKED,
  type ConsentPurpose,
} from './choices';
import type { CodeKind } from './codes';
import { protectionNeedCodeSchema, SITE_NEEDS_MAX, specificNeedCodeSchema } from './specific-needs';

export const SECTIONS = ['identity', 'birth', 'origin', 'contact', 'documents', 'gender', 'needs', 'notes'] as const;
export type Section = (typeof SECTIONS)[number];

/** How the form renders a field; the value's shape is the schema's. */
export type Control =
  | 'text'
  | 'longtext'
  | 'date'
  | 'choice'
  | 'choices'
  | 'boolean'
  | 'list'
  | 'birth'
  | 'pronouns'
  | 'self-described'
  | 'documents'
  | 'interpreter'
  | 'own-words';

export interface FieldSpec {
  readonly tier: Tier;
  readonly section: Section;
  readonly control: Control;
  readonly schema: z.ZodType;
  readonly required?: boolean;
  /** Recordable only once this consent is given; withdrawing it erases the value. */
  readonly consent?: ConsentPurpose;
  /** For choice controls: the values, labelled `choices.<choiceList>.<value>`. */
  readonly choices?: readonly string[];
  readonly choiceList?: string;
  /** Included in the find-before-register search index. */
  readonly searchable?: boolean;
  /**
   * The site's catalogue of specific needs offers the choices (see specific-needs.ts); `choices`
   * are the shipped ones. Main checks every value against the site's catalogue.
   */
  readonly siteCatalogue?: true;
  /** The values are ISO codes (countries, or languages): the interface names them in the reader's language. */
  readonly codes?: CodeKind;
  /**
   * For an own-words field: the code field whose lists do not hold what the person said. The form
   * edits both in that field's picker; the words are kept here, never as a code.
   */
  readonly ownWordsOf?: string;
}

const shortText = z.string().trim().min(1).max(500);
const longText = z.string().trim().min(1).max(20_000);
const isoDate = z.iso.date();
const code = z.string().trim().min(1).max(40);
const codes = z.array(code).max(30);

/** The longest entry, and the most entries, an own-words field holds. */
export const OWN_WORDS_MAX_LENGTH = 60;
export const OWN_WORDS_MAX_ENTRIES = 10;
/**
 * Controls, line breaks and invisible format characters (a text-direction override would reorder
 * the record around the words). The zero-width joiner and non-joiner stay: Persian, Kurdish and
 * Indic scripts need them inside words.
 */
const CONTROL_CHARACTER = /[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;
/**
 * One language or variety the list does not hold, as the person names it ("Kurmanji of Afrin"): a
 * short line of text, refused by rule control_characters when it holds a control character.
 * It is held at the tier of the code field it completes (languagesOwnWords beside languages, both
 * tier 0), not as a free-text note: it says what a listed code would say, one line of 60 characters
 * at most, and the interpreter needed is planned from it by every desk role, as from the codes.
 */
export const ownWordsEntrySchema = z
  .string()
  .trim()
  .min(1)
  .max(OWN_WORDS_MAX_LENGTH)
  .superRefine((text, context) => {
    if (CONTROL_CHARACTER.test(text)) context.addIssue({ code: 'custom', params: { rule: 'control_characters' } });
  });
const ownWords = z.array(ownWordsEntrySchema).max(OWN_WORDS_MAX_ENTRIES);
/**
 * The own words of a field that holds one code (preferredLanguage, an interpreter's language):
 * instead of the code, never beside it (shared/people.ts refuses both by rule code_and_own_words).
 * A list of at most one entry rather than a string, so that it is the same shape as
 * languagesOwnWords: the picker, the form's draft, the record view, the referral's values and the
 * CSV import all handle own words as a list already, and need no second case for it.
 */
const oneOwnWords = z.array(ownWordsEntrySchema).max(1);

const nonAnswer = z.object({ kind: z.enum(NON_ANSWERS) }).strict();
/** A listed answer, a self-description in the person's words, or one of the two non-answers. */
const selfDescribed = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([
    z.object({ kind: z.literal('listed'), value: z.enum(values) }).strict(),
    z.object({ kind: z.literal('self-described'), text: shortText }).strict(),
    nonAnswer,
  ]);

export const birthSchema = z.union([
  z.object({ precision: z.literal('exact'), date: isoDate }).strict(),
  z.object({ precision: z.literal('year'), year: z.number().int().min(1900).max(2100) }).strict(),
  z.object({ precision: z.literal('age'), age: z.number().int().min(0).max(130), asOf: isoDate }).strict(),
]);
export type Birth = z.infer<typeof birthSchema>;

export const pronounsSchema = z.union([
  z.object({ kind: z.literal('listed'), value: z.enum(LISTED_PRONOUNS) }).strict(),
  z.object({ kind: z.literal('use-name') }).strict(),
  z.object({ kind: z.literal('self-described'), text: shortText }).strict(),
  nonAnswer,
]);
export type Pronouns = z.infer<typeof pronounsSchema>;

export const identityDocumentSchema = z
  .object({
    id: z.string().min(1).max(40),
    type: z.enum(DOCUMENT_TYPES),
    number: shortText.optional(),
    issuingCountry: code.optional(),
    nameOnDocument: shortText.optional(),
    sexOnDocument: z.enum(SEX_ON_DOCUMENT).optional(),
    issuedOn: isoDate.optional(),
    expiresOn: isoDate.optional(),
  })
  .strict();
export type IdentityDocument = z.infer<typeof identityDocumentSchema>;
/** Documents a record may hold. */
export const MAX_DOCUMENTS = 20;

const interpreterSchema = z
  .object({
    language: code.optional(),
    /** The language in the person's own words when the list does not hold it: instead of `language`. */
    languageOwnWords: oneOwnWords.optional(),
    preferences: z.array(z.enum(INTERPRETER_PREFERENCES)).max(10),
  })
  .strict();

export const FIELDS = {
  // Tier 0: general.
  chosenName: { tier: 0, section: 'identity', control: 'text', schema: shortText, required: true, searchable: true },
  languages: { tier: 0, section: 'identity', control: 'list', schema: codes, codes: 'language' },
  languagesOwnWords: { tier: 0, section: 'identity', control: 'own-words', schema: ownWords, ownWordsOf: 'languages' },
  preferredLanguage: { tier: 0, section: 'identity', control: 'text', schema: code, codes: 'language' },
  preferredLanguageOwnWords: { tier: 0, section: 'identity', control: 'own-words', schema: oneOwnWords, ownWordsOf: 'preferredLanguage' },
  arrivalDate: { tier: 0, section: 'identity', control: 'date', schema: isoDate },

  // Tier 1: personal.
  pronouns: { tier: 1, section: 'identity', control: 'pronouns', schema: pronounsSchema },
  genderForReporting: { tier: 1, section: 'identity', control: 'choice', schema: z.enum(GENDERS_FOR_REPORTING), choices: GENDERS_FOR_REPORTING, choiceList: 'genderForReporting' },
  birth: { tier: 1, section: 'birth', control: 'birth', schema: birthSchema },
  nationalities: { tier: 1, section: 'origin', control: 'list', schema: codes, codes: 'region' },
  countryOfOrigin: { tier: 1, section: 'origin', control: 'text', schema: code, codes: 'region' },
  interpreter: { tier: 1, section: 'origin', control: 'interpreter', schema: interpreterSchema },
  phone: {
    tier: 1,
    section: 'contact',
    control: 'text',
    schema: z.string().trim().regex(/^\+?[\d\s().-]{3,30}$/),
    searchable: true,
  },
  phoneSafeToCall: { tier: 1, section: 'contact', control: 'choice', schema: z.enum(YES_NO_NOT_ASKED), choices: YES_NO_NOT_ASKED, choiceList: 'yesNo' },
  phoneSafeToLeaveMessage: { tier: 1, section: 'contact', control: 'choice', schema: z.enum(YES_NO_NOT_ASKED), choices: YES_NO_NOT_ASKED, choiceList: 'yesNo' },
  address: { tier: 1, section: 'contact', control: 'longtext', schema: longText },
  documents: { tier: 1, section: 'documents', control: 'documents', schema: z.array(identityDocumentSchema).max(MAX_DOCUMENTS), searchable: true },
  documentMismatch: { tier: 1, section: 'documents', control: 'boolean', schema: z.boolean() },
  specificNeeds: {
    tier: 1,
    section: 'needs',
    control: 'choices',
    schema: z.array(specificNeedCodeSchema).max(SPECIFIC_NEEDS.length + SITE_NEEDS_MAX),
    choices: SPECIFIC_NEEDS,
    choiceList: 'specificNeeds',
    siteCatalogue: true,
  },

  // Tier 2: sensitive, need-to-know.
  genderIdentity: { tier: 2, section: 'gender', control: 'self-described', schema: selfDescribed(GENDER_IDENTITIES), choices: GENDER_IDENTITIES, choiceList: 'genderIdentity' },
  sexualOrientation: {
    tier: 2,
    section: 'gender',
    control: 'self-described',
    schema: selfDescribed(SEXUAL_ORIENTATIONS),
    choices: SEXUAL_ORIENTATIONS,
    choiceList: 'sexualOrientation',
    consent: 'sogiesc',
  },
  sexCharacteristics: {
    tier: 2,
    section: 'gender',
    control: 'self-described',
    schema: selfDescribed(SEX_CHARACTERISTICS),
    choices: SEX_CHARACTERISTICS,
    choiceList: 'sexCharacteristics',
    consent: 'sogiesc',
  },
  mismatchReason: { tier: 2, section: 'documents', control: 'longtext', schema: longText },
  livelihood: { tier: 2, section: 'needs', control: 'self-described', schema: selfDescribed(LIVELIHOODS), choices: LIVELIHOODS, choiceList: 'livelihood' },
  protectionNeeds: {
    tier: 2,
    section: 'needs',
    control: 'choices',
    schema: z.array(protectionNeedCodeSchema).max(SENSITIVE_SPECIFIC_NEEDS.length + SITE_NEEDS_MAX),
    choices: SENSITIVE_SPECIFIC_NEEDS,
    choiceList: 'specificNeeds',
    siteCatalogue: true,
  },
  protectionConcerns: { tier: 2, section: 'needs', control: 'longtext', schema: longText },
  accommodationPreferences: {
    tier: 2,
    section: 'needs',
    control: 'choices',
    schema: z.array(z.enum(ACCOMMODATION_PREFERENCES)).max(ACCOMMODATION_PREFERENCES.length),
    choices: ACCOMMODATION_PREFERENCES,
    choiceList: 'accommodation',
  },
  notes: { tier: 2, section: 'notes', control: 'longtext', schema: longText },
} as const satisfies Record<string, FieldSpec>;

export type FieldKey = keyof typeof FIELDS;
export const FIELD_KEYS = Object.keys(FIELDS) as FieldKey[];
export type FieldValue<K extends FieldKey> = z.infer<(typeof FIELDS)[K]['schema']>;
export type PersonFields = { [K in FieldKey]?: FieldValue<K> };

export function fieldSpec(key: FieldKey): FieldSpec {
  return FIELDS[key];
}

/**
 * Whether a field holds one code, not a list: its own words then stand instead of the code, never
 * beside it (preferredLanguage and preferredLanguageOwnWords), where a list holds both (languages).
 */
export function holdsOneCode(key: FieldKey): boolean {
  return fieldSpec(key).codes !== undefined && fieldSpec(key).control !== 'list';
}

/** The own-words field of a code field (languagesOwnWords for languages), if it has one. */
export function ownWordsFieldOf(key: FieldKey): FieldKey | undefined {
  return FIELD_KEYS.find((candidate) => fieldSpec(candidate).ownWordsOf === key);
}

/** Every field's value schema, optional, with nothing else allowed: what main validates a record against. */
export const personFieldsSchema = z
  .object(Object.fromEntries(FIELD_KEYS.map((key) => [key, FIELDS[key].schema.optional()])) as {
    [K in FieldKey]: z.ZodOptional<(typeof FIELDS)[K]['schema']>;
  })
  .strict();
