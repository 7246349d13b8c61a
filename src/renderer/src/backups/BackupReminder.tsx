import { useTranslation } from 'react-i18next';
import { BACKUP_DRILL_DAYS } from '../../../shared/contract';
import { useDateFormat } from '../people/format';
import { useNavigate } from '../shell/navigation';
import { isolated } from './backup-text';
import { useBackupStatus } from './useBackupStatus';

/**
 * Supervisors, on the home screen: no verified backup, or the last one older than the days chosen
 * in Site settings, and no restore drill passed for a month. Nothing shows when all is well.
 */
export function BackupReminder() {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  const navigate = useNavigate();
  const { status } = useBackupStatus();
  if (!status || (!status.backupDue && !status.drillDue)) return null;
  const last = status.lastVerified;
  return (
    <aside className="message message-warning backup-reminder" aria-labelledby="backup-reminder-text">
      <p id="backup-reminder-text">
        {status.backupDue &&
          (last
            ? t('backups.reminder.old', { date: moment(last.at), days: t('counts.days', { count: status.reminderDays }), path: isolated(last.path) })
            : t('backups.reminder.none'))}
        {status.backupDue && status.drillDue && ' '}
        {status.drillDue && t('backups.reminder.drill', { days: t('counts.days', { count: BACKUP_DRILL_DAYS }) })}
      </p>
      <button type="button" className="button button-secondary" onClick={() => navigate({ name: 'settings' })}>
        {t('backups.reminder.open')}
      </button>
    </aside>
  );
}
