import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/Messages';
import { useDateFormat } from '../people/format';
import { BackupOptionsForm } from './BackupOptionsForm';
import { BackUpNow } from './BackUpNow';
import { isolated } from './backup-text';
import { DrillForm } from './DrillForm';
import { useBackupStatus } from './useBackupStatus';

/** Site settings → Backups (issue 12): where and how often, a backup now, and a restore drill. */
export function BackupsPanel() {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  const { status, problem, replace, reload } = useBackupStatus();

  return (
    <section aria-labelledby="backups-title" className="backups">
      <h2 id="backups-title">{t('backups.title')}</h2>
      <p>{t('backups.intro')}</p>
      <ErrorAlert problem={problem} />
      {status && (
        <>
          <ul className="backup-facts">
            <li>
              {status.lastVerified
                ? t('backups.lastVerified', { date: moment(status.lastVerified.at), path: isolated(status.lastVerified.path) })
                : t('backups.noneVerified')}
            </li>
            <li>{status.lastDrill ? t('backups.lastDrill', { date: moment(status.lastDrill.at) }) : t('backups.noDrill')}</li>
          </ul>
          <BackupOptionsForm status={status} onChanged={replace} />
          <BackUpNow hasFolder={status.folder !== undefined} onDone={reload} />
          {status.lastVerified && <DrillForm onDone={reload} />}
        </>
      )}
    </section>
  );
}
