import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionForm } from '../components/ActionForm';
import { PasswordField, UserNameField } from '../components/Fields';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { PublicLayout } from '../components/PublicLayout';
import type { AppStatus } from '../../../shared/contract';
import { request } from '../session';
import { RecoveryForm } from './RecoveryForm';

interface SignInScreenProps {
  onSignedIn: () => Promise<void>;
  /** From app.status: a file the vault cannot be opened without is missing or damaged. */
  damaged?: AppStatus['damaged'];
}

export function SignInScreen({ onSignedIn, damaged }: SignInScreenProps) {
  const [view, setView] = useState<'sign-in' | 'recovery'>('sign-in');
  const [passwordReset, setPasswordReset] = useState(false);

  return (
    <PublicLayout languageSwitcher={<LanguageSwitcher remember={(language) => request('app.setDeviceLanguage', { language })} />}>
      {damaged ? (
        <DamagedVault file={damaged.file} onCheckAgain={onSignedIn} />
      ) : view === 'sign-in' ? (
        <SignInForm
          onSignedIn={onSignedIn}
          passwordReset={passwordReset}
          onForgot={() => {
            setPasswordReset(false);
            setView('recovery');
          }}
        />
      ) : (
        <RecoveryForm
          onReset={() => {
            setPasswordReset(true);
            setView('sign-in');
          }}
          onBack={() => setView('sign-in')}
        />
      )}
    </PublicLayout>
  );
}

/**
 * Nobody can sign in (nor use the recovery key) until the named file is restored, so the form is
 * not offered: only what to do, and a way to look again once the file is back.
 */
function DamagedVault({ file, onCheckAgain }: { file: string; onCheckAgain: () => Promise<void> }) {
  const { t } = useTranslation();
  return (
    <>
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <ErrorAlert problem={{ key: 'errors.vault_files_damaged', params: { file } }} />
      <button type="button" className="button button-primary" onClick={() => void onCheckAgain()}>
        {t('app.retry')}
      </button>
    </>
  );
}

interface SignInFormProps {
  onSignedIn: () => Promise<void>;
  onForgot: () => void;
  passwordReset: boolean;
}

function SignInForm({ onSignedIn, onForgot, passwordReset }: SignInFormProps) {
  const { t } = useTranslation();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');

  async function signIn(): Promise<void> {
    await request('session.signIn', { userName, password });
    setPassword('');
    await onSignedIn();
  }

  return (
    <>
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <StatusMessage>{passwordReset ? t('signIn.passwordReset') : null}</StatusMessage>
      <ActionForm onSubmit={signIn} submitLabel={t('signIn.submit')} labelledBy="sign-in-title">
        <UserNameField label={t('fields.userName')} value={userName} onChange={setUserName} autoFocus />
        <PasswordField label={t('fields.password')} value={password} onChange={setPassword} />
      </ActionForm>
      <p className="aside">
        <button type="button" className="link-button" onClick={onForgot}>
          {t('signIn.forgot')}
        </button>
      </p>
    </>
  );
}
