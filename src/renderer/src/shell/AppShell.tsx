import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '../../../shared/contract';
import { AccountsScreen } from '../accounts/AccountsScreen';
import { HomeScreen } from '../home/HomeScreen';
import { useIdleLock } from '../hooks/useIdleLock';
import { useLockShortcut } from '../hooks/useLockShortcut';
import { useRegisterShortcut } from '../hooks/useRegisterShortcut';
import { mayRegister } from '../people/rights';
import { RecordScreen } from '../record/RecordScreen';
import { RegistrationScreen } from '../registration/RegistrationScreen';
import { ChangePasswordScreen } from './ChangePasswordScreen';
import { NavigationContext, type Route } from './navigation';
import { ShellHeader } from './ShellHeader';
import { ShellNav, type View } from './ShellNav';
import { SiteSettingsScreen } from './SiteSettingsScreen';

/** The navigation entry a screen belongs to: finding, registering and reading people are all under Home. */
function viewOf(route: Route): View {
  return route.name === 'register' || route.name === 'person' ? 'home' : route.name;
}

/** Signed in: header, navigation, and one view at a time. Supervisor views exist only for supervisors. */
export function AppShell({ user, idleMinutes: initialIdleMinutes }: { user: CurrentUser; idleMinutes: number }) {
  const { t } = useTranslation();
  const [route, setRoute] = useState<Route>({ name: 'home' });
  const [idleMinutes, setIdleMinutes] = useState(initialIdleMinutes);
  const mainRef = useRef<HTMLElement>(null);
  const isSupervisor = user.role === 'supervisor';
  const registers = mayRegister(user.role);
  useIdleLock(idleMinutes);
  useLockShortcut();
  const navigate = useCallback((next: Route) => {
    setRoute(next);
    window.scrollTo({ top: 0 });
  }, []);
  const openRegistration = useCallback(() => navigate({ name: 'register' }), [navigate]);
  useRegisterShortcut(registers, openRegistration);

  return (
    <NavigationContext.Provider value={navigate}>
      <div className="shell">
        {/* Not a #fragment link: the web host keeps its token in the URL's fragment. */}
        <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
          {t('app.skipToContent')}
        </button>
        <ShellHeader user={user} />
        <div className="shell-body">
          <ShellNav view={viewOf(route)} onNavigate={(name) => navigate({ name })} isSupervisor={isSupervisor} />
          <main className="shell-main" ref={mainRef} tabIndex={-1}>
            {route.name === 'home' && <HomeScreen role={user.role} />}
            {route.name === 'register' && registers && <RegistrationScreen role={user.role} />}
            {route.name === 'person' && (
              <RecordScreen key={route.id} id={route.id} role={user.role} justRegistered={route.registered === true} />
            )}
            {route.name === 'accounts' && isSupervisor && <AccountsScreen currentUserId={user.id} />}
            {route.name === 'settings' && isSupervisor && <SiteSettingsScreen onSaved={(settings) => setIdleMinutes(settings.idleMinutes)} />}
            {route.name === 'password' && <ChangePasswordScreen />}
          </main>
        </div>
      </div>
    </NavigationContext.Provider>
  );
}
