import { keepsDirectory } from './providers';
import type { Role } from './roles';

/**
 * Which conflicts may be settled by using the other value. An account's or a desk's other value
 * would skip the rules their own screens keep (the last supervisor, a new password to enable an
 * account): those are changed there, and only reviewed in the conflicts list. So would a
 * referral's (what it shares was agreed with the person, field by field, issue 16). A record's
 * status is append-only: a change of it is a new status on the record, never another value written
 * into an old row. A family membership's unit, person and end are the family panel's to change
 * (a unit moved or a membership ended by writing one column would skip its rules); its relationship
 * may be set from here. Main enforces it; the screen offers only what main accepts.
 */
const KEEP_ONLY_ENTITIES: ReadonlySet<string> = new Set(['account', 'desk', 'referral', 'referral_event', 'record_status']);

export function mayUseOtherValue(entity: string, field: string): boolean {
  if (entity === 'family_membership') return field === 'relationship' || field === 'relationship_text';
  return !KEEP_ONLY_ENTITIES.has(entity);
}

/**
 * A referral's conflicts are a protection officer's to review (issue 16): a referral names what is
 * shared of a person and carries their words (tier 2). The one rule for main and the screen.
 */
export function isReferralEntity(entity: string): boolean {
  return entity === 'referral' || entity === 'referral_event';
}

/** What a conflict that waits for a person's decision is about, as the record says it. */
export const DECISION_SUBJECTS = ['chosenName', 'family'] as const;
export type DecisionSubject = (typeof DECISION_SUBJECTS)[number];

/**
 * Conflicts a person decides (issue 13): two desks changed a person's chosen name, or their place
 * in a family unit (each ended the same membership: a new relationship, a move, a removal), before
 * either saw the other's change. The merge rule still settles them, so every desk holds the same
 * data (for two new memberships, materialize.ts keeps the later one current); but the record says
 * that a decision is awaited until a protection officer makes it, and the decision travels to every
 * desk as a new change, which settles the conflict there too. Undefined for every other conflict.
 */
export function decisionSubject(entity: string, field: string): DecisionSubject | undefined {
  return DECIDED_FIELDS.find((decided) => decided.entity === entity && decided.field === field)?.about;
}

/** The fields whose conflicts wait for a decision, as operations name them (the one list main's SQL reads too). */
export const DECIDED_FIELDS: readonly { entity: string; field: string; about: DecisionSubject }[] = [
  { entity: 'person', field: 'tier0.chosenName', about: 'chosenName' },
  { entity: 'family_membership', field: 'left_at', about: 'family' },
];

/** Family units and memberships: their conflicts are a protection officer's, who works with families. */
export function isFamilyEntity(entity: string): boolean {
  return entity === 'family_unit' || entity === 'family_membership';
}

/**
 * Who reviews a conflict that is neither of a person's field nor of a record's status: the
 * directory's keepers for an entry, a protection officer for a referral or a family unit, else a
 * supervisor (settings, accounts, desks, the catalogue). The one rule for main and the screen.
 */
export function reviewsConflictOf(entity: string, role: Role): boolean {
  if (entity === 'provider') return keepsDirectory(role);
  if (isReferralEntity(entity) || isFamilyEntity(entity)) return role === 'protection';
  return role === 'supervisor';
}
