/** Shapes of person records as they cross the contract. Values above the reader's rights are never in them. */
import { z } from 'zod';
import { CONSENT_PURPOSES, FIELD_KEYS, RELATIONSHIPS, fieldSpec, holdsOneCode, isListedCode, personFieldsSchema, type CodeKind, type FieldKey, type PersonFields } from './catalogue';
import { currentStatusSchema, RECORD_STATUSES, statusEntrySchema } from './record-status';
import { DECISION_SUBJECTS } from './exchange-conflicts';

const id = z.number().int().positive();

export const ageSchema = z.object({ years: z.number().int(), estimated: z.boolean() });

export const personSummarySchema = z.object({
  id,
  registrationNumber: z.string(),
  chosenName: z.string(),
  age: ageSchema.optional(),
  registeredAt: z.string(),
  /** The record's status (tier 0): lists show a badge when it is not active. */
  status: z.enum(RECORD_STATUSES).optional(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const consentSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  givenAt: z.string(),
  givenBy: z.string(),
  withdrawnAt: z.string().optional(),
  withdrawnBy: z.string().optional(),
});
export type Consent = z.infer<typeof consentSchema>;

const knownMemberSchema = z.object({
  person: personSummarySchema,
  relationship: z.enum(RELATIONSHIPS),
  relationshipText: z.string().optional(),
});
export type KnownFamilyMember = z.infer<typeof knownMemberSchema>;

/**
 * A member whose relationship main left out: on the restricted screen only the focal point is
 * named, since "partner" between two people of the same gender tells an onlooker about sexual
 * orientation.
 */
const hiddenMemberSchema = z.object({
  person: personSummarySchema,
  relationshipHidden: z.literal(true),
});

export const familyMemberSchema = z.union([knownMemberSchema, hiddenMemberSchema]);
export type FamilyMember = z.infer<typeof familyMemberSchema>;

export const familyUnitSchema = z.object({
  id,
  keepTogether: z.boolean(),
  childHeaded: z.boolean(),
  members: z.array(familyMemberSchema),
});
export type FamilyUnit = z.infer<typeof familyUnitSchema>;
/** A unit as main keeps it, before redaction: every relationship is there. */
export type StoredFamilyUnit = Omit<FamilyUnit, 'members'> & { members: KnownFamilyMember[] };

export function hasRelationship(member: FamilyMember): member is KnownFamilyMember {
  return 'relationship' in member;
}

export const personViewSchema = z.object({
  id,
  registrationNumber: z.string(),
  registeredAt: z.string(),
  updatedAt: z.string(),
  age: ageSchema.optional(),
  fields: personFieldsSchema,
  restricted: z.array(z.enum(FIELD_KEYS)),
  consents: z.array(consentSchema),
  family: familyUnitSchema.optional(),
  /** Registrations merged into this one: their numbers find it, and each merge can be undone. */
  merged: z.array(z.object({ mergeId: id, registrationNumber: z.string(), mergedAt: z.string() })).optional(),
  /** The record's status (tier 0) and every change of it, latest first: nothing is deleted. */
  status: currentStatusSchema,
  statusHistory: z.array(statusEntrySchema),
  /**
   * Changes two desks made at once that wait for a person's decision (a chosen name, a place in a
   * family unit), for a reader who is told of them; each names the conflict that settles it.
   */
  decisionsAwaited: z.array(z.object({ conflictId: id, about: z.enum(DECISION_SUBJECTS) })),
});
export type PersonView = z.infer<typeof personViewSchema>;

/**
 * Why two records may be the same person. Each reason names a field of a tier, and is given only
 * to a reader who may read that tier in their view mode.
 */
export const DUPLICATE_REASONS = ['chosen-name', 'document-name', 'other-script', 'birth-year', 'birth-date', 'nationality', 'document-number', 'phone'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const duplicatePairSchema = z.object({
  first: personSummarySchema,
  second: personSummarySchema,
  score: z.number(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
});
export type DuplicatePair = z.infer<typeof duplicatePairSchema>;

export const mergeResultSchema = z.object({
  mergeId: id,
  kept: personSummarySchema,
  merged: personSummarySchema,
  moved: z.object({ documents: z.number().int(), consents: z.number().int(), history: z.number().int(), memberships: z.number().int(), referrals: z.number().int() }),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;

export const historyEntrySchema = z.object({
  field: z.enum(FIELD_KEYS),
  changedAt: z.string(),
  changedBy: z.string(),
  /** Absent when the reader may not see the field's values, or they were erased with consent. */
  oldValue: z.unknown().optional(),
  newValue: z.unknown().optional(),
  restricted: z.boolean(),
  erased: z.boolean(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const familyLinkSchema = z
  .object({
    withPersonId: id,
    relationship: z.enum(RELATIONSHIPS),
    relationshipText: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/**
 * The codes a registration or a change records that are not among those the pickers offer: words
 * typed where a code belongs ("arabic, kurdish", "Syria") or a code that names nothing ("ZZ"), by
 * path (rule not_listed), never stored as a code. Only on what is recorded now: a record or a change
 * from another desk that holds an older, unlisted code is kept as it came, and so is such a code a
 * record already holds when a change keeps it (`held`: the record's codes of that kind there).
 */
export function unlistedCodePaths(fields: PersonFields, held: (path: readonly (string | number)[], code: string) => boolean = () => false): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const check = (kind: CodeKind, code: string | undefined, path: (string | number)[]): void => {
    if (code !== undefined && !isListedCode(kind, code) && !held(path, code)) paths.push(path);
  };
  for (const key of FIELD_KEYS) {
    const kind = fieldSpec(key).codes;
    const value = fields[key];
    if (!kind || value === undefined) continue;
    if (Array.isArray(value)) value.forEach((code, index) => check(kind, String(code), [key, index]));
    else check(kind, String(value), [key]);
  }
  check('language', fields.interpreter?.language, ['interpreter', 'language']);
  fields.documents?.forEach((document, index) => check('region', document.issuingCountry, ['documents', index, 'issuingCountry']));
  return paths;
}

/** The codes a record holds where a path of unlistedCodePaths points (a field's, an interpreter's, its documents'). */
export function codesHeldAt(fields: PersonFields, path: readonly (string | number)[]): string[] {
  const [key] = path;
  if (key === 'interpreter') return fields.interpreter?.language !== undefined ? [fields.interpreter.language] : [];
  if (key === 'documents') return (fields.documents ?? []).flatMap((document) => (document.issuingCountry !== undefined ? [document.issuingCountry] : []));
  const value = (fields as Record<string, unknown>)[String(key)];
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}

/** Where one language is held both as a code and in the person's own words: the own words' path, and the fields it concerns. */
export interface CodeAndOwnWords {
  path: (string | number)[];
  fields: FieldKey[];
}

/**
 * Where a value that is one code (preferredLanguage, an interpreter's language) is held both as a
 * code and in the person's own words (rule code_and_own_words): the own words stand instead of the
 * code, never beside it, so that no reader has to guess which of the two the person meant. A list
 * of codes (languages) holds both. Read from the catalogue: every own-words field of a one-code field.
 */
export function codeAndOwnWordsPaths(fields: PersonFields): CodeAndOwnWords[] {
  const found: CodeAndOwnWords[] = [];
  for (const key of FIELD_KEYS) {
    const of = fieldSpec(key).ownWordsOf as FieldKey | undefined;
    if (of === undefined || !holdsOneCode(of)) continue;
    if (fields[key] !== undefined && fields[of] !== undefined) found.push({ path: [key], fields: [of, key] });
  }
  const interpreter = fields.interpreter;
  if (interpreter?.language !== undefined && interpreter.languageOwnWords !== undefined) found.push({ path: ['interpreter', 'languageOwnWords'], fields: ['interpreter'] });
  return found;
}

function refuseUnlistedCodes(fields: PersonFields, context: z.RefinementCtx): void {
  for (const path of unlistedCodePaths(fields)) context.addIssue({ code: 'custom', path, params: { rule: 'not_listed' } });
  for (const { path } of codeAndOwnWordsPaths(fields)) context.addIssue({ code: 'custom', path, params: { rule: 'code_and_own_words' } });
}

/**
 * The fields of a registration as a desk records them: the catalogue's, with listed codes only, and
 * a one-code field's own words only instead of its code.
 */
export const personFieldsInputSchema = personFieldsSchema.superRefine(refuseUnlistedCodes);

export const registerInputSchema = z
  .object({
    fields: personFieldsInputSchema,
    consents: z.array(z.enum(CONSENT_PURPOSES)).max(CONSENT_PURPOSES.length),
    family: familyLinkSchema.optional(),
  })
  .strict();
export type RegisterInput = z.infer<typeof registerInputSchema>;

/** The relationships a member joining a unit may have: every one but the focal point, which the unit has. */
export const memberRelationshipSchema = z.enum(RELATIONSHIPS).exclude(['focal-point']);
export const MEMBER_RELATIONSHIPS = memberRelationshipSchema.options;
export type MemberRelationship = z.infer<typeof memberRelationshipSchema>;
const memberRelationship = {
  relationship: memberRelationshipSchema,
  relationshipText: z.string().trim().min(1).max(200).optional(),
};

/** The most members a household registered in one go may have, besides its focal point. */
export const HOUSEHOLD_MAX_MEMBERS = 30;

/**
 * A household registered in one go (issue 15): the focal point and its members, saved as one
 * transaction with the family unit. A new member is registered as people.register registers anyone
 * (its own fields and consents); a person already registered joins by id.
 */
export const householdMemberSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new'), fields: personFieldsInputSchema, consents: registerInputSchema.shape.consents, ...memberRelationship }).strict(),
  z.object({ kind: z.literal('existing'), personId: id, ...memberRelationship }).strict(),
]);
export type HouseholdMember = z.infer<typeof householdMemberSchema>;

export const registerHouseholdInputSchema = z
  .object({
    focalPoint: registerInputSchema.omit({ family: true }).strict(),
    members: z.array(householdMemberSchema).min(1).max(HOUSEHOLD_MAX_MEMBERS),
  })
  .strict();
export type RegisterHouseholdInput = z.infer<typeof registerHouseholdInputSchema>;

/** What main did for a household: the people it registered (focal point first) and those who joined. */
export interface HouseholdRegistered {
  unitId: number;
  registered: { id: number; registrationNumber: string; fields: string[]; consents: string[] }[];
  joined: { id: number; registrationNumber: string }[];
}

export const updateInputSchema = z
  .object({
    id,
    /** Codes are checked in main against the record: an unlisted code it already holds may stay (unlistedCodePaths). */
    set: personFieldsSchema,
    clear: z.array(z.enum(FIELD_KEYS)).max(FIELD_KEYS.length),
  })
  .strict();
export type UpdateInput = z.infer<typeof updateInputSchema>;

export const duplicateQuerySchema = z
  .object({
    chosenName: z.string().trim().max(500).optional(),
    documentNames: z.array(z.string().trim().max(500)).max(20).optional(),
    birthYear: z.number().int().min(1900).max(2100).optional(),
    nationalities: z.array(z.string().max(40)).max(30).optional(),
    excludeId: id.optional(),
  })
  .strict();
export type DuplicateQuery = z.infer<typeof duplicateQuerySchema>;

/** CSV rows as the CLI reads them: line number and cells by header; main validates each against the catalogue. */
export const importRowsSchema = z
  .array(z.object({ line: z.number().int().positive(), cells: z.record(z.string().max(100), z.string().max(20_000)) }).strict())
  .max(200_000);
