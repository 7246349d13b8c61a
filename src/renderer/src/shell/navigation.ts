import { createContext, useContext } from 'react';
import type { PersonView } from '../../../shared/people';

/** The screens of the signed-in app. Supervisor screens are offered to supervisors only. */
export type Route =
  | { name: 'home' }
  | { name: 'accounts' }
  | { name: 'audit' }
  | { name: 'statistics' }
  | { name: 'settings' }
  /** The exchange between desks: supervisors and protection officers (conflicts to review). */
  | { name: 'exchange' }
  | { name: 'password' }
  /** Work lists: the desk roles (clerks and protection officers). */
  | { name: 'workLists' }
  /** The service directory (issue 16): every role reads it; supervisors and protection officers keep it. */
  | { name: 'directory' }
  /** The duplicates review: protection officers only. */
  | { name: 'duplicates' }
  /**
   * `chosenName` seeds a new registration's chosen name (from a search that found no one);
   * `resume` puts back the registration set aside to open a likely duplicate.
   */
  | { name: 'register'; chosenName?: string; resume?: boolean }
  /**
   * `registered` is the record as its registration here returned it, right after: shown as it is, to
   * say so and show the number (the registration is in the audit log; showing it is not an opening);
   * `resumeRegistration` reopens the family member's registration set aside from this record.
   */
  | { name: 'person'; id: number; registered?: PersonView; resumeRegistration?: boolean };

export type Navigate = (route: Route) => void;

export const NavigationContext = createContext<Navigate>(() => undefined);

/** Moves to another screen of the app shell. */
export function useNavigate(): Navigate {
  return useContext(NavigationContext);
}
