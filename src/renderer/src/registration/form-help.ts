import { useSyncExternalStore } from 'react';

/**
 * Whether the person form shows each field's help text under it, or behind the field's info button
 * (issue 15). The rule, kept as simple as it can honestly be: the help is shown until the first
 * registration is saved on this laptop (this browser profile, whichever account signed in), then it
 * is behind the info buttons; the "help under every field" toggle beside Register changes it either
 * way and the choice is kept. Help for sensitive questions (tier 2) and the consent text are always
 * shown, whatever this says.
 *
 * Only this interface preference is kept in the browser's storage, never anything about a person
 * or an account.
 */
const STORAGE_KEY = 'intake.form-help';
type Preference = 'shown' | 'hidden';

const listeners = new Set<() => void>();

function read(): Preference | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'shown' || stored === 'hidden' ? stored : null;
  } catch {
    // Storage refused (a locked-down profile): the help stays shown, as for a first registration.
    return null;
  }
}

function write(preference: Preference): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, preference);
  } catch {
    // Not kept across reloads, but still applied below for this session.
  }
  session = preference;
  for (const listener of listeners) listener();
}

/** What applies now: the stored preference, or what was chosen this session when storage refuses it. */
let session: Preference | null = null;

/** Whether help texts are shown under the fields now (the hook below follows it). */
export function formHelpShown(): boolean {
  return (read() ?? session ?? 'shown') === 'shown';
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether help texts are shown under the fields (the info buttons show or hide each one). */
export function useFormHelpShown(): boolean {
  return useSyncExternalStore(subscribe, formHelpShown);
}

export function setFormHelpShown(shown: boolean): void {
  write(shown ? 'shown' : 'hidden');
}

/** A registration was saved: from now on the help is behind the info buttons, unless the clerk chose otherwise. */
export function markFirstRegistrationSaved(): void {
  if (read() === null && session === null) write('hidden');
}
