import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FIELD_KEYS,
  suggestsDocumentMismatch,
  type ConsentPurpose,
  type FieldKey,
  type Relationship,
} from '../../../shared/catalogue';
import { MEMBER_RELATIONSHIPS, type PersonSummary, type PersonView } from '../../../shared/people';
import type { Role } from '../../../shared/roles';
import { ActionForm } from '../components/ActionForm';
import { useLeaveGuard } from '../hooks/useLeaveGuard';
import { useCatalogueText } from '../people/catalogue-text';
import { PersonName } from '../people/format';
import { availabilityOf } from '../people/rights';
import { FormProblem } from '../problems';
import { request } from '../session';
import { useNavigate } from '../shell/navigation';
import { sameOrigin, useRegistrationInProgress, type RegistrationOrigin, type RegistrationState } from '../shell/registration-in-progress';
import { ErrorAlert } from '../components/Messages';
import { ConsentSection } from './ConsentSection';
import { markFirstRegistrationSaved } from './form-help';
import { collect, emptyDraftOf, mismatchInput, newRegistrationDraft, type Draft, type FieldDraft, type Problems } from './draft';
import { draftChanged } from './draft-changed';
import { DuplicateWarning } from './DuplicateWarning';
import { MismatchSuggestion } from './MismatchSuggestion';
import { PersonFieldsEditor } from './PersonFieldsEditor';
import { PersonFormActions, submitOnCtrlEnter } from './person-form-actions';
import { useDuplicateCheck } from './useDuplicateCheck';
import { useKeptDraft, type KeptDraft } from './useKeptDraft';
import { collectHousehold, MEMBER_FIELD_KEYS, type HouseholdMemberDraft, type MemberProblems } from './household/household-draft';
import { HouseholdSection } from './household/HouseholdSection';
import type { DuplicateGate } from './household/NewMemberRow';
import { householdRefusal } from './household/household-refusal';

/**
 * What a registration asks first, in the order the conversation goes (issue 15): the arrival (today
 * unless said otherwise) and the name, how to address the person and in which language, birth and
 * gender for reporting, nationality and a phone number. The consent comes next, before anything
 * sensitive; the catalogue's other sections follow, closed until the conversation reaches them.
 * The arrival comes before the name, where the focus starts, so a clerk keeping today's date never
 * passes through it.
 */
const FIRST_QUESTIONS: readonly FieldKey[] = [
  'arrivalDate',
  'chosenName',
  'pronouns',
  'languages',
  'preferredLanguage',
  'birth',
  'genderForReporting',
  'nationalities',
  'phone',
];

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
  /** Where this form is, so a draft set aside to open another record comes back to the same place. */
  origin: RegistrationOrigin;
  /** Start from the registration set aside from this origin, as it was. */
  resume?: boolean;
  /** The registration this clerk left on the register screen, kept in the database: put back as it was. */
  kept?: KeptDraft<RegistrationState>;
  labelledBy: string;
  onRegistered: (person: PersonView) => void;
  onCancel: () => void;
}

/**
 * The registration form, generated from the field catalogue: the first questions, the consent, then
 * the sections.
 * Only the chosen name is required. Likely duplicates are shown beside the name as soon as they
 * are found, and stop saving until the clerk decides. Opening one of them sets the draft aside.
 */
export function RegistrationForm({ role, family, initialChosenName, origin, resume, kept, labelledBy, onRegistered, onCancel }: RegistrationFormProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const navigate = useNavigate();
  const inProgress = useRegistrationInProgress();
  // Read once, when the form mounts: the registration set aside from here, if the clerk came back to it.
  const [restored] = useState(() => {
    const setAside = inProgress.setAside;
    return resume && setAside && sameOrigin(setAside.origin, origin) ? setAside.state : kept?.state;
  });
  const [consents, setConsents] = useState<ReadonlySet<ConsentPurpose>>(() => new Set(restored?.consents));
  // The chosen name from a search seeds only a new draft: it is read once, when the form mounts.
  // A form already mounted (a draft in progress; the register screen keeps its form across
  // navigations to itself and switches of view mode) keeps what the clerk typed, whatever the
  // route later carries.
  const [draft, setDraft] = useState<Draft>(() => {
    if (restored) return restored.draft;
    return newRegistrationDraft(initialChosenName);
  });
  // Where the form started: today's arrival and a name carried over from the search are no change; a draft put back is.
  const [startedFrom] = useState<Draft>(() => (restored ? {} : draft));
  const [problems, setProblems] = useState<Problems>({});
  const [relationship, setRelationship] = useState<Relationship | ''>(restored?.relationship ?? '');
  const [relationshipText, setRelationshipText] = useState(restored?.relationshipText ?? '');
  const [relationshipMissing, setRelationshipMissing] = useState(false);
  // The household registered with this person (the register screen's form only).
  const [household, setHousehold] = useState<HouseholdMemberDraft[]>(() => restored?.household ?? []);
  const [householdProblems, setHouseholdProblems] = useState<Record<string, MemberProblems>>({});
  const [householdGates] = useState(() => new Map<string, DuplicateGate>());
  const bodyRef = useRef<HTMLDivElement>(null);
  // Inside the family panel (h2) and its form title (h3), the form's own headings are h4.
  const headingLevel = family ? 4 : 2;

  const availability = (key: FieldKey) => availabilityOf(key, role, 'register', consents);
  const keys = FIELD_KEYS.filter((key) => availability(key).state !== 'hidden');
  const openKeys = keys.filter((key) => availability(key).state === 'open');
  const current = collect(draft, openKeys).fields;
  const suggestMismatch = suggestsDocumentMismatch(mismatchInput(draft, current)) && draft.documentMismatch !== true;
  const duplicates = useDuplicateCheck(current, restored?.acknowledged);
  // A new member's row asks the fields this account may record at a registration with no consent given.
  const memberKeys = MEMBER_FIELD_KEYS.filter((key) => availabilityOf(key, role, 'register', new Set()).state === 'open');
  // Kept in the database for this clerk alone, so a lock, a sign-out or a crash loses nothing (the register screen's form only).
  const keptDraft = useKeptDraft(origin.kind === 'register' ? { kind: 'registration' } : null, {
    draft,
    consents: [...consents],
    relationship,
    relationshipText,
    acknowledged: duplicates.acknowledged(),
    household,
  });
  const leave = useLeaveGuard(
    consents.size > 0 || household.length > 0 || relationship !== '' || relationshipText.trim() !== '' || draftChanged(startedFrom, draft, keys),
    // Only the register screen's form is kept: a family member's registration has nothing to keep.
    origin.kind === 'register' ? keptDraft.discard : undefined,
  );

  // The draft is live in this form again: what was set aside is no longer needed.
  const { clear } = inProgress;
  const restoredFrom = useRef(restored ? origin : null);
  useEffect(() => {
    if (restoredFrom.current) clear(restoredFrom.current);
    restoredFrom.current = null;
  }, [clear]);

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

  /** Opens a likely duplicate's record, keeping this draft (in memory) to come back to. */
  function openOther(person: PersonSummary): void {
    // On its own record's family panel, the form stays where it is.
    if (origin.kind !== 'family' || origin.personId !== person.id) {
      inProgress.keep({
        origin,
        state: { draft, consents: [...consents], relationship, relationshipText, acknowledged: duplicates.acknowledged(), household },
      });
    }
    // The draft is kept (above), so this is no leave to ask about.
    leave.leaveWithoutAsking(() => navigate({ name: 'person', id: person.id }));
  }

  function cancel(): void {
    leave.confirmLeave(() =>
      // Dropped before leaving, so the next registration form never finds it; the leave itself comes
      // after, when the question was answered already, so it is not asked again.
      void keptDraft.discard().finally(() =>
        leave.leaveWithoutAsking(() => {
          clear(origin);
          onCancel();
        }),
      ),
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
    const members = collectHousehold(household, memberKeys);
    setProblems(found);
    setRelationshipMissing(missingRelationship);
    setHouseholdProblems(members.problems);
    if (Object.keys(found).length > 0 || missingRelationship || Object.keys(members.problems).length > 0) {
      focusFirstProblem();
      throw new FormProblem('person.form.checkAnswers');
    }
    if (await duplicates.stopsRegistration(fields)) return;
    // Each new member's own check, in the order of the rows: the first that finds someone stops saving.
    for (const member of household) {
      const gate = householdGates.get(member.key);
      if (gate && (await gate())) return;
    }
    if (members.members.length > 0) {
      // Main drops the kept draft with the household, in one transaction.
      const registered = await keptDraft
        .finishWith(() => request('people.registerHousehold', { focalPoint: { fields, consents: [...consents] }, members: members.members }))
        .catch((error: unknown) => {
          const refused = householdRefusal(error, household, t, text.fieldLabel);
          if (refused.rowKey) {
            setHouseholdProblems({ [refused.rowKey]: refused.problems });
            focusFirstProblem();
          }
          throw refused.error;
        });
      clear(origin);
      markFirstRegistrationSaved();
      leave.leaveWithoutAsking(() => onRegistered(registered));
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
    // Main drops the kept draft with the registration, in one transaction.
    const registered = await keptDraft.finishWith(() => request('people.register', input));
    clear(origin);
    markFirstRegistrationSaved();
    leave.leaveWithoutAsking(() => onRegistered(registered));
  }

  function registerAnyway(form: HTMLFormElement | null): void {
    duplicates.acknowledgeShown();
    form?.requestSubmit();
  }

  /** Ctrl+Enter (Cmd+Enter) saves from anywhere, a text area included. */
  return (
    <ActionForm
      onSubmit={register}
      submitLabel={
        family ? t('registration.submitMember') : household.length > 0 ? t('household.submit', { count: household.length + 1 }) : t('registration.submit')
      }
      labelledBy={labelledBy}
      className="stack-form person-form registration-form"
      secondary={<PersonFormActions onCancel={cancel} />}
    >
      <div ref={bodyRef} className="person-form-body" onKeyDown={submitOnCtrlEnter}>
        <ErrorAlert problem={keptDraft.problem} />
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
        <PersonFieldsEditor
          keys={keys}
          availability={availability}
          when="register"
          draft={Object.fromEntries(keys.map((key) => [key, draft[key] ?? emptyDraftOf(key)]))}
          onChange={change}
          problems={problems}
          onFieldBlur={duplicates.onFieldBlur}
          autoFocusKey={family ? undefined : 'chosenName'}
          headingLevel={headingLevel}
          firstQuestions={FIRST_QUESTIONS}
          afterFirstQuestions={<ConsentSection headingLevel={headingLevel} consents={consents} onChange={changeConsent} />}
          after={(key) => {
            if (key === 'documentMismatch') return <MismatchSuggestion shown={suggestMismatch} />;
            if (key !== 'chosenName') return null;
            // Right after the name, so it is seen, heard and reached by Tab as soon as it is found.
            return (
              <DuplicateWarning
                people={duplicates.shown?.people ?? []}
                focus={duplicates.shown?.blocking === true}
                headingLevel={family ? 5 : 3}
                onOpen={openOther}
                onRegisterAnyway={() => registerAnyway(bodyRef.current?.closest('form') ?? null)}
              />
            );
          }}
        />
        {!family && (
          <HouseholdSection
            members={household}
            keys={memberKeys}
            problems={householdProblems}
            onChange={(members) => {
              setHousehold(members);
              setHouseholdProblems({});
            }}
            onOpenOther={openOther}
            gates={householdGates}
          />
        )}
      </div>
    </ActionForm>
  );
}
