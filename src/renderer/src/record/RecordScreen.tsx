import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/people';
import type { Role } from '../../../shared/roles';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { AgeText, genderContextOf, PersonName, RegistrationNumber, useDateFormat } from '../people/format';
import { mayChangeRecords, mayRegister } from '../people/rights';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { ResumeRegistration } from '../registration/ResumeRegistration';
import { useNavigate } from '../shell/navigation';
import { useViewMode } from '../shell/view-mode';
import { ConsentsPanel } from './ConsentsPanel';
import { EditPersonForm } from './EditPersonForm';
import { useKeptDraftOf } from '../registration/useKeptDraft';
import { FamilyPanel } from './FamilyPanel';
import { HistoryPanel } from './HistoryPanel';
import { MergedRecords } from './MergedRecords';
import { DecisionsAwaited } from './DecisionsAwaited';
import { RecordFields } from './RecordFields';
import { RegisteredNotice } from './RegisteredNotice';
import { SlipActions } from './SlipActions';
import { ReferralsPanel } from '../referrals/ReferralsPanel';
import { StatusPanel } from './StatusPanel';
import { StatusBadge } from '../people/StatusBadge';

interface RecordScreenProps {
  id: number;
  role: Role;
  /** The record as its registration just returned it: shown as it is (no opening to log), with the notice of its number. */
  registered?: PersonView | undefined;
  /** Reopen a family member's registration set aside from this record. */
  resumeRegistration?: boolean;
}

/**
 * One person's record, as main redacted it for this account: hidden values never arrive, and
 * fields listed as restricted say only that something is recorded.
 */
export function RecordScreen({ id, role, registered, resumeRegistration }: RecordScreenProps) {
  const justRegistered = registered?.id === id;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const dates = useDateFormat();
  const [person, setPerson] = useState<PersonView | null>(justRegistered ? (registered ?? null) : null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  /** Bumped on every change, so the history reloads. */
  const [version, setVersion] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** The record has just arrived: its heading takes the focus once it is on screen. */
  const focusHeading = useRef(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const { mode, sync } = useViewMode();
  const restrictedScreen = mode === 'restricted';
  // On the restricted screen main sends no tier-1 values and no consents: nothing to edit against.
  const changes = mayChangeRecords(role) && !restrictedScreen;
  // Changes to this record this account left unsaved: the record opens on them, in the edit form.
  const keptEdit = useKeptDraftOf(changes ? { kind: 'edit', personId: id } : null, (content) => content);
  const [keptUsed, setKeptUsed] = useState(false);
  const editingNow = editing || (keptEdit != null && !keptUsed);

  useEffect(() => {
    // Right after registering: the registration's own answer is on screen, and the notice with the
    // number takes the focus. Asking main again would log an opening nobody made. Showing it may
    // have switched to the restricted screen, as an opening does (a site setting): say so.
    if (justRegistered) {
      void sync().catch(() => undefined);
      return;
    }
    let live = true;
    request('people.get', { id }).then(
      (view) => {
        if (!live) return;
        setPerson(view);
        // Opening a record may have switched to the restricted screen (a site setting): say so.
        void sync().catch(() => undefined);
        focusHeading.current = true;
      },
      (error: unknown) => live && setProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, [id, justRegistered, sync]);

  // After React has drawn the record, not on the next frame, which may come first.
  useEffect(() => {
    if (!person || !focusHeading.current) return;
    focusHeading.current = false;
    headingRef.current?.focus();
  }, [person]);

  const changed = useCallback((view: PersonView) => {
    setPerson(view);
    setVersion((current) => current + 1);
  }, []);

  const reload = useCallback(async () => {
    changed(await request('people.get', { id }));
    await sync().catch(() => undefined);
  }, [changed, id, sync]);

  if (!person) {
    return (
      <section aria-busy={!problem}>
        <ErrorAlert problem={problem} />
        {!problem && <p className="muted">{t('record.loading')}</p>}
        <ResumeRegistration />
        <button type="button" className="button button-secondary" onClick={() => navigate({ name: 'home' })}>
          {t('record.back')}
        </button>
      </section>
    );
  }

  const context = genderContextOf(person.fields);
  const name = person.fields.chosenName ?? '';

  return (
    <article className="record" aria-labelledby="record-title">
      <header className="record-header">
        <div className="record-title-row">
          <h1 id="record-title" ref={headingRef} tabIndex={-1}>
            <PersonName name={name} />
            <StatusBadge status={person.status.status} />
          </h1>
          <div className="actions">
            <ResumeRegistration />
            {changes && !editingNow && (
              <button
                type="button"
                ref={editButtonRef}
                className="button button-secondary"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t('record.edit')}
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={() => navigate({ name: 'home' })}>
              {t('record.back')}
            </button>
          </div>
        </div>
        <dl className="record-meta">
          <div>
            <dt>{t('people.columns.number')}</dt>
            <dd>
              <RegistrationNumber value={person.registrationNumber} />
            </dd>
          </div>
          <div>
            <dt>{t('people.columns.age')}</dt>
            <dd>
              <AgeText age={person.age} />
            </dd>
          </div>
        </dl>
        <p className="muted record-registered">
          {t('record.registeredOn', { date: dates.dayOf(person.registeredAt), context })}
        </p>
      </header>

      {justRegistered && <RegisteredNotice person={person} />}
      {/* The desk roles hand out the slip: right after registering, and whenever the record is open. */}
      {mayRegister(role) && <SlipActions personId={person.id} />}

      <DecisionsAwaited decisions={person.decisionsAwaited} role={role} />

      {person.fields.documentMismatch === true && (
        <p className="banner banner-info" role="note">
          {t('record.mismatchBanner')}
        </p>
      )}

      {editingNow ? (
        <EditPersonForm
          person={person}
          role={role}
          kept={keptEdit && !keptUsed ? keptEdit : undefined}
          onSaved={(view) => {
            setKeptUsed(true);
            changed(view);
            setEditing(false);
            setSaved(true);
            window.requestAnimationFrame(() => editButtonRef.current?.focus());
          }}
          onCancel={() => {
            setKeptUsed(true);
            setEditing(false);
            window.requestAnimationFrame(() => editButtonRef.current?.focus());
          }}
        />
      ) : (
        <RecordFields person={person} role={role} />
      )}
      {restrictedScreen && mayChangeRecords(role) && <p className="muted restricted-note">{t('restricted.noEditing')}</p>}
      <StatusMessage>{saved ? t('record.saved') : null}</StatusMessage>

      <FamilyPanel person={person} role={role} onChanged={reload} resumeRegistration={resumeRegistration} />
      {changes && <ConsentsPanel person={person} onChanged={changed} />}
      {mayRegister(role) && <ReferralsPanel person={person} role={role} version={version} onRecordChanged={reload} />}
      <StatusPanel person={person} mayChange={mayChangeRecords(role)} onChanged={changed} />
      {person.merged && <MergedRecords merged={person.merged} role={role} onUndone={reload} />}
      <HistoryPanel personId={person.id} role={role} version={version} />
    </article>
  );
}
