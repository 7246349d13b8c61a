import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

/**
 * Leaving a form with changes asks first. A form says whether it holds changes (useLeaveGuard);
 * the shell asks before any navigation that would unmount it (useLeaveGuardHost), and the form's
 * own Cancel asks the same question. Nothing is asked when nothing changed.
 */
export interface LeaveGuard {
  /**
   * Adds a form's "has changes" check while the form is mounted, and what to do when the user
   * discards its changes (drop the draft kept for it); returns the removal.
   */
  register: (hasChanges: () => boolean, onDiscard?: () => unknown) => () => void;
  /** Runs `proceed` at once when no form holds changes, otherwise after the user confirms. */
  ask: (proceed: () => void) => void;
  /** Asks whatever the other forms hold: for a form that knows it has changes (its own Cancel). */
  confirm: (proceed: () => void) => void;
  /** Runs `proceed` without asking: the form leaves on purpose (saved, or its draft set aside). */
  leaveWithoutAsking: (proceed: () => void) => void;
}

/** Outside a shell (tests, public screens): nothing to guard, every leave proceeds. */
const NO_GUARD: LeaveGuard = {
  register: () => () => undefined,
  ask: (proceed) => proceed(),
  confirm: (proceed) => proceed(),
  leaveWithoutAsking: (proceed) => proceed(),
};

export const LeaveGuardContext = createContext<LeaveGuard>(NO_GUARD);

export interface LeaveGuardHost {
  guard: LeaveGuard;
  /** A leave waiting for the user's answer: show the question while it is set. */
  pending: boolean;
  /** The form left keeps its draft for its author: leaving may keep it as work in progress. */
  mayKeep: boolean;
  /** The user chose to leave and keep the draft: the waiting leave goes ahead, nothing is discarded. */
  keepAndLeave: () => void;
  /** The user chose to discard the changes: the waiting leave goes ahead. */
  discard: () => void;
  /** The user chose to keep editing: the waiting leave is dropped, the form stays as it was. */
  keepEditing: () => void;
}

/** For the shell: holds the forms' checks and the one leave waiting for an answer. */
export function useLeaveGuardHost(): LeaveGuardHost {
  /** Each mounted form's "has changes" check, and how to drop its kept draft (none when nothing of it is kept). */
  const forms = useRef(new Map<() => boolean, (() => unknown) | undefined>());
  const bypass = useRef(false);
  const [waiting, setWaiting] = useState<{ proceed: () => void; mayKeep: boolean } | null>(null);

  const guard = useMemo<LeaveGuard>(
    () => ({
      register: (hasChanges, onDiscard) => {
        forms.current.set(hasChanges, onDiscard);
        return () => {
          forms.current.delete(hasChanges);
        };
      },
      ask: (proceed) => {
        const changed = [...forms.current].filter(([hasChanges]) => hasChanges());
        if (bypass.current || changed.length === 0) {
          proceed();
          return;
        }
        // Leaving through the shell: the changes may be left kept only when every form holding some keeps a draft.
        setWaiting({ proceed, mayKeep: changed.every(([, onDiscard]) => onDiscard !== undefined) });
      },
      // The form's own Cancel: its changes are discarded or kept on screen, nothing else.
      confirm: (proceed) => setWaiting({ proceed, mayKeep: false }),
      leaveWithoutAsking: (proceed) => {
        bypass.current = true;
        try {
          proceed();
        } finally {
          bypass.current = false;
        }
      },
    }),
    [],
  );

  const discard = useCallback(() => {
    const proceed = waiting?.proceed;
    setWaiting(null);
    if (!proceed) return;
    // "Discard changes" means them all: a kept draft too, or it would come back at the next sign-in.
    // Dropped before leaving, so the form opened next never finds it.
    void Promise.allSettled([...forms.current.values()].map((onDiscard) => onDiscard?.())).then(() => guard.leaveWithoutAsking(proceed));
  }, [waiting, guard]);
  const keepEditing = useCallback(() => setWaiting(null), []);
  const keepAndLeave = useCallback(() => {
    const proceed = waiting?.proceed;
    setWaiting(null);
    // The form keeps its draft as it goes away (useKeptDraft); the home screen offers it back.
    if (proceed) guard.leaveWithoutAsking(proceed);
  }, [waiting, guard]);

  return { guard, pending: waiting !== null, mayKeep: waiting?.mayKeep ?? false, discard, keepEditing, keepAndLeave };
}

/**
 * For a form: while `hasChanges` is true, leaving through the shell asks first, and `onDiscard`
 * runs when the user discards the changes. `confirmLeave`
 * asks the same question for the form's own way out (Cancel); `leaveWithoutAsking` is for leaving
 * on purpose (registered, saved, or the draft set aside).
 */
export function useLeaveGuard(hasChanges: boolean, onDiscard?: () => unknown): Pick<LeaveGuard, 'leaveWithoutAsking'> & { confirmLeave: (proceed: () => void) => void } {
  const guard = useContext(LeaveGuardContext);
  const changed = useRef(hasChanges);
  // Kept current after each render, before any click or key can ask.
  useLayoutEffect(() => {
    changed.current = hasChanges;
  });
  useEffect(() => guard.register(() => changed.current, onDiscard), [guard, onDiscard]);
  const confirmLeave = useCallback(
    (proceed: () => void) => (changed.current ? guard.confirm(proceed) : proceed()),
    [guard],
  );
  return { confirmLeave, leaveWithoutAsking: guard.leaveWithoutAsking };
}
