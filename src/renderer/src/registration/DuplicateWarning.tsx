import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../shared/people';
import { AgeText, PersonName, RegistrationNumber } from '../people/format';
import { useNavigate } from '../shell/navigation';
import { HiddenHeader } from '../components/HiddenHeader';

interface DuplicateWarningProps {
  people: readonly PersonSummary[];
  /** Focus the warning: it has just stopped a registration. */
  focus: boolean;
  headingLevel?: 2 | 4;
  onRegisterAnyway: () => void;
}

/** Registrations that may be the same person. The clerk decides, with the person. */
export function DuplicateWarning({ people, focus, headingLevel, onRegisterAnyway }: DuplicateWarningProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (focus) headingRef.current?.focus();
  }, [focus, people]);

  return (
    <section className="duplicates" aria-labelledby={titleId}>
      {headingLevel === 4 ? (
        <h4 id={titleId} ref={headingRef} tabIndex={-1}>
          {t('duplicates.title')}
        </h4>
      ) : (
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {t('duplicates.title')}
        </h2>
      )}
      <p>{t('duplicates.intro')}</p>
      <table className="people-table">
        <thead>
          <tr>
            <th scope="col">{t('people.columns.name')}</th>
            <th scope="col">{t('people.columns.age')}</th>
            <th scope="col">{t('people.columns.number')}</th>
            <HiddenHeader label={t('people.columns.actions')} />
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <th scope="row">
                <PersonName name={person.chosenName} />
              </th>
              <td>
                <AgeText age={person.age} />
              </td>
              <td>
                <RegistrationNumber value={person.registrationNumber} />
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => navigate({ name: 'person', id: person.id })}>
                  {t('duplicates.open', { number: person.registrationNumber })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={onRegisterAnyway}>
          {t('duplicates.registerAnyway')}
        </button>
      </div>
    </section>
  );
}
