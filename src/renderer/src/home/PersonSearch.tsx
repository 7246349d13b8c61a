import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordListFilter } from '../../../shared/record-status';
import { ErrorAlert } from '../components/Messages';
import { usePeopleSearch } from '../hooks/usePeopleSearch';
import { PersonName } from '../people/format';
import { useNavigate } from '../shell/navigation';
import { useViewMode } from '../shell/view-mode';
import { PeopleColumns, PersonCells } from './PeopleColumns';

const DEBOUNCE_MS = 200;
const RESULT_LIMIT = 50;

/** Stands for the name in a translated sentence, to set the name apart (a character no one types). */
const NAME_SLOT = '\u{F8FF}';

/**
 * Search as you type over chosen name, names on documents, registration number and phone. When
 * no one is found and `offerRegister` is set (roles that may register), offers to register the
 * query as the chosen name. Finds the records `show` asks for (the active ones by default); the
 * duplicate check before registering finds every record.
 */
export function PersonSearch({ offerRegister = false, show = 'active' }: { offerRegister?: boolean; show?: RecordListFilter }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { mode } = useViewMode();
  const id = useId();
  const [query, setQuery] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const trimmed = query.trim();
  const { found, problem } = usePeopleSearch(trimmed, { limit: RESULT_LIMIT, debounceMs: DEBOUNCE_MS, show });

  const results = trimmed !== '' && found ? found.people : null;
  const buttons = (): HTMLButtonElement[] => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];

  function onInputKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' && results && results.length > 0) {
      event.preventDefault();
      buttons()[0]?.focus();
    }
  }

  function onListKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = Math.min(at + 1, all.length - 1);
    else if (event.key === 'ArrowUp') next = at - 1;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = all.length - 1;
    if (next === null) return;
    event.preventDefault();
    if (next < 0) inputRef.current?.focus();
    else all[next]?.focus();
  }

  // The name reads in its own direction inside the sentence, whatever the interface language.
  const [beforeName = '', afterName = ''] = t('search.registerName', { name: NAME_SLOT }).split(NAME_SLOT);
  const offered = offerRegister && results !== null && results.length === 0;

  let status = '';
  if (results) status = results.length === 0 ? t('search.none') : t('search.count', { number: results.length });

  return (
    <div className="person-search" role="search" aria-label={t('search.label')}>
      <div className="field">
        <label htmlFor={`${id}-query`}>{t('search.label')}</label>
        <p id={`${id}-hint`} className="hint">
          {mode === 'restricted' ? t('search.restrictedHint') : t('search.hint')}
        </p>
        <input
          id={`${id}-query`}
          ref={inputRef}
          type="search"
          className="search-input"
          dir="auto"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          aria-describedby={`${id}-hint`}
          aria-controls={`${id}-results`}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onInputKeyDown}
        />
      </div>
      <ErrorAlert problem={problem} />
      <div className="search-outcome">
        <p role="status" className="search-status">
          {status}
        </p>
        {offered && (
          <button type="button" className="button" onClick={() => navigate({ name: 'register', chosenName: trimmed })}>
            {/* One flex item, so the spaces around the name stay. */}
            <span>
              {beforeName}
              <PersonName name={trimmed} />
              {afterName}
            </span>
          </button>
        )}
      </div>
      <div id={`${id}-results`}>
        {results && results.length > 0 && (
          <>
            <PeopleColumns />
            <ul className="people-list" aria-label={t('search.results')} ref={listRef} onKeyDown={onListKeyDown}>
              {results.map((person) => (
                <li key={person.id}>
                  <button type="button" className="person-row" onClick={() => navigate({ name: 'person', id: person.id })}>
                    <PersonCells person={person} />
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
