import { useTranslation } from 'react-i18next';
import type { RecordStatus } from '../../../shared/record-status';

/** A record's status on a row of a list, when it is not active; nothing for an active record. */
export function StatusBadge({ status }: { status: RecordStatus | undefined }) {
  const { t } = useTranslation();
  if (status === undefined || status === 'active') return null;
  // The space before it is its own: a row of an active record ends with the name, as before.
  return (
    <>
      {' '}
      <span className="badge badge-notice status-badge">{t(`recordStatus.status.${status}`)}</span>
    </>
  );
}
