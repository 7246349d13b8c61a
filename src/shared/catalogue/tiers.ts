import type { Role } from '../roles';

/**
 * Sensitivity tiers. 0: general, shown in lists. 1: personal, on documents and for contact.
 * 2: sensitive, need-to-know only (SOGIESC, livelihood, protection concerns, free-text notes).
 * A person's own words for what a list does not hold (a language, a pronoun) are not notes: they
 * stay at the tier of the answer they complete (catalogue/fields.ts, ownWordsEntrySchema).
 */
export const TIERS = [0, 1, 2] as const;
export type Tier = (typeof TIERS)[number];

export interface TierRights {
  /** Tiers whose values this role receives. */
  readonly read: readonly Tier[];
  /** Tiers this role may change on an existing record. */
  readonly write: readonly Tier[];
  /** Tiers this role may record while registering a person who consented. */
  readonly writeOnRegister: readonly Tier[];
}

/** Default rights. A clerk records tier 2 only at registration, then sees it as "recorded, restricted". */
export const TIER_RIGHTS: Readonly<Record<Role, TierRights>> = {
  clerk: { read: [0, 1], write: [0, 1], writeOnRegister: [0, 1, 2] },
  protection: { read: [0, 1, 2], write: [0, 1, 2], writeOnRegister: [0, 1, 2] },
  supervisor: { read: [0], write: [], writeOnRegister: [] },
};

export function mayRead(role: Role, tier: Tier): boolean {
  return TIER_RIGHTS[role].read.includes(tier);
}

export function mayWrite(role: Role, tier: Tier, when: 'register' | 'update'): boolean {
  const rights = TIER_RIGHTS[role];
  return (when === 'register' ? rights.writeOnRegister : rights.write).includes(tier);
}

/**
 * The tiers a role reads in a view mode: the restricted screen shows tier 0 only. The one rule;
 * main redacts by it, and screens offer only what it allows.
 */
export function readableTiers(role: Role, mode: 'normal' | 'restricted'): Tier[] {
  const tiers = TIERS.filter((tier) => mayRead(role, tier));
  return mode === 'restricted' ? tiers.filter((tier) => tier === 0) : tiers;
}
