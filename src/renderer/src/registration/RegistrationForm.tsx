import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FIELD_KEYS,
  RELATIONSHIPS,
  suggestsDocumentMismatch,
  type ConsentPurpose,
  type FieldKey,
  type PersonFields,
  type Relationship,
} from '../../../shared/catalogue';
import type { DuplicateQuery, PersonSummary, PersonView } from '../../../shared/people';
import type { Role } from '../../../shared/roles';
import { ActionForm } from '../components/ActionForm';
import { useCatalogueText } from '../people/catalogue-text';
import { PersonName } from '../people/format';
import { availabilityOf } from '../people/rights';
import { FormProblem } from '../problems';
import { request } from '../session';
import { ConsentSection } from './ConsentSection';
import { collect, emptyDraftOf, mismatchInput, type Draft, type FieldDraft, type Problems } from './draft';
import { DuplicateWarning } from './DuplicateWarning';
import { MismatchSuggestion } from './MismatchSuggestion';
import { PersonFieldsEditor } from './PersonFieldsEditor';
import { PersonFormActions, submitOnCtrlEnter } from './person-form-actions';

/** Adding a member to a family unit: the relationship is to this person, usually the focal point. */
export interface FamilyContext {
  withPerson: PersonSummary;
  isFocalPoint: boolean;
}

interface RegistrationFormProps {
  role: Role;
  family?: FamilyContext;
  /** The chosen name a new draft starts with, as typed in a search that found no one. */
  initialChosenName?: string;
  labelledBy: string;
  onRegistered: (person: PersonView) => void;
  onCancel: () => void;
}

/** The relationships a new member may have: every one but the focal point, which the unit already has. */
const MEMBER_RELATIONSHIPS = RELATIONSHIPS.filter((relationship) => relationship !== 'focal-point');
/** Fields whose change may reveal a likely duplicate. */
const DUPLICATE_FIELDS: readonly FieldKey[] = ['chosenName', 'birth', 'documents', 'nationalities'];

function birthYearOf(birth: PersonFields['birth']): number | undefined {
  if (!birth) return undefined;
  const year = birth.precision === 'exact' ? Number(birth.date.slice(0, 4)) : birth.precision === 'year' ? birth.year : Number(birth.asOf.slice(0, 4)) - birth.age;
  return year >= 1900 && year <= 2100 ? year : undefined;
}

function duplicateQueryOf(fields: PersonFields): DuplicateQuery | null {
  const documentNames = (fields.documents ?? []).flatMap((document) => (document.nameOnDocument ? [document.nameOnDocument] : []));
  if (!fields.chosenName && documentNames.length === 0) return null;
  const birthYear = birthYearOf(fields.birth);
  return {
    ...(fields.chosenName ? { chosenName: fields.chosenName } : {}),
    ...(documentNames.length > 0 ? { documentNames } : {}),
    ...(birthYear !== undefined ? { birthYear } : {}),
    ...(fields.nationalities?.length ? { nationalities: fields.nationalities } : {}),
  };
}

/**
 * The registration form, generated from the field catalogue: consent first, then the sections.
 * Only the chosen name is required. Likely duplicates are shown before saving; the clerk decides.
 */
export function RegistrationForm({ role, family, initialChosenName, labelledBy, onRegistered, onCancel }: RegistrationFormProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const [consents, setConsents] = useState<ReadonlySet<ConsentPurpose>>(new Set());
  // The chosen name from a search seeds only a new draft: it is read once, when the form mounts.
  // A form already mounted (a draft in progress; the register screen keeps its form across
  // navigations to itself and switches of view mode) keeps what the clerk typed, whatever the
  // route later carries.
  const [draft, setDraft] = useState<Draft>(() => {
    const seed = initialChosenName?.trim();
    return seed ? { chosenName: seed } : {};
  });
  const [problems, setProblems] = useState<Problems>({});
  const [relationship, setRelationship] = useState<Relationship | ''>('');
  const [relationshipText, setRelationshipText] = useState('');
  const [relationshipMissing, setRelationshipMissing] = useState(false);
  const [duplicates, setDuplicates] = useState<{ people: PersonSummary[]; blocking: boolean } | null>(null);
  /** Registrations the clerk has already judged to be someone else. */
  const acknowledged = useRef(new Set<number>());
  const duplicateCheck = useRef(0);
  const bodyRef = useRef<HTMLDivElement>(null);
  // Inside the family panel (h2) and its form title (h3), the form's own headings are h4.
  const headingLevel = family ? 4 : 2;

  const availability = (key: FieldKey) => availabilityOf(key, role, 'register', consents);
  const keys = FIELD_KEYS.filter((key) => availability(key).state !== 'hidden');
  const openKeys = keys.filter((key) => availability(key).state === 'open');
  const current = collect(draft, openKeys).fields;
  const suggestMismatch = suggestsDocumentMismatch(mismatchInput(draft, current)) && draft.documentMismatch !== true;

  function change(key: FieldKey, value: FieldDraft): void {
    setDraft((previous) => ({ ...previous, [key]: value }));
    if (problems[key]) setProblems(({ [key]: _fixed, ...rest }) => rest);
  }

  /** Withdrawing a tick before saving also drops what was typed in the fields it opened. */
  function changeConsent(purpose: ConsentPurpose, given: boolean): void {
    const next = new Set(consents);
    if (given) next.add(purpose);
    else next.delete(purpose);
    setConsents(next);
    const locked = keys.filter((key) => availabilityOf(key, role, 'register', next).state === 'needs-consent');
    if (locked.length > 0) {
      setDraft((previous) => ({ ...previous, ...Object.fromEntries(locked.map((key) => [key, emptyDraftOf(key)])) }));
    }
  }

  async function findDuplicates(fields: PersonFields): Promise<PersonSummary[]> {
    const query = duplicateQueryOf(fields);
    return query ? request('people.duplicates', query) : [];
  }

  function checkDuplicatesOnBlur(key: FieldKey): void {
    if (!DUPLICATE_FIELDS.includes(key)) return;
    const check = ++duplicateCheck.current;
    findDuplicates(collect(draft, openKeys).fields).then(
      (found) => {
        if (check !== duplicateCheck.current) return;
        const unseen = found.filter((person) => !acknowledged.current.has(person.id));
        setDuplicates(unseen.length > 0 ? { people: found, blocking: false } : null);
      },
      // A failed check must not stop the clerk; the check runs again on saving.
      () => undefined,
    );
  }

  function focusFirstProblem(): void {
    window.requestAnimationFrame(() => {
      bodyRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .has-problem input:not([disabled]), .has-problem select')?.focus();
    });
  }

  async function register(): Promise<void> {
    const { fields, problems: found } = collect(draft, openKeys);
    const missingRelationship = family !== undefined && relationship === '';
    setProblems(found);
    setRelationshipMissing(missingRelationship);
    if (Object.keys(found).length > 0 || missingRelationship) {
      focusFirstProblem();
      throw new FormProblem('person.form.checkAnswers');
    }
    const check = ++duplicateCheck.current;
    const possible = await findDuplicates(fields);
    if (check === duplicateCheck.current && possible.some((person) => !acknowledged.current.has(person.id))) {
      setDuplicates({ people: possible, blocking: true });
      return;
    }
    const input = {
      fields,
      consents: [...consents],
      ...(family && relationship !== ''
        ? {
            family: {
              withPersonId: family.withPerson.id,
              relationship,
              ...(relationship === 'other' && relationshipText.trim() ? { relationshipText: relationshipText.trim() } : {}),
            },
          }
        : {}),
    };
    onRegistered(await request('people.register', input));
  }

  function registerAnyway(form: HTMLFormElement | null): void {
    for (const person of duplicates?.people ?? []) acknowledged.current.add(person.id);
    setDuplicates(null);
    form?.requestSubmit();
  }

  /** Ctrl+Enter (Cmd+Enter) saves from anywhere, a text area included. */
  return (
    <ActionForm
      onSubmit={register}
      submitLabel={family ? t('registration.submitMember') : t('registration.submit')}
      labelledBy={labelledBy}
      className="stack-form person-form"
      secondary={<PersonFormActions onCancel={onCancel} />}
    >
      <div ref={bodyRef} className="person-form-body" onKeyDown={submitOnCtrlEnter}>
        {family && (
          <div className={`person-field${relationshipMissing ? ' has-problem' : ''}`}>
            <label htmlFor="family-relationship">
              {family.isFocalPoint ? (
                <>
                  {t('family.relationshipToFocal')} <PersonName name={family.withPerson.chosenName} />
                </>
              ) : (
                <>
                  {t('family.relationshipTo')} <PersonName name={family.withPerson.chosenName} />
                </>
              )}
              <span className="required-mark" aria-hidden="true"> {t('person.required')}</span>
            </label>
            <p id="family-relationship-help" className="hint">
              {t('family.relationshipHelp')}
            </p>
            <select
              id="family-relationship"
              autoFocus
              aria-required
              aria-invalid={relationshipMissing || undefined}
              aria-describedby={relationshipMissing ? 'family-relationship-help family-relationship-error' : 'family-relationship-help'}
              value={relationship}
              onChange={(event) => {
                setRelationship(event.target.value as Relationship | '');
                setRelationshipMissing(false);
              }}
            >
              <option value="">{t('person.choose')}</option>
              {MEMBER_RELATIONSHIPS.map((item) => (
                <option key={item} value={item}>
                  {text.relationshipLabel(item)}
                </option>
              ))}
            </select>
            {relationship === 'other' && (
              <div className="field">
                <label htmlFor="family-relationship-text">{t('family.relationshipText')}</label>
                <input id="family-relationship-text" type="text" dir="auto" autoComplete="off" value={relationshipText} onChange={(event) => setRelationshipText(event.target.value)} />
              </div>
            )}
            {relationshipMissing && (
              <p id="family-relationship-error" className="field-error">
                {t('validation.relationship')}
              </p>
            )}
          </div>
        )}
        <ConsentSection headingLevel={headingLevel} consents={consents} onChange={changeConsent} />
        <PersonFieldsEditor
          keys={keys}
          availability={availability}
          when="register"
          draft={Object.fromEntries(keys.map((key) => [key, draft[key] ?? emptyDraftOf(key)]))}
          onChange={change}
          problems={problems}
          onFieldBlur={checkDuplicatesOnBlur}
          autoFocusKey={family ? undefined : 'chosenName'}
          headingLevel={headingLevel}
          after={(key) => (key === 'documentMismatch' ? <MismatchSuggestion shown={suggestMismatch} /> : null)}
        />
        {!family && (
          <section className="form-note" aria-labelledby="family-note-title">
            <h2 id="family-note-title">{t('family.title')}</h2>
            <p className="hint">{t('registration.familyNote')}</p>
          </section>
        )}
        {duplicates && (
          <DuplicateWarning
            people={duplicates.people}
            focus={duplicates.blocking}
            headingLevel={headingLevel}
            onRegisterAnyway={() => registerAnyway(bodyRef.current?.closest('form') ?? null)}
          />
        )}
      </div>
    </ActionForm>
  );
}
