import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../shared/passwords';
import { ActionForm } from '../components/ActionForm';
import { PasswordField, UserNameField } from '../components/Fields';
import { LanguageSwitcher, useCurrentLanguage } from '../components/LanguageSwitcher';
import { PublicLayout } from '../components/PublicLayout';
import { requireSamePasswords } from '../problems';
import { request } from '../session';
import { RecoveryKeyNotice } from './RecoveryKeyNotice';
import { RestoreForm } from '../backups/RestoreForm';
import { JoinSiteForm } from '../desks/JoinSiteForm';

interface SetupScreenProps {
  onDone: () => Promise<void>;
  /** The host can show the system's folder picker (the backup to restore from). */
  canPickFolder: boolean;
  /** The host can show the system's file picker (the enrolment file of a joining desk). */
  canPickFile: boolean;
}

/**
 * First run on a device: the first supervisor account, then the recovery key, shown once; or a
 * restore from a backup; or joining a site as a new desk.
 */
export function SetupScreen({ onDone, canPickFolder, canPickFile }: SetupScreenProps) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [way, setWay] = useState<'create' | 'restore' | 'join'>('create');

  if (recoveryKey) {
    return (
      <PublicLayout>
        <RecoveryKeyNotice recoveryKey={recoveryKey} onContinue={onDone} />
      </PublicLayout>
    );
  }

  if (way === 'restore') {
    return (
      <PublicLayout languageSwitcher={<LanguageSwitcher remember={(choice) => request('app.setDeviceLanguage', { language: choice })} />}>
        <RestoreForm canPickFolder={canPickFolder} onCancel={() => setWay('create')} onDone={onDone} />
      </PublicLayout>
    );
  }

  if (way === 'join') {
    return (
      <PublicLayout languageSwitcher={<LanguageSwitcher remember={(choice) => request('app.setDeviceLanguage', { language: choice })} />}>
        <JoinSiteForm canPickFile={canPickFile} onCancel={() => setWay('create')} onDone={onDone} />
      </PublicLayout>
    );
  }

  async function create(): Promise<void> {
    requireSamePasswords(password, repeated);
    const result = await request('setup.create', { userName, password, language });
    setPassword('');
    setRepeated('');
    setRecoveryKey(result.recoveryKey);
  }

  return (
    <PublicLayout languageSwitcher={<LanguageSwitcher remember={(choice) => request('app.setDeviceLanguage', { language: choice })} />}>
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p className="lead">{t('setup.intro')}</p>
      <ActionForm onSubmit={create} submitLabel={t('setup.submit')} labelledBy="setup-title">
        <UserNameField label={t('fields.userName')} value={userName} onChange={setUserName} autoFocus />
        <PasswordField
          isNew
          label={t('fields.password')}
          hint={t('form.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          value={password}
          onChange={setPassword}
        />
        <PasswordField isNew label={t('fields.repeatPassword')} value={repeated} onChange={setRepeated} />
      </ActionForm>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => setWay('restore')}>
          {t('restore.open')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setWay('join')}>
          {t('join.open')}
        </button>
      </div>
    </PublicLayout>
  );
}
