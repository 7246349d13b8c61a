import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreReport } from '../../../shared/contract';
import { ActionForm } from '../components/ActionForm';
import { PasswordField, UserNameField } from '../components/Fields';
import { PathField } from '../components/PathField';
import { useDateFormat } from '../people/format';
import { request } from '../session';

interface RestoreFormProps {
  canPickFolder: boolean;
  /** Back to setting up a new site. */
  onCancel: () => void;
  /** The site is set up from the backup: on to the sign-in screen. */
  onDone: () => Promise<void>;
}

/**
 * The set-up screen's other way in (issue 12): a new or replacement laptop restores the register
 * from a backup. Main checks the backup before writing anything and again once written.
 */
export function RestoreForm({ canPickFolder, onCancel, onDone }: RestoreFormProps) {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  const [from, setFrom] = useState('');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [report, setReport] = useState<RestoreReport | null>(null);

  async function restore(): Promise<void> {
    try {
      setReport(await request('backup.restore', { from: from.trim(), userName, password, drill: false }));
    } finally {
      setPassword('');
    }
  }

  if (report) {
    return (
      <section aria-labelledby="restore-title">
        <h1 id="restore-title">{t('restore.title')}</h1>
        <p role="status" className="message message-success">
          {t('restore.done', { date: moment(report.createdAt), people: t('counts.people', { count: report.people }), entries: t('counts.auditEntries', { count: report.auditEntries }) })}
        </p>
        {!report.auditLogSound && (
          <p role="alert" className="message message-warning">
            {t('backups.auditLogUnsound')}
          </p>
        )}
        <button type="button" className="button button-primary" autoFocus onClick={() => void onDone()}>
          {t('restore.continue')}
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="restore-title">
      <h1 id="restore-title">{t('restore.title')}</h1>
      <p className="lead">{t('restore.intro')}</p>
      <ActionForm
        onSubmit={restore}
        submitLabel={t('restore.submit')}
        labelledBy="restore-title"
        secondary={
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('restore.back')}
          </button>
        }
      >
        <PathField autoFocus label={t('restore.folder')} hint={t('restore.folderHint')} value={from} onChange={setFrom} canPick={canPickFolder} />
        <UserNameField label={t('fields.userName')} value={userName} onChange={setUserName} />
        <PasswordField label={t('fields.password')} value={password} onChange={setPassword} />
      </ActionForm>
    </section>
  );
}
