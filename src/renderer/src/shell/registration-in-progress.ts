import { createContext, useContext } from 'react';
import type { ConsentPurpose, Relationship } from '../../../shared/catalogue';
import type { Draft } from '../registration/draft';
import type { HouseholdMemberDraft } from '../registration/household/household-draft';

/** Where a registration form was: the register screen, or adding a member on a person's family panel. */
export type RegistrationOrigin = { kind: 'register' } | { kind: 'family'; personId: number };

/** Everything a registration form holds that the clerk typed or decided, to be put back as it was. */
export interface RegistrationState {
  draft: Draft;
  consents: ConsentPurpose[];
  relationship: Relationship | '';
  relationshipText: string;
  /** Registrations the clerk has already judged to be someone else. */
  acknowledged: number[];
  /** The household registered with this person (issue 15); none on a family panel's form. */
  household?: HouseholdMemberDraft[];
}

export interface SetAsideRegistration {
  origin: RegistrationOrigin;
  state: RegistrationState;
}

/**
 * A registration set aside while the clerk opens a likely duplicate's record. Held in memory only,
 * in the signed-in shell: locking or signing out unmounts the shell and so drops it; registering
 * or cancelling from the same place clears it. Never written to storage of any kind.
 */
export interface RegistrationInProgress {
  setAside: SetAsideRegistration | null;
  keep: (registration: SetAsideRegistration) => void;
  /** Drops the registration set aside from this origin (any, when none is given). */
  clear: (origin?: RegistrationOrigin) => void;
}

export const RegistrationInProgressContext = createContext<RegistrationInProgress>({
  setAside: null,
  keep: () => undefined,
  clear: () => undefined,
});

export function useRegistrationInProgress(): RegistrationInProgress {
  return useContext(RegistrationInProgressContext);
}

export function sameOrigin(a: RegistrationOrigin, b: RegistrationOrigin): boolean {
  return a.kind === b.kind && (a.kind === 'register' || (b.kind === 'family' && a.personId === b.personId));
}
