import { createContext, useContext } from 'react';

/** The screens of the signed-in app. Supervisor screens are offered to supervisors only. */
export type Route =
  | { name: 'home' }
  | { name: 'accounts' }
  | { name: 'audit' }
  | { name: 'statistics' }
  | { name: 'settings' }
  | { name: 'password' }
  /** `chosenName` seeds a new registration's chosen name (from a search that found no one). */
  | { name: 'register'; chosenName?: string }
  /** `registered` is set right after the person was registered here, to say so and show the number. */
  | { name: 'person'; id: number; registered?: boolean };

export type Navigate = (route: Route) => void;

export const NavigationContext = createContext<Navigate>(() => undefined);

/** Moves to another screen of the app shell. */
export function useNavigate(): Navigate {
  return useContext(NavigationContext);
}
