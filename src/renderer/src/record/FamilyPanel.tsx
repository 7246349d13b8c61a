import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Relationship } from '../../../shared/catalogue';
import { hasRelationship, type FamilyMember, type KnownFamilyMember, type PersonSummary, type PersonView } from '../../../shared/people';
import type { Role } from '../../../shared/roles';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { useCatalogueText } from '../people/catalogue-text';
import { AgeText, isolate, PersonName } from '../people/format';
import { mayChangeRecords } from '../people/rights';
import { problemOf, type Problem } from '../problems';
import { RegistrationForm, type FamilyContext } from '../registration/RegistrationForm';
import { request } from '../session';
import { useNavigate } from '../shell/navigation';
import { useViewMode } from '../shell/view-mode';
import { MergeUnits } from './MergeUnits';
import { RegisteredNotice } from './RegisteredNotice';
import { RelationshipEditor } from './RelationshipEditor';
import { HiddenHeader } from '../components/HiddenHeader';

interface FamilyPanelProps {
  person: PersonView;
  role: Role;
  onChanged: () => Promise<void>;
  /** Reopen the member's registration set aside from here to open a likely duplicate. */
  resumeRegistration?: boolean;
}

function summaryOf(person: PersonView): PersonSummary {
  return {
    id: person.id,
    registrationNumber: person.registrationNumber,
    chosenName: person.fields.chosenName ?? '',
    ...(person.age ? { age: person.age } : {}),
    registeredAt: person.registeredAt,
  };
}

/**
 * The family unit as the people in it define it: members around a focal point, with their
 * relationships. Keep-together is recorded so that allocation does not split the unit.
 */
export function FamilyPanel({ person, role, onChanged, resumeRegistration = false }: FamilyPanelProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const navigate = useNavigate();
  const id = useId();
  const unit = person.family;
  const changes = mayChangeRecords(role);
  const [adding, setAdding] = useState(resumeRegistration);
  const [added, setAdded] = useState<PersonView | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [removing, setRemoving] = useState<FamilyMember | null>(null);
  /** The member whose relationship is being changed. */
  const [editingId, setEditingId] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  /** The keep-together choice while it is being saved, so the checkbox follows the click at once. */
  const [keepSaving, setKeepSaving] = useState<boolean | null>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const changeButtons = useRef(new Map<number, HTMLButtonElement>());
  // Relationships are not changed on the restricted screen, where most of them are not sent.
  const restrictedScreen = useViewMode().mode === 'restricted';

  const focal = unit?.members.filter(hasRelationship).find((member) => member.relationship === 'focal-point');
  const family: FamilyContext = focal ? { withPerson: focal.person, isFocalPoint: true } : { withPerson: summaryOf(person), isFocalPoint: !unit };

  async function run(action: () => Promise<unknown>, message: string): Promise<boolean> {
    setProblem(null);
    setDone(null);
    setAdded(null);
    try {
      await action();
      await onChanged();
      setDone(message);
      return true;
    } catch (error) {
      setProblem(problemOf(error));
      return false;
    }
  }

  function relationshipOf(member: KnownFamilyMember): string {
    const label = text.relationshipLabel(member.relationship);
    return member.relationship === 'other' && member.relationshipText ? `${label}: ${member.relationshipText}` : label;
  }

  function closeEditor(personId: number): void {
    setEditingId(null);
    window.requestAnimationFrame(() => changeButtons.current.get(personId)?.focus());
  }

  async function changeRelationship(member: KnownFamilyMember, relationship: Relationship, relationshipText?: string): Promise<void> {
    const saved = await run(
      () => request('families.setRelationship', { personId: member.person.id, relationship, ...(relationshipText ? { relationshipText } : {}) }),
      t('family.relationshipDone', { name: isolate(member.person.chosenName) }),
    );
    if (saved) closeEditor(member.person.id);
  }

  return (
    <section className="panel family-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('family.title')}</h2>
      {!unit && <p className="muted">{t('family.none')}</p>}
      {unit && (
        <>
          <ul className="family-indicators">
            {unit.childHeaded && <li className="badge badge-notice">{t('family.childHeaded')}</li>}
            {!changes && <li className="badge">{unit.keepTogether ? t('family.keepTogetherYes') : t('family.keepTogetherNo')}</li>}
          </ul>
          {changes && (
            <label className="checkbox-field">
              <input
                type="checkbox"
                checked={keepSaving ?? unit.keepTogether}
                aria-describedby={`${id}-keep-hint`}
                onChange={(event) => {
                  const keepTogether = event.target.checked;
                  setKeepSaving(keepTogether);
                  void run(
                    () => request('families.setKeepTogether', { unitId: unit.id, keepTogether }),
                    keepTogether ? t('family.keepTogetherOn') : t('family.keepTogetherOff'),
                  ).finally(() => setKeepSaving(null));
                }}
              />
              <span>{t('family.keepTogether')}</span>
            </label>
          )}
          {changes && (
            <p id={`${id}-keep-hint`} className="hint">
              {t('family.keepTogetherHint')}
            </p>
          )}
          <div className="table-scroll">
            <table className="people-table family-table" aria-labelledby={`${id}-title`}>
              <thead>
                <tr>
                  {changes && (
                    <HiddenHeader label={t('family.select')} />
                  )}
                  <th scope="col">{t('people.columns.name')}</th>
                  <th scope="col">{t('family.relationship')}</th>
                  <th scope="col">{t('people.columns.age')}</th>
                  {changes && (
                    <HiddenHeader label={t('people.columns.actions')} />
                  )}
                </tr>
              </thead>
              <tbody>
                {unit.members.map((member) => {
                  const isThis = member.person.id === person.id;
                  const name = member.person.chosenName;
                  const known = hasRelationship(member) ? member : undefined;
                  const changeable = changes && !restrictedScreen && known !== undefined;
                  const editing = changeable && editingId === member.person.id;
                  return (
                    <tr key={member.person.id} className={isThis ? 'is-current' : undefined}>
                      {changes && (
                        <td>
                          <input
                            type="checkbox"
                            aria-label={t('family.selectMember', { name })}
                            checked={selected.has(member.person.id)}
                            onChange={(event) => {
                              const next = new Set(selected);
                              if (event.target.checked) next.add(member.person.id);
                              else next.delete(member.person.id);
                              setSelected(next);
                            }}
                          />
                        </td>
                      )}
                      <th scope="row">
                        {isThis ? (
                          <>
                            <PersonName name={name} /> <span className="muted">{t('family.thisRecord')}</span>
                          </>
                        ) : (
                          <button type="button" className="link-button" onClick={() => navigate({ name: 'person', id: member.person.id })}>
                            <PersonName name={name} />
                          </button>
                        )}
                      </th>
                      <td>
                        {editing && known ? (
                          <RelationshipEditor
                            id={`${id}-member-${member.person.id}`}
                            member={known}
                            otherFocal={focal && focal.person.id !== member.person.id ? focal.person : undefined}
                            onSave={(relationship, relationshipText) => changeRelationship(known, relationship, relationshipText)}
                            onCancel={() => closeEditor(member.person.id)}
                          />
                        ) : known ? (
                          relationshipOf(known)
                        ) : (
                          <span className="muted">{restrictedScreen ? t('reveal.masked') : t('family.relationshipNotForRole')}</span>
                        )}
                      </td>
                      <td>
                        <AgeText age={member.person.age} />
                      </td>
                      {changes && (
                        <td className="member-actions">
                          {changeable && (
                            <button
                              type="button"
                              ref={(node) => {
                                if (!node) return;
                                changeButtons.current.set(member.person.id, node);
                                return () => {
                                  changeButtons.current.delete(member.person.id);
                                };
                              }}
                              className="button button-secondary button-small"
                              aria-expanded={editing}
                              onClick={() => (editing ? closeEditor(member.person.id) : setEditingId(member.person.id))}
                            >
                              {t('family.changeRelationship')}
                              <span className="visually-hidden">: {name}</span>
                            </button>
                          )}
                          <button type="button" className="button button-danger-quiet button-small" onClick={() => setRemoving(member)}>
                            {t('family.remove')}
                            <span className="visually-hidden">: {name}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {changes && (
            <div className="actions family-actions">
              <button
                type="button"
                className="button button-secondary"
                aria-disabled={selected.size === 0}
                aria-describedby={`${id}-split-hint`}
                onClick={() => {
                  if (selected.size === 0) return;
                  const personIds = [...selected];
                  setSelected(new Set());
                  void run(() => request('families.split', { unitId: unit.id, personIds }), t('family.splitDone'));
                }}
              >
                {t('family.split')}
              </button>
              <span id={`${id}-split-hint`} className="hint">
                {t('family.splitHint')}
              </span>
            </div>
          )}
        </>
      )}
      <ErrorAlert problem={problem} />
      <StatusMessage>{done}</StatusMessage>
      {added && <RegisteredNotice person={added} message={t('family.addedMessage', { name: isolate(added.fields.chosenName ?? '') })} />}
      {changes && !adding && (
        <div className="actions">
          <button
            type="button"
            ref={addButtonRef}
            className="button button-primary"
            onClick={() => {
              setAdded(null);
              setDone(null);
              setAdding(true);
            }}
          >
            {t('family.addMember')}
          </button>
        </div>
      )}
      {changes && adding && (
        <section className="add-member" aria-labelledby={`${id}-add-title`}>
          <h3 id={`${id}-add-title`}>{t('family.addMemberTitle')}</h3>
          <RegistrationForm
            role={role}
            family={family}
            origin={{ kind: 'family', personId: person.id }}
            resume={resumeRegistration}
            labelledBy={`${id}-add-title`}
            onRegistered={(member) => {
              setAdding(false);
              setAdded(member);
              void onChanged();
            }}
            onCancel={() => {
              setAdding(false);
              window.requestAnimationFrame(() => addButtonRef.current?.focus());
            }}
          />
        </section>
      )}
      {changes && unit && !adding && <MergeUnits unit={unit} focal={family.withPerson} onChanged={onChanged} />}
      {removing && unit && (
        <ConfirmDialog
          title={t('family.removeTitle')}
          confirmLabel={t('family.confirmRemove')}
          danger
          onConfirm={async () => {
            const member = removing;
            setRemoving(null);
            await run(() => request('families.remove', { personId: member.person.id }), t('family.removeDone'));
          }}
          onCancel={() => setRemoving(null)}
        >
          <p>{t('family.removeBody', { name: isolate(removing.person.chosenName) })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
