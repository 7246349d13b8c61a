import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../shared/people';
import { AgeText, PersonName, RegistrationNumber } from '../people/format';
import { StatusBadge } from '../people/StatusBadge';

/** The column titles above a list of people; the rows carry the same words for screen readers. */
export function PeopleColumns() {
  const { t } = useTranslation();
  return (
    <div className="people-columns" aria-hidden="true">
      <span>{t('people.columns.name')}</span>
      <span>{t('people.columns.age')}</span>
      <span>{t('people.columns.number')}</span>
    </div>
  );
}

/** Chosen name (with the record's status when it is not active), age and registration number: all that a list of people shows. */
export function PersonCells({ person }: { person: PersonSummary }) {
  return (
    <>
      <span className="person-cell-name">
        <PersonName name={person.chosenName} />
        <StatusBadge status={person.status} />
      </span>
      <span className="person-cell-age">
        <AgeText age={person.age} />
      </span>
      <span className="person-cell-number">
        <RegistrationNumber value={person.registrationNumber} />
      </span>
    </>
  );
}
