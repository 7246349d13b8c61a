/**
 * The household part of the registration form (issue 15), as the form holds it while it is filled
 * in, kept with the rest of the draft, and what it becomes for people.registerHousehold.
 */
import type { FieldKey } from '../../../../shared/catalogue';
import { MEMBER_RELATIONSHIPS, type HouseholdMember, type MemberRelationship, type PersonSummary } from '../../../../shared/people';
import { collect, emptyDraftOf, type Draft, type Problems } from '../draft';

/** What a new member's row asks: the name, the birth and the gender for reporting, as the catalogue has them. */
export const MEMBER_FIELD_KEYS: readonly FieldKey[] = ['chosenName', 'birth', 'genderForReporting'];

interface MemberRelationshipDraft {
  relationship: MemberRelationship | '';
  /** The relationship in the person's own words, for "other". */
  relationshipText: string;
}

export interface NewMemberDraft extends MemberRelationshipDraft {
  kind: 'new';
  /** Tells rows apart across additions and removals (React keys, element ids). */
  key: string;
  draft: Draft;
  /** Registrations the clerk has judged to be someone else than this member. */
  acknowledged: number[];
}

export interface ExistingMemberDraft extends MemberRelationshipDraft {
  kind: 'existing';
  key: string;
  /** Found by search: only what a search shows (tier 0). */
  person: PersonSummary;
}

export type HouseholdMemberDraft = NewMemberDraft | ExistingMemberDraft;

/** Why a row cannot be sent: its fields' problems, and its relationship's. */
export interface MemberProblems {
  fields: Problems;
  relationship?: 'missing' | 'textMissing';
}

export function newMemberDraft(): NewMemberDraft {
  return {
    kind: 'new',
    key: crypto.randomUUID(),
    draft: Object.fromEntries(MEMBER_FIELD_KEYS.map((key) => [key, emptyDraftOf(key)])) as Draft,
    relationship: '',
    relationshipText: '',
    acknowledged: [],
  };
}

export function existingMemberDraft(person: PersonSummary): ExistingMemberDraft {
  return { kind: 'existing', key: crypto.randomUUID(), person, relationship: '', relationshipText: '' };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function relationshipFrom(value: Record<string, unknown>): MemberRelationshipDraft {
  const { relationship, relationshipText } = value;
  return {
    relationship: (MEMBER_RELATIONSHIPS as readonly unknown[]).includes(relationship) ? (relationship as MemberRelationship) : '',
    relationshipText: typeof relationshipText === 'string' ? relationshipText : '',
  };
}

/** The household of a kept draft, row by row; what is not a row (another version of the app) is left out. */
export function householdFrom(value: unknown): HouseholdMemberDraft[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((row: unknown): HouseholdMemberDraft[] => {
    if (!isRecord(row) || typeof row.key !== 'string') return [];
    if (row.kind === 'new' && isRecord(row.draft)) {
      const acknowledged = Array.isArray(row.acknowledged) ? row.acknowledged.filter((id): id is number => Number.isInteger(id)) : [];
      return [{ kind: 'new', key: row.key, draft: row.draft as Draft, acknowledged, ...relationshipFrom(row) }];
    }
    const person = row.person;
    if (row.kind === 'existing' && isRecord(person) && Number.isInteger(person.id) && typeof person.chosenName === 'string' && typeof person.registrationNumber === 'string') {
      return [{ kind: 'existing', key: row.key, person: person as unknown as PersonSummary, ...relationshipFrom(row) }];
    }
    return [];
  });
}

/** A row's relationship as main takes it, or the problem with it. */
function relationshipOf(member: MemberRelationshipDraft): { value?: Pick<HouseholdMember, 'relationship' | 'relationshipText'>; problem?: MemberProblems['relationship'] } {
  if (member.relationship === '') return { problem: 'missing' };
  const described = member.relationshipText.trim();
  if (member.relationship === 'other' && described === '') return { problem: 'textMissing' };
  return { value: { relationship: member.relationship, ...(member.relationship === 'other' ? { relationshipText: described } : {}) } };
}

/**
 * The household as people.registerHousehold takes it, each new member's fields checked by the same
 * rules as the person form's (collect); problems by row key, none when every row can be sent.
 */
export function collectHousehold(
  members: readonly HouseholdMemberDraft[],
  keys: readonly FieldKey[],
): { members: HouseholdMember[]; problems: Record<string, MemberProblems> } {
  const collected: HouseholdMember[] = [];
  const problems: Record<string, MemberProblems> = {};
  for (const member of members) {
    const relationship = relationshipOf(member);
    const fields = member.kind === 'new' ? collect(member.draft, keys) : undefined;
    const fieldProblems = fields?.problems ?? {};
    if (relationship.problem || Object.keys(fieldProblems).length > 0) {
      problems[member.key] = { fields: fieldProblems, ...(relationship.problem ? { relationship: relationship.problem } : {}) };
      continue;
    }
    if (!relationship.value) continue;
    if (member.kind === 'new' && fields) collected.push({ kind: 'new', fields: fields.fields, consents: [], ...relationship.value });
    else if (member.kind === 'existing') collected.push({ kind: 'existing', personId: member.person.id, ...relationship.value });
  }
  return { members: collected, problems };
}
