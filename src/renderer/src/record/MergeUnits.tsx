import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Relationship } from '../../../shared/catalogue';
import { MEMBER_RELATIONSHIPS, type FamilyUnit, type PersonSummary, type PersonView } from '../../../shared/people';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { useCatalogueText } from '../people/catalogue-text';
import { AgeText, isolate, PersonName, RegistrationNumber } from '../people/format';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { usePeopleSearch } from '../hooks/usePeopleSearch';

const DEBOUNCE_MS = 250;

interface MergeUnitsProps {
  unit: FamilyUnit;
  focal: PersonSummary;
  onChanged: () => Promise<void>;
}

/**
 * Bringing two family units together: find any member of the other unit. A person found who is in
 * no unit yet can be added to this one instead, with their relationship to the focal point.
 */
export function MergeUnits({ unit, focal, onChanged }: MergeUnitsProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const id = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<PersonView | null>(null);
  const [relationship, setRelationship] = useState<Relationship | ''>('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const trimmed = query.trim();
  const members = new Set(unit.members.map((member) => member.person.id));

  const search = usePeopleSearch(trimmed, { limit: 10, debounceMs: DEBOUNCE_MS });

  async function choose(person: PersonSummary): Promise<void> {
    setProblem(null);
    setDone(null);
    try {
      setChosen(await request('people.get', { id: person.id }));
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  async function finish(action: () => Promise<unknown>, message: string): Promise<void> {
    await action();
    setChosen(null);
    setQuery('');
    search.clear();
    setRelationship('');
    await onChanged();
    setDone(message);
  }

  const chosenName = chosen ? isolate(chosen.fields.chosenName ?? '') : '';
  const shown = trimmed === '' ? null : search.found?.people.filter((person) => !members.has(person.id));

  return (
    <details className="merge-units">
      <summary>{t('family.mergeTitle')}</summary>
      <div className="field">
        <label htmlFor={`${id}-query`}>{t('family.mergeSearch')}</label>
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
        />
      </div>
      {shown && shown.length === 0 && <p className="muted">{t('search.none')}</p>}
      {shown && shown.length > 0 && (
        <ul className="merge-results">
          {shown.map((person) => (
            <li key={person.id}>
              <PersonName name={person.chosenName} /> · <AgeText age={person.age} /> · <RegistrationNumber value={person.registrationNumber} />{' '}
              <button type="button" className="button button-secondary button-small" onClick={() => void choose(person)}>
                {t('family.choose')}
                <span className="visually-hidden">: {person.chosenName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && !chosen.family && (
        <form
          className="inline-form"
          aria-label={t('family.linkTitle', { name: chosenName })}
          onSubmit={(event) => {
            event.preventDefault();
            if (relationship === '') return;
            finish(
              () => request('families.link', { personId: chosen.id, withPersonId: focal.id, relationship }),
              t('family.linkDone', { name: chosenName }),
            ).catch((error: unknown) => setProblem(problemOf(error)));
          }}
        >
          <p className="form-lead">{t('family.notInUnit', { name: chosenName })}</p>
          <label htmlFor={`${id}-relationship`}>
            {t('family.relationshipToFocal')} <PersonName name={focal.chosenName} />
          </label>
          <select id={`${id}-relationship`} value={relationship} onChange={(event) => setRelationship(event.target.value as Relationship | '')}>
            <option value="">{t('person.choose')}</option>
            {MEMBER_RELATIONSHIPS.map((item) => (
              <option key={item} value={item}>
                {text.relationshipLabel(item)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-secondary button-small" aria-disabled={relationship === ''}>
            {t('family.link')}
          </button>
        </form>
      )}
      <ErrorAlert problem={problem ?? search.problem} />
      <StatusMessage>{done}</StatusMessage>
      {chosen?.family && (
        <ConfirmDialog
          title={t('family.mergeConfirmTitle')}
          confirmLabel={t('family.confirmMerge')}
          onConfirm={() => finish(() => request('families.merge', { intoUnitId: unit.id, fromUnitId: chosen.family!.id }), t('family.mergeDone'))}
          onCancel={() => setChosen(null)}
        >
          <p>{t('family.mergeBody', { name: chosenName, people: t('counts.people', { count: chosen.family.members.length }) })}</p>
        </ConfirmDialog>
      )}
    </details>
  );
}
