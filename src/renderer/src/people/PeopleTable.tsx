import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../shared/people';
import { HiddenHeader } from '../components/HiddenHeader';
import { AgeText, PersonName, RegistrationNumber, useDateFormat } from './format';
import { StatusBadge } from './StatusBadge';

interface PeopleTableProps {
  people: readonly PersonSummary[];
  /** A column before the name: its heading and each person's cell. */
  choice?: { heading: string; cell: (person: PersonSummary) => ReactNode };
  /** Adds the day each person was registered. */
  registered?: boolean;
  /** The words of the button that opens a person's record (it names the record). */
  openLabel: (person: PersonSummary) => string;
  onOpen: (person: PersonSummary) => void;
}

/**
 * People who may be one person, one a row: name (and the record's status when it is not active:
 * a departed person who comes back is found here), age, registration number (and the day registered
 * when asked), and a button to open each record. The registration's warning and the duplicate review.
 */
export function PeopleTable({ people, choice, registered = false, openLabel, onOpen }: PeopleTableProps) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  return (
    <table className="people-table">
      <thead>
        <tr>
          {choice && <th scope="col">{choice.heading}</th>}
          <th scope="col">{t('people.columns.name')}</th>
          <th scope="col">{t('people.columns.age')}</th>
          <th scope="col">{t('people.columns.number')}</th>
          {registered && <th scope="col">{t('people.columns.registered')}</th>}
          <HiddenHeader label={t('people.columns.actions')} />
        </tr>
      </thead>
      <tbody>
        {people.map((person) => (
          <tr key={person.id}>
            {choice && <td>{choice.cell(person)}</td>}
            <th scope="row">
              <PersonName name={person.chosenName} />
              <StatusBadge status={person.status} />
            </th>
            <td>
              <AgeText age={person.age} />
            </td>
            <td>
              <RegistrationNumber value={person.registrationNumber} />
            </td>
            {registered && <td>{dates.dayOf(person.registeredAt)}</td>}
            <td>
              <button type="button" className="link-button" onClick={() => onOpen(person)}>
                {openLabel(person)}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
