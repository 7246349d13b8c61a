import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_KEYS, suggestsDocumentMismatch, type FieldKey } from '../../../shared/catalogue';
import type { PersonView } from '../../../shared/people';
import type { Role } from '../../../shared/roles';
import { ActionForm } from '../components/ActionForm';
import { useLeaveGuard } from '../hooks/useLeaveGuard';
import { availabilityOf } from '../people/rights';
import { FormProblem } from '../problems';
import { draftChanged } from '../registration/draft-changed';
import { MismatchSuggestion } from '../registration/MismatchSuggestion';
import { PersonFieldsEditor } from '../registration/PersonFieldsEditor';
import { collect, draftFrom, mismatchInput, sameValue, type Draft, type FieldDraft, type Problems } from '../registration/draft';
import { request } from '../session';
import { PersonFormActions, submitOnCtrlEnter } from '../registration/person-form-actions';
import { editDraftFrom, useKeptAt, useKeptDraft, type KeptDraft } from '../registration/useKeptDraft';
import type { KeptDraftContent } from '../../../shared/kept-drafts';
import { ErrorAlert } from '../components/Messages';

interface EditPersonFormProps {
  person: PersonView;
  role: Role;
  /** The changes this account left unsaved (a lock, a sign-out, another screen, a crash): put back as they were. */
  kept?: KeptDraft<KeptDraftContent>;
  onSaved: (person: PersonView) => void;
  onCancel: () => void;
}

/**
 * Changes to the fields this role may write after registration (a clerk: tiers 0 and 1; a
 * protection officer: all, sensitive ones with the person's consent). Only what changed is sent.
 */
export function EditPersonForm({ person, role, kept, onSaved, onCancel }: EditPersonFormProps) {
  const { t } = useTranslation();
  const consents = new Set(person.consents.filter((consent) => !consent.withdrawnAt).map((consent) => consent.purpose));
  const restricted = new Set(person.restricted);
  const availability = (key: FieldKey) => availabilityOf(key, role, 'update', consents);
  // A field shown as "recorded, restricted" is not this account's to change.
  const keys = FIELD_KEYS.filter((key) => availability(key).state !== 'hidden' && !restricted.has(key));
  const openKeys = keys.filter((key) => availability(key).state === 'open');
  /** The record as it is: a kept draft holds only the fields changed from it, so a later change of another field is not undone. */
  const [recorded] = useState<Draft>(() => draftFrom(person.fields, keys));
  const [draft, setDraft] = useState<Draft>(() => ({ ...recorded, ...(kept ? editDraftFrom(kept.state, keys) : {}) }));
  // Kept in the database for this account alone while it is being edited.
  const changedFields = Object.fromEntries(keys.filter((key) => !sameValue(draft[key], recorded[key])).map((key) => [key, draft[key]]));
  const keptDraft = useKeptDraft({ kind: 'edit', personId: person.id }, { draft: changedFields });
  const keptAt = useKeptAt();
  // Changes are counted from the record as saved: an edit put back from a kept draft holds some.
  const [startedFrom] = useState(() => draftFrom(person.fields, keys));
  const leave = useLeaveGuard(draftChanged(startedFrom, draft, keys), keptDraft.discard);
  const [problems, setProblems] = useState<Problems>({});
  const current = collect(draft, openKeys).fields;
  const suggestMismatch = suggestsDocumentMismatch(mismatchInput(draft, { ...person.fields, ...current })) && draft.documentMismatch !== true;

  function change(key: FieldKey, value: FieldDraft): void {
    setDraft((previous) => ({ ...previous, [key]: value }));
    if (problems[key]) setProblems(({ [key]: _fixed, ...rest }) => rest);
  }

  async function save(): Promise<void> {
    const { fields, problems: found } = collect(draft, openKeys);
    setProblems(found);
    if (Object.keys(found).length > 0) throw new FormProblem('person.form.checkAnswers');
    const set: Record<string, unknown> = {};
    const clear: FieldKey[] = [];
    for (const key of openKeys) {
      const before = person.fields[key];
      const after = fields[key];
      if (after === undefined && before !== undefined) clear.push(key);
      else if (after !== undefined && !sameValue(before, after)) set[key] = after;
    }
    if (Object.keys(set).length === 0 && clear.length === 0) {
      // Nothing to save: no change goes to main, so the draft (if any) is dropped from here.
      await keptDraft.discard();
      onSaved(person);
      return;
    }
    // Main drops the kept draft with the change, in one transaction.
    const saved = await keptDraft.finishWith(() => request('people.update', { id: person.id, set, clear }));
    leave.leaveWithoutAsking(() => onSaved(saved));
  }

  return (
    <section className="edit-person" aria-labelledby="edit-title">
      <h2 id="edit-title">{t('record.editTitle')}</h2>
      {kept && (
        <p role="status" className="message message-success">
          {t('drafts.restored', { time: keptAt(kept.savedAt) })}
        </p>
      )}
      <ActionForm
        onSubmit={save}
        submitLabel={t('record.save')}
        labelledBy="edit-title"
        className="stack-form person-form"
        secondary={
          <PersonFormActions
            onCancel={() =>
              // Dropped before leaving, so the form opened next never finds it.
              leave.confirmLeave(() => void keptDraft.discard().finally(() => leave.leaveWithoutAsking(onCancel)))
            }
          />
        }
      >
        <div className="person-form-body" onKeyDown={submitOnCtrlEnter}>
          <ErrorAlert problem={keptDraft.problem} />
          <PersonFieldsEditor
            keys={keys}
            availability={availability}
            when="update"
            draft={draft}
            onChange={change}
            problems={problems}
            autoFocusKey="chosenName"
            headingLevel={3}
            after={(key) => (key === 'documentMismatch' ? <MismatchSuggestion shown={suggestMismatch} /> : null)}
          />
        </div>
      </ActionForm>
    </section>
  );
}
