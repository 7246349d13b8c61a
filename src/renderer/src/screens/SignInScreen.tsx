import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionForm } from '../components/ActionForm';
import { PasswordField, UserNameField } from '../components/Fields';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { StatusMessage } from '../components/Messages';
import { PublicLayout } from '../components/PublicLayout';
import { request } from '../session';
import { RecoveryForm } from './RecoveryForm';

export function SignInScreen({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [view, setView] = useState<'sign-in' | 'recovery'>('sign-in');
  const [passwordReset, setPasswordReset] = useState(false);

  return (
    <PublicLayout languageSwitcher={<LanguageSwitcher remember={(language) => request('app.setDeviceLanguage', { language })} />}>
      {view === 'sign-in' ? (
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
