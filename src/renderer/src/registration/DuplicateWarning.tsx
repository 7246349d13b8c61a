import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../shared/people';
import { PeopleTable } from '../people/PeopleTable';

interface DuplicateWarningProps {
  /** Registrations that may be the same person; none, and only the (empty) announcement is there. */
  people: readonly PersonSummary[];
  /** Focus the warning: it has just stopped a registration. */
  focus: boolean;
  /** One level below the heading of the form section it sits in. */
  headingLevel: 3 | 4 | 5;
  onOpen: (person: PersonSummary) => void;
  onRegisterAnyway: () => void;
}

/**
 * Registrations that may be the same person, right after the name. The clerk decides, with the
 * person. The announcement is a polite live region that is always in the page, so a screen reader
 * hears it when a warning appears, without the focus leaving the field being typed in.
 */
export function DuplicateWarning({ people, focus, headingLevel, onOpen, onRegisterAnyway }: DuplicateWarningProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const Heading = `h${headingLevel}` as 'h3' | 'h4' | 'h5';
  const shown = people.length > 0;

  useEffect(() => {
    if (focus) headingRef.current?.focus();
  }, [focus, people]);

  return (
    <div className="duplicate-check">
      <p role="status" aria-live="polite" className="visually-hidden">
        {shown ? t('duplicates.found', { number: people.length }) : ''}
      </p>
      {shown && (
        <section className="duplicates" aria-labelledby={titleId}>
          <Heading id={titleId} ref={headingRef} tabIndex={-1}>
            {t('duplicates.title')}
          </Heading>
          <p>{t('duplicates.intro')}</p>
          <PeopleTable people={people} openLabel={(person) => t('duplicates.open', { number: person.registrationNumber })} onOpen={onOpen} />
          <p className="hint">{t('duplicates.draftKept')}</p>
          <div className="actions">
            <button type="button" className="button button-secondary" onClick={onRegisterAnyway}>
              {t('duplicates.registerAnyway')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
