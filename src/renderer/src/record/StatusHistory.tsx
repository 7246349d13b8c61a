import { useTranslation } from 'react-i18next';
import type { StatusEntry } from '../../../shared/record-status';
import { useDateFormat } from '../people/format';

/** Every change of a record's status, latest first: nothing is deleted, each change stays listed. */
export function StatusHistory({ entries, headingId }: { entries: readonly StatusEntry[]; headingId: string }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  return (
    <>
      <h3 id={headingId}>{t('recordStatus.history')}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('recordStatus.noHistory')}</p>
      ) : (
        <ol className="status-history" aria-labelledby={headingId}>
          {entries.map((entry) => (
            <li key={`${entry.recordedAt}-${entry.status}-${entry.effectiveOn}`}>
              {t('recordStatus.historyEntry', { status: t(`recordStatus.status.${entry.status}`), date: dates.day(entry.effectiveOn), user: entry.recordedBy })}
              {entry.reason && <> ({t(`recordStatus.reasons.${entry.reason}`)})</>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
