import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/people';
import { CLOSING_REASONS, RECORD_STATUSES, statusChangeProblem, type ClosingReason, type RecordStatus } from '../../../shared/record-status';
import { ActionForm } from '../components/ActionForm';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DateField } from '../components/DateField';
import { SelectField } from '../components/Fields';
import { StatusMessage } from '../components/Messages';
import { useDateFormat } from '../people/format';
import { today } from '../registration/draft';
import { request } from '../session';
import { StatusHistory } from './StatusHistory';

interface Change {
  status: RecordStatus;
  reason: ClosingReason | '';
  effectiveOn: string;
}

/** What the form offers next: leaving an active record, or making one active again; today. */
function freshChange(current: RecordStatus): Change {
  return { status: current === 'active' ? 'departed' : 'active', reason: '', effectiveOn: today() };
}

/**
 * The record's status (tier 0) and its history; for the desk roles, a change of it: the status,
 * the day it took effect (today unless said), a reason when closing, then a confirmation.
 */
export function StatusPanel({ person, mayChange, onChanged }: { person: PersonView; mayChange: boolean; onChanged: (person: PersonView) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const dates = useDateFormat();
  const { status, reason, effectiveOn } = person.status;
  const [change, setChange] = useState<Change>(() => freshChange(status));
  const [problem, setProblem] = useState<'reason' | 'date' | undefined>(undefined);
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const label = (shown: RecordStatus): string => t(`recordStatus.status.${shown}`);

  const current =
    status === 'active' || !effectiveOn
      ? label(status)
      : reason
        ? t('recordStatus.closedBecause', { status: label(status), date: dates.day(effectiveOn), reason: t(`recordStatus.reasons.${reason}`) })
        : t('recordStatus.since', { status: label(status), date: dates.day(effectiveOn) });

  function ask(): Promise<void> {
    const found = statusChangeProblem({ status: change.status, reason: change.reason || undefined, effectiveOn: change.effectiveOn }, today());
    setProblem(found);
    setDone(null);
    if (!found) setAsking(true);
    return Promise.resolve();
  }

  async function confirm(): Promise<void> {
    const view = await request('people.setStatus', {
      id: person.id,
      status: change.status,
      effectiveOn: change.effectiveOn,
      ...(change.status === 'closed' && change.reason ? { reason: change.reason } : {}),
    });
    setAsking(false);
    setDone(t('recordStatus.saved', { status: label(change.status) }));
    setChange(freshChange(view.status.status));
    onChanged(view);
  }

  return (
    <section className="panel status-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('recordStatus.heading')}</h2>
      <p className="status-current">
        {t('recordStatus.current', { status: current })}
      </p>
      {mayChange && (
        <ActionForm onSubmit={ask} submitLabel={t('recordStatus.change')} className="stack-form status-form" labelledBy={`${id}-title`}>
          <SelectField
            label={t('recordStatus.newStatus')}
            value={change.status}
            options={RECORD_STATUSES.map((shown) => ({ value: shown, label: label(shown) }))}
            onChange={(next) => setChange((before) => ({ ...before, status: next }))}
          />
          {change.status === 'closed' && (
            <SelectField<ClosingReason | ''>
              label={t('recordStatus.reason')}
              value={change.reason}
              required
              error={problem === 'reason' ? t('recordStatus.problems.reason') : undefined}
              options={[{ value: '', label: t('recordStatus.chooseReason') }, ...CLOSING_REASONS.map((code) => ({ value: code, label: t(`recordStatus.reasons.${code}`) }))]}
              onChange={(next) => setChange((before) => ({ ...before, reason: next }))}
            />
          )}
          <DateField
            label={t('recordStatus.date')}
            value={change.effectiveOn}
            // The rule's own limit (statusChangeProblem): not after today.
            maxValue={today()}
            required
            error={problem === 'date' ? t('recordStatus.problems.date') : undefined}
            onChange={(next) => setChange((before) => ({ ...before, effectiveOn: next }))}
          />
        </ActionForm>
      )}
      <StatusMessage>{done}</StatusMessage>
      <StatusHistory entries={person.statusHistory} headingId={`${id}-history`} />
      {asking && (
        <ConfirmDialog
          title={t('recordStatus.confirmTitle')}
          confirmLabel={t('recordStatus.confirm')}
          danger={change.status !== 'active'}
          onConfirm={confirm}
          onCancel={() => setAsking(false)}
        >
          <p>{t('recordStatus.confirmBody', { status: label(change.status), date: dates.day(change.effectiveOn) })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
