import { useCallback, useEffect, useRef, useState } from 'react';
import { CONSENT_PURPOSES, RELATIONSHIPS, type ConsentPurpose, type FieldKey, type Relationship } from '../../../shared/catalogue';
import type { KeptDraftContent, KeptDraftSubject } from '../../../shared/kept-drafts';
import { call, CallFailed } from '../bridge';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { problemOf, type Problem } from '../problems';
import { keepBeforeLeaving } from '../session';
import type { Navigate } from '../shell/navigation';
import type { RegistrationState } from '../shell/registration-in-progress';
import type { Draft } from './draft';
import { householdFrom } from './household/household-draft';

/** How long after the last change a draft is kept. */
export const KEEP_AFTER_MS = 1_000;

export interface KeptDraft<T> {
  state: T;
  savedAt: string;
}

/**
 * Keeps a form's state in the encrypted database, for the signed-in author only (main checks who
 * asks): a second after the last change, at once before a lock or sign-out from this window, and
 * when the form goes away (another screen). A form that was not changed keeps nothing. `discard`
 * drops it (the clerk discards the changes) and stops keeping. `finishWith` sends the form's own
 * save (a registration, a change): main drops the draft in the same transaction, so once it is
 * saved this form stops keeping, with no call of its own. `problem` says why it could not be kept
 * (too large); what is on screen stays either way.
 */
export function useKeptDraft(
  subject: KeptDraftSubject | null,
  content: KeptDraftContent,
): { discard: () => Promise<void>; finishWith: <T>(save: () => Promise<T>) => Promise<T>; problem: Problem | null } {
  const text = JSON.stringify(content);
  const [problem, setProblem] = useState<Problem | null>(null);
  /** What the form held when it mounted (put back or empty): not a change, so not kept again. */
  const initial = useRef(text);
  const latest = useRef({ text, content });
  // What is on screen, for a keep that runs later (the timer, a lock, the form going away).
  useEffect(() => {
    latest.current = { text, content };
  });
  const kept = useRef(text);
  const done = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const subjectKey = subject ? JSON.stringify(subject) : null;

  /**
   * This form's calls, one after the other: the web host may carry two requests on two connections,
   * and a keep overtaking the registration, the change or the discard after it would bring back a
   * draft already saved or dropped.
   */
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const enqueue = useCallback((work: () => Promise<unknown>): Promise<void> => {
    const next = queue.current.then(work, work);
    queue.current = next.catch(() => undefined);
    return queue.current.then(() => undefined);
  }, []);

  /** Keeps what is on screen now, if it changed since it was last kept; resolves once every call so far is answered. */
  const keep = useCallback((): Promise<void> => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const { text: now, content: state } = latest.current;
    if (done.current || !subjectKey || now === kept.current) return enqueue(() => Promise.resolve());
    kept.current = now;
    return enqueue(async () => {
      // Saved or discarded while this keep waited its turn: there is nothing to keep any more.
      if (done.current) return;
      try {
        await call('drafts.save', { subject: JSON.parse(subjectKey) as KeptDraftSubject, content: state });
        setProblem(null);
      } catch (error) {
        // Kept again at the next change; a session that is gone is the lock screen's business.
        kept.current = '';
        if (error instanceof CallFailed && error.error.code === 'draft_too_large') setProblem(problemOf(error));
      }
    });
  }, [subjectKey, enqueue]);

  // A second after the last change.
  useEffect(() => {
    if (!subjectKey || done.current || (text === initial.current && kept.current === initial.current)) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void keep(), KEEP_AFTER_MS);
  }, [text, subjectKey, keep]);

  // Before a lock or a sign-out, and when the form goes away (the clerk went to another screen).
  useEffect(() => {
    const stop = keepBeforeLeaving(keep);
    return () => {
      stop();
      // What changed since it was last kept is kept now; a lock right after leaving the form waits
      // for this save and any still under way, so the lock never overtakes them.
      const leaving = keep();
      const stopLeaving = keepBeforeLeaving(() => leaving);
      void leaving.finally(stopLeaving);
    };
  }, [keep]);

  const discard = useCallback(async (): Promise<void> => {
    done.current = true;
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (!subjectKey) return;
    await enqueue(() => call('drafts.discard', { subject: JSON.parse(subjectKey) as KeptDraftSubject }));
  }, [subjectKey, enqueue]);

  /**
   * The form's save, in this form's queue: sent once the keeps under way are answered (one arriving
   * after it would bring the saved draft back), and a keep asked meanwhile (the timer, a lock, the
   * form going away) waits for its answer. Saved, the draft is gone with it in main: nothing is kept
   * again. Refused, keeping goes on, and that keep runs as it would have.
   */
  const finishWith = useCallback(<T>(save: () => Promise<T>): Promise<T> => {
    const saved = queue.current.then(save).then((value) => {
      done.current = true;
      window.clearTimeout(timer.current);
      timer.current = undefined;
      return value;
    });
    queue.current = saved.catch(() => undefined);
    return saved;
  }, []);

  return { discard, finishWith, problem };
}

/** The author's kept draft of this subject, once asked: undefined while asking, null when there is none. */
export function useKeptDraftOf<T>(subject: KeptDraftSubject | null, read: (content: KeptDraftContent) => T | undefined): KeptDraft<T> | null | undefined {
  const [found, setFound] = useState<KeptDraft<T> | null | undefined>(subject ? undefined : null);
  const subjectKey = subject ? JSON.stringify(subject) : null;
  const reader = useRef(read);
  useEffect(() => {
    if (!subjectKey) return;
    let live = true;
    call('drafts.get', { subject: JSON.parse(subjectKey) as KeptDraftSubject }).then(
      (draft) => {
        if (!live) return;
        const state = draft ? reader.current(draft.content) : undefined;
        setFound(draft && state !== undefined ? { state, savedAt: draft.savedAt } : null);
      },
      // Nothing to put back (or the session is gone): the form starts empty.
      () => live && setFound(null),
    );
    return () => {
      live = false;
    };
  }, [subjectKey]);
  return found;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A kept registration, as the form holds it; undefined when it is not one (from another version of the app). */
export function registrationStateFrom(content: KeptDraftContent): RegistrationState | undefined {
  const { draft, consents, relationship, relationshipText, acknowledged, household } = content;
  if (!isRecord(draft) || !Array.isArray(consents)) return undefined;
  return {
    draft: draft as Draft,
    consents: consents.filter((purpose): purpose is ConsentPurpose => (CONSENT_PURPOSES as readonly unknown[]).includes(purpose)),
    relationship: (RELATIONSHIPS as readonly unknown[]).includes(relationship) ? (relationship as Relationship) : '',
    relationshipText: typeof relationshipText === 'string' ? relationshipText : '',
    acknowledged: Array.isArray(acknowledged) ? acknowledged.filter((id): id is number => Number.isInteger(id)) : [],
    household: householdFrom(household),
  };
}

/** A kept edit: the fields as the form held them, only those this account may change now. */
export function editDraftFrom(content: KeptDraftContent, keys: readonly FieldKey[]): Draft | undefined {
  const { draft } = content;
  if (!isRecord(draft)) return undefined;
  return Object.fromEntries(keys.filter((key) => Object.hasOwn(draft, key)).map((key) => [key, draft[key]])) as Draft;
}

/** When a draft was kept, as the clerk's clock shows it: the time today, the day and time before. */
export function useKeptAt(): (iso: string) => string {
  const language = useCurrentLanguage();
  return useCallback(
    (iso: string) => {
      const at = new Date(iso);
      const today = new Date().toDateString() === at.toDateString();
      return new Intl.DateTimeFormat(language, today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
    },
    [language],
  );
}

/**
 * Signed in or unlocked: back to the form this account left (its newest kept draft), as it was.
 * Asked once, when the signed-in shell mounts, for the roles that register and edit.
 */
export function useReturnToKeptDraft(enabled: boolean, navigate: Navigate): void {
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    call('drafts.list', {}).then(
      (drafts) => {
        const newest = drafts[0];
        if (!live || !newest) return;
        navigate(newest.kind === 'registration' ? { name: 'register' } : { name: 'person', id: newest.personId });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [enabled, navigate]);
}
