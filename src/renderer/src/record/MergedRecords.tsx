import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/people';
import type { Role } from '../../../shared/roles';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { RegistrationNumber, useDateFormat } from '../people/format';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

interface MergedRecordsProps {
  merged: NonNullable<PersonView['merged']>;
  role: Role;
  onUndone: () => Promise<void>;
}

/** The registrations merged into this record: their numbers find it; a protection officer may undo each merge. */
export function MergedRecords({ merged, role, onUndone }: MergedRecordsProps) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const mayUndo = role === 'protection';
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function undo(mergeId: number, number: string): Promise<void> {
    setProblem(null);
    try {
      await request('duplicates.undoMerge', { mergeId });
      setUndone(number);
      await onUndone();
      // The button is gone with its line: the keyboard stays in this section.
      headingRef.current?.focus();
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  if (merged.length === 0 && !undone) return null;
  return (
    <section className="record-section merged-records" aria-labelledby="merged-records-title">
      <h2 id="merged-records-title" ref={headingRef} tabIndex={-1}>
        {t('person.merged.title')}
      </h2>
      <ErrorAlert problem={problem} />
      <StatusMessage>{undone ? t('person.merged.undone', { number: undone }) : null}</StatusMessage>
      <ul>
        {merged.map((item) => (
          <li key={item.mergeId}>
            <RegistrationNumber value={item.registrationNumber} /> <span className="muted">({t('person.merged.item', { date: dates.dayOf(item.mergedAt) })})</span>
            {mayUndo && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => void undo(item.mergeId, item.registrationNumber)}>
                  {t('person.merged.undo', { number: item.registrationNumber })}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
