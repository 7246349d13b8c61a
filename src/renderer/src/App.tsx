import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './components/Messages';
import { PublicLayout } from './components/PublicLayout';
import { useAppStatus } from './hooks/useAppStatus';
import { FirstPasswordScreen } from './screens/FirstPasswordScreen';
import { LockScreen } from './screens/LockScreen';
import { SetupScreen } from './screens/SetupScreen';
import { SignInScreen } from './screens/SignInScreen';
import { AppShell } from './shell/AppShell';

/** One screen per session state, as main reports it. */
export function App() {
  const { status, problem, refresh } = useAppStatus();
  const { t } = useTranslation();

  if (problem) {
    return (
      <PublicLayout>
        <h1>{t('app.loadingFailed')}</h1>
        <ErrorAlert problem={problem} />
        <button type="button" className="button button-primary" onClick={() => void refresh()}>
          {t('app.retry')}
        </button>
      </PublicLayout>
    );
  }
  if (!status) return <main className="loading" aria-busy="true" />;

  const { state, user } = status;
  if (state === 'not-set-up') return <SetupScreen onDone={refresh} canPickFolder={status.canPickFolder} canPickFile={status.canPickFile} />;
  if (state === 'locked' && user) return <LockScreen user={user} onUnlocked={refresh} />;
  if (state === 'signed-in' && user?.passwordChangeDue) return <FirstPasswordScreen user={user} onChanged={refresh} />;
  if (state === 'signed-in' && user) return <AppShell user={user} idleMinutes={status.idleMinutes} canPickFolder={status.canPickFolder} />;
  return <SignInScreen onSignedIn={refresh} damaged={status.damaged} />;
}
