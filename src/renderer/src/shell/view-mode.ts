import { createContext, useContext } from 'react';
import type { ViewMode } from '../../../shared/contract';

export interface ViewModeState {
  /** As main holds it for this user: 'restricted' masks every tier-1 and tier-2 value in main. */
  mode: ViewMode;
  /** Switches the restricted screen on or off; the screen on show is fetched again. */
  toggle: () => void;
  /**
   * Asks main for the mode again, after a call that may have switched it (opening a record when
   * the site opens records on the restricted screen). Updates the indicator without reloading.
   */
  sync: () => Promise<void>;
}

export const ViewModeContext = createContext<ViewModeState>({
  mode: 'normal',
  toggle: () => undefined,
  sync: () => Promise.resolve(),
});

export function useViewMode(): ViewModeState {
  return useContext(ViewModeContext);
}
