import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreReport } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { PasswordField } from '../components/Fields';
import { StatusMessage } from '../components/Messages';
import { useDateFormat } from '../people/format';
import { request } from '../session';

/** A restore drill of the newest backup in the folder, which the supervisor's own password must open. */
export function DrillForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  const [password, setPassword] = useState('');
  const [report, setReport] = useState<RestoreReport | null>(null);

  async function drill(): Promise<void> {
    setReport(null);
    try {
      setReport(await request('backup.drillNewest', { password }));
      onDone();
    } finally {
      // Never kept: typed again for each drill.
      setPassword('');
    }
  }

  return (
    <section aria-labelledby="drill-title" className="backup-drill">
      <h3 id="drill-title">{t('backups.drillTitle')}</h3>
      <p>{t('backups.drillIntro')}</p>
      <ActionForm onSubmit={drill} submitLabel={t('backups.runDrill')} labelledBy="drill-title">
        <PasswordField required label={t('backups.drillPassword')} value={password} onChange={setPassword} />
      </ActionForm>
      <StatusMessage>
        {report ? t('backups.drillPassed', { date: moment(report.createdAt), people: t('counts.people', { count: report.people }), entries: t('counts.auditEntries', { count: report.auditEntries }) }) : null}
      </StatusMessage>
      {report && !report.auditLogSound && (
        <p role="alert" className="message message-warning">
          {t('backups.auditLogUnsound')}
        </p>
      )}
    </section>
  );
}
