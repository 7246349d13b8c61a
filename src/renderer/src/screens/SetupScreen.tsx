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

/** First run on a device: the first supervisor account, then the recovery key, shown once. */
export function SetupScreen({ onDone, canPickFolder }: { onDone: () => Promise<void>; canPickFolder: boolean }) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);

  if (recoveryKey) {
    return (
      <PublicLayout>
        <RecoveryKeyNotice recoveryKey={recoveryKey} onContinue={onDone} />
      </PublicLayout>
    );
  }

  if (restoring) {
    return (
      <PublicLayout languageSwitcher={<LanguageSwitcher remember={(choice) => request('app.setDeviceLanguage', { language: choice })} />}>
        <RestoreForm canPickFolder={canPickFolder} onCancel={() => setRestoring(false)} onDone={onDone} />
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
      <p>
        <button type="button" className="button button-secondary" onClick={() => setRestoring(true)}>
          {t('restore.open')}
        </button>
      </p>
    </PublicLayout>
  );
}
