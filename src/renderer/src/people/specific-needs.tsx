import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { SHIPPED_NEEDS, type NeedField, type SpecificNeedEntry } from '../../../shared/catalogue';
import { request } from '../session';

interface SpecificNeedsState {
  /** The site's catalogue as main last sent it; the shipped one until it arrives. */
  entries: readonly SpecificNeedEntry[];
  /** After a supervisor changed the catalogue: main's answer is the whole new list. */
  replace: (entries: readonly SpecificNeedEntry[]) => void;
}

const SpecificNeedsContext = createContext<SpecificNeedsState>({ entries: SHIPPED_NEEDS, replace: () => undefined });

/** Loads the site's catalogue of specific needs once per sign-in, for every form and record. */
export function SpecificNeedsProvider({ children }: { children: ReactNode }) {
  const [entries, setEntries] = useState<readonly SpecificNeedEntry[]>(SHIPPED_NEEDS);
  useEffect(() => {
    let live = true;
    // Main checks every value against the same catalogue, so a failed load costs choices, not safety.
    request('specificNeeds.list', {}).then(
      (loaded) => live && setEntries(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const state = useMemo<SpecificNeedsState>(() => ({ entries, replace: setEntries }), [entries]);
  return <SpecificNeedsContext.Provider value={state}>{children}</SpecificNeedsContext.Provider>;
}

export function useSpecificNeeds(): SpecificNeedsState {
  return useContext(SpecificNeedsContext);
}

/**
 * The choices a form offers for one need field: what the site offers, and what the record already
 * holds even if no longer offered, so that editing never drops it unseen.
 */
export function needChoices(entries: readonly SpecificNeedEntry[], field: NeedField, recorded: readonly string[]) {
  const shown = entries.filter((entry) => entry.field === field && (entry.offered || recorded.includes(entry.code)));
  return {
    choices: shown.map((entry) => entry.code),
    notOffered: new Set(shown.filter((entry) => !entry.offered).map((entry) => entry.code)),
  };
}
