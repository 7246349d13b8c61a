import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldKey, PersonFields } from '../../../shared/catalogue';
import type { DuplicateQuery, PersonSummary } from '../../../shared/people';
import { request } from '../session';

/** Fields whose change may reveal a likely duplicate: checked when the clerk leaves them. */
const DUPLICATE_FIELDS: readonly FieldKey[] = ['chosenName', 'birth', 'documents', 'nationalities'];
/** While a name is typed, the check waits this long after the last keystroke. */
export const TYPING_PAUSE_MS = 400;

export interface LikelyDuplicates {
  people: PersonSummary[];
  /** The warning has just stopped a registration: it takes the focus. */
  blocking: boolean;
}

export interface DuplicateCheck {
  /** What the warning beside the name shows, or null. */
  shown: LikelyDuplicates | null;
  /** A field was left: check now if it may reveal a duplicate. */
  onFieldBlur: (key: FieldKey) => void;
  /** Before saving: true when a likely duplicate the clerk has not judged stops the registration. */
  stopsRegistration: (fields: PersonFields) => Promise<boolean>;
  /** The clerk judged every registration shown to be someone else. */
  acknowledgeShown: () => void;
  /** The registrations judged to be someone else, to keep with a draft set aside. */
  acknowledged: () => number[];
}

function birthYearOf(birth: PersonFields['birth']): number | undefined {
  if (!birth) return undefined;
  const year = birth.precision === 'exact' ? Number(birth.date.slice(0, 4)) : birth.precision === 'year' ? birth.year : Number(birth.asOf.slice(0, 4)) - birth.age;
  return year >= 1900 && year <= 2100 ? year : undefined;
}

function documentNamesOf(fields: PersonFields): string[] {
  return (fields.documents ?? []).flatMap((document) => (document.nameOnDocument ? [document.nameOnDocument] : []));
}

export function duplicateQueryOf(fields: PersonFields): DuplicateQuery | null {
  const documentNames = documentNamesOf(fields);
  if (!fields.chosenName && documentNames.length === 0) return null;
  const birthYear = birthYearOf(fields.birth);
  return {
    ...(fields.chosenName ? { chosenName: fields.chosenName } : {}),
    ...(documentNames.length > 0 ? { documentNames } : {}),
    ...(birthYear !== undefined ? { birthYear } : {}),
    ...(fields.nationalities?.length ? { nationalities: fields.nationalities } : {}),
  };
}

const twoWords = (name: string | undefined): boolean => (name ?? '').trim().split(/\s+/u).filter(Boolean).length >= 2;

/**
 * Likely duplicates of the person being registered, as soon as they can be known: when the clerk
 * leaves a name (or birth, nationality, documents), and while a name of two words or more is typed,
 * after a pause. Only the newest check's answer is shown; an older one arriving late is ignored.
 * Nothing takes the focus while the clerk types: only a warning that stops saving does.
 */
export function useDuplicateCheck(fields: PersonFields, initiallyAcknowledged: readonly number[] = []): DuplicateCheck {
  const [shown, setShown] = useState<LikelyDuplicates | null>(null);
  const acknowledgedIds = useRef(new Set<number>(initiallyAcknowledged));
  /** Numbers every check; an answer counts only if no check started after it. */
  const latestCheck = useRef(0);
  const latestFields = useRef(fields);
  useEffect(() => {
    latestFields.current = fields;
  });

  const unseen = useCallback((people: readonly PersonSummary[]) => people.some((person) => !acknowledgedIds.current.has(person.id)), []);

  const check = useCallback(() => {
    const query = duplicateQueryOf(latestFields.current);
    const checkNumber = ++latestCheck.current;
    (query ? request('people.duplicates', query) : Promise.resolve([])).then(
      (people) => {
        if (checkNumber !== latestCheck.current) return;
        // Shown beside the name without taking the focus: the clerk may be typing.
        setShown(unseen(people) ? { people, blocking: false } : null);
      },
      // A failed check must not stop the clerk; the check runs again on saving, where its error is shown.
      () => undefined,
    );
  }, [unseen]);

  // While typing: a name of two words or more is checked after a pause in the typing.
  const chosenName = fields.chosenName;
  const documentNames = documentNamesOf(fields).join('\n');
  useEffect(() => {
    // A check already under way is for a name that is no longer there.
    latestCheck.current += 1;
    if (!twoWords(chosenName) && !documentNames.split('\n').some(twoWords)) return undefined;
    const timer = window.setTimeout(check, TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [chosenName, documentNames, check]);

  const onFieldBlur = useCallback(
    (key: FieldKey) => {
      if (DUPLICATE_FIELDS.includes(key)) check();
    },
    [check],
  );

  const stopsRegistration = useCallback(
    async (current: PersonFields) => {
      const query = duplicateQueryOf(current);
      // Its own answer decides, whatever other check started meanwhile (a pause in typing, a blur).
      const people = query ? await request('people.duplicates', query) : [];
      if (!unseen(people)) return false;
      // This answer is what the warning shows now: a check still under way is older.
      latestCheck.current += 1;
      setShown({ people, blocking: true });
      return true;
    },
    [unseen],
  );

  const acknowledgeShown = useCallback(() => {
    for (const person of shown?.people ?? []) acknowledgedIds.current.add(person.id);
    setShown(null);
  }, [shown]);

  const acknowledged = useCallback(() => [...acknowledgedIds.current], []);

  return { shown, onFieldBlur, stopsRegistration, acknowledgeShown, acknowledged };
}
