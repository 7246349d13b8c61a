import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldKey } from '../../../../shared/catalogue';
import { HOUSEHOLD_MAX_MEMBERS, type PersonSummary } from '../../../../shared/people';
import { isolate } from '../../people/format';
import { existingMemberDraft, newMemberDraft, type HouseholdMemberDraft, type MemberProblems } from './household-draft';
import { ExistingMemberRow } from './ExistingMemberRow';
import { ExistingPersonSearch } from './ExistingPersonSearch';
import { NewMemberRow, type DuplicateGate } from './NewMemberRow';

interface HouseholdSectionProps {
  members: readonly HouseholdMemberDraft[];
  /** The fields a new member's row asks that this account may record at a registration. */
  keys: readonly FieldKey[];
  problems: Record<string, MemberProblems>;
  onChange: (members: HouseholdMemberDraft[]) => void;
  onOpenOther: (person: PersonSummary) => void;
  /** Each new member's duplicate check, by row key, for the form to run before saving. */
  gates: Map<string, DuplicateGate>;
}

/**
 * The household (issue 15): the people who came with the person being registered, registered with
 * them in one go. New members by name, relationship, birth and gender for reporting, each with its
 * own duplicate check; people already registered by search. A collapsible section like the form's
 * others, open once it has a member.
 */
export function HouseholdSection({ members, keys, problems, onChange, onOpenOther, gates }: HouseholdSectionProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [open, setOpen] = useState(members.length > 0);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const addRef = useRef<HTMLButtonElement>(null);
  const full = members.length >= HOUSEHOLD_MAX_MEMBERS;
  const hasProblem = members.some((member) => problems[member.key]);

  const registerGate = useCallback(
    (key: string, gate: DuplicateGate | null) => {
      if (gate) gates.set(key, gate);
      else gates.delete(key);
    },
    [gates],
  );

  function replace(key: string, member: HouseholdMemberDraft): void {
    onChange(members.map((current) => (current.key === key ? member : current)));
  }

  function remove(key: string): void {
    onChange(members.filter((member) => member.key !== key));
    // The row and its button are gone: the focus goes to adding another.
    window.requestAnimationFrame(() => addRef.current?.focus());
  }

  function addNew(): void {
    const member = newMemberDraft();
    setFocusKey(member.key);
    onChange([...members, member]);
    setAnnouncement(t('household.memberAdded', { number: members.length + 1 }));
  }

  function addExisting(person: PersonSummary): void {
    const member = existingMemberDraft(person);
    onChange([...members, member]);
    setAnnouncement(t('household.added', { name: isolate(person.chosenName) }));
    // Its relationship is what is asked next.
    window.requestAnimationFrame(() => {
      document.querySelector<HTMLSelectElement>(`[data-household-row="${member.key}"] select`)?.focus();
    });
  }

  const added = new Set(members.flatMap((member) => (member.kind === 'existing' ? [member.person.id] : [])));
  return (
    <details
      className="form-section household"
      open={open || hasProblem}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        <h2 id={titleId}>{t('household.title')}</h2>
      </summary>
      <div className="form-section-body">
        <p className="hint">{t('household.intro')}</p>
        {members.length > 0 && (
          <ol className="household-members" aria-label={t('household.members')}>
            {members.map((member, index) => (
              member.kind === 'new' ? (
                  <NewMemberRow
                    key={member.key}
                    member={member}
                    position={index + 1}
                    keys={keys}
                    problems={problems[member.key]}
                    autoFocus={focusKey === member.key}
                    onChange={(changed) => replace(member.key, changed)}
                    onRemove={() => remove(member.key)}
                    onOpenOther={onOpenOther}
                    registerGate={registerGate}
                  />
                ) : (
                  <ExistingMemberRow
                    key={member.key}
                    member={member}
                    position={index + 1}
                    problems={problems[member.key]}
                    onChange={(changed) => replace(member.key, changed)}
                    onRemove={() => remove(member.key)}
                  />
                )
            ))}
          </ol>
        )}
        <div className="actions">
          <button ref={addRef} type="button" className="button button-secondary" onClick={addNew} aria-disabled={full || undefined} disabled={full}>
            {t('household.addMember')}
          </button>
        </div>
        {!full && <ExistingPersonSearch added={added} onChoose={addExisting} />}
        <p role="status" className="visually-hidden">
          {announcement}
        </p>
      </div>
    </details>
  );
}
