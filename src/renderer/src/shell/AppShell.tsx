import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '../../../shared/contract';
import { AccountsScreen } from '../accounts/AccountsScreen';
import { useIdleLock } from '../hooks/useIdleLock';
import { useLockShortcut } from '../hooks/useLockShortcut';
import { ChangePasswordScreen } from './ChangePasswordScreen';
import { HomePanel } from './HomePanel';
import { ShellHeader } from './ShellHeader';
import { ShellNav, type View } from './ShellNav';
import { SiteSettingsScreen } from './SiteSettingsScreen';

/** Signed in: header, navigation, and one view at a time. Supervisor views exist only for supervisors. */
export function AppShell({ user, idleMinutes: initialIdleMinutes }: { user: CurrentUser; idleMinutes: number }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('home');
  const [idleMinutes, setIdleMinutes] = useState(initialIdleMinutes);
  const mainRef = useRef<HTMLElement>(null);
  const isSupervisor = user.role === 'supervisor';
  useIdleLock(idleMinutes);
  useLockShortcut();

  return (
    <div className="shell">
      {/* Not a #fragment link: the web host keeps its token in the URL's fragment. */}
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        {t('app.skipToContent')}
      </button>
      <ShellHeader user={user} />
      <div className="shell-body">
        <ShellNav view={view} onNavigate={setView} isSupervisor={isSupervisor} />
        <main className="shell-main" ref={mainRef} tabIndex={-1}>
          {view === 'home' && <HomePanel />}
          {view === 'accounts' && isSupervisor && <AccountsScreen currentUserId={user.id} />}
          {view === 'settings' && isSupervisor && <SiteSettingsScreen onSaved={(settings) => setIdleMinutes(settings.idleMinutes)} />}
          {view === 'password' && <ChangePasswordScreen />}
        </main>
      </div>
    </div>
  );
}
