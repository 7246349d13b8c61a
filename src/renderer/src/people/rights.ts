import {
  fieldSpec,
  mayRead,
  mayWrite,
  TIER_RIGHTS,
  type ConsentPurpose,
  type FieldKey,
} from '../../../shared/catalogue';
import type { Role } from '../../../shared/roles';

/**
 * What the interface offers each role. Main enforces all of it; these only keep the screens from
 * offering what main would refuse.
 */
export function mayRegister(role: Role): boolean {
  return TIER_RIGHTS[role].writeOnRegister.includes(0);
}

/** Changing records, consents and family units: the desk roles. */
export function mayChangeRecords(role: Role): boolean {
  return mayWrite(role, 1, 'update');
}

/** Why a field cannot be filled in yet, or that it is not offered at all. */
export type Availability =
  | { state: 'open' }
  | { state: 'hidden' }
  | { state: 'needs-consent'; purpose: ConsentPurpose };

/**
 * Whether a field is offered in a form: the role must be allowed to write its tier; sensitive
 * (tier 2) fields also need consent to register, and SOGIESC fields their own consent.
 */
export function availabilityOf(
  key: FieldKey,
  role: Role,
  when: 'register' | 'update',
  consents: ReadonlySet<ConsentPurpose>,
): Availability {
  const spec = fieldSpec(key);
  if (!mayWrite(role, spec.tier, when)) return { state: 'hidden' };
  if (spec.tier === 2 && !consents.has('register')) return { state: 'needs-consent', purpose: 'register' };
  if (spec.consent && !consents.has(spec.consent)) return { state: 'needs-consent', purpose: spec.consent };
  return { state: 'open' };
}

/**
 * Whether the role may be told that a hidden field holds something, as main's redaction decides:
 * the tiers it reads or records at registration. Others see no field names of hidden tiers.
 */
export function mayKnowOf(role: Role, key: FieldKey): boolean {
  const { tier } = fieldSpec(key);
  return mayRead(role, tier) || TIER_RIGHTS[role].writeOnRegister.includes(tier);
}
