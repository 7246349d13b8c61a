import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../shared/people';
import { ErrorAlert } from '../../components/Messages';
import { usePeopleSearch } from '../../hooks/usePeopleSearch';
import { AgeText, PersonName, RegistrationNumber } from '../../people/format';

const DEBOUNCE_MS = 250;

interface ExistingPersonSearchProps {
  /** People already in the household (or its focal point's likely duplicates): offered, but marked. */
  added: ReadonlySet<number>;
  onChoose: (person: PersonSummary) => void;
}

/** "Add a person already registered": the people search, as the family panel's, by name, number or phone. */
export function ExistingPersonSearch({ added, onChoose }: ExistingPersonSearchProps) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const trimmed = query.trim();
  const search = usePeopleSearch(trimmed, { limit: 10, debounceMs: DEBOUNCE_MS });
  const shown = trimmed === '' ? null : search.found?.people;

  function choose(person: PersonSummary): void {
    setQuery('');
    search.clear();
    onChoose(person);
  }

  return (
    <div className="household-search">
      <h3 id={`${id}-title`}>{t('household.existingTitle')}</h3>
      <div className="field">
        <label htmlFor={`${id}-query`}>{t('household.search')}</label>
        <p id={`${id}-hint`} className="hint">
          {t('family.mergeHint')}
        </p>
        <input
          id={`${id}-query`}
          type="search"
          dir="auto"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          // Enter in the search box finds, it does not register the household.
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) event.preventDefault();
          }}
        />
      </div>
      {shown && shown.length === 0 && <p className="muted">{t('search.none')}</p>}
      {shown && shown.length > 0 && (
        <ul className="merge-results" aria-labelledby={`${id}-title`}>
          {shown.map((person) => (
            <li key={person.id}>
              <PersonName name={person.chosenName} /> · <AgeText age={person.age} /> · <RegistrationNumber value={person.registrationNumber} />{' '}
              {added.has(person.id) ? (
                <span className="muted">{t('household.alreadyAdded')}</span>
              ) : (
                <button type="button" className="button button-secondary button-small" onClick={() => choose(person)}>
                  {t('household.add')}
                  <span className="visually-hidden">: {person.chosenName}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert problem={search.problem} />
    </div>
  );
}
