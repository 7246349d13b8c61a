import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser, ViewMode } from '../../../shared/contract';
import { AccountsScreen } from '../accounts/AccountsScreen';
import { AuditScreen } from '../audit/AuditScreen';
import { ErrorAlert } from '../components/Messages';
import { ExchangeScreen } from '../exchange/ExchangeScreen';
import { HomeScreen } from '../home/HomeScreen';
import { LeaveGuardContext, useLeaveGuardHost } from '../hooks/useLeaveGuard';
import { useLockShortcut } from '../hooks/useLockShortcut';
import { useRegisterShortcut } from '../hooks/useRegisterShortcut';
import { RESTRICTED_SHORTCUT, useRestrictedShortcut } from '../hooks/useRestrictedShortcut';
import { mayRegister } from '../people/rights';
import { SpecificNeedsProvider } from '../people/specific-needs';
import { problemOf, type Problem } from '../problems';
import { RecordScreen } from '../record/RecordScreen';
import { RegistrationScreen } from '../registration/RegistrationScreen';
import { useReturnToKeptDraft } from '../registration/useKeptDraft';
import { request } from '../session';
import { ChangePasswordScreen } from './ChangePasswordScreen';
import { IdleLockWarning } from './IdleLockWarning';
import { LeaveGuardDialog } from './LeaveGuardDialog';
import { DuplicatesScreen } from '../duplicates/DuplicatesScreen';
import { WorkListsScreen } from '../work-lists/WorkListsScreen';
import { DirectoryScreen } from '../directory/DirectoryScreen';
import { NavigationContext, type Route } from './navigation';
import { RegistrationInProgressContext, sameOrigin, type RegistrationInProgress, type SetAsideRegistration } from './registration-in-progress';
import { ShellHeader } from './ShellHeader';
import { ShellNav, type View } from './ShellNav';
import { SiteSettingsScreen } from './SiteSettingsScreen';
import { StatisticsScreen } from '../stats/StatisticsScreen';
import { ViewModeContext, type ViewModeState } from './view-mode';

/** The navigation entry a screen belongs to: finding, registering and reading people are all under Home. */
function viewOf(route: Route): View {
  return route.name === 'register' || route.name === 'person' ? 'home' : route.name;
}

/**
 * Switching the view mode unmounts the screen on show, so nothing it received in the other mode
 * stays on screen or in memory, and mounts it again to fetch what main now sends. The
 * registration form is the exception: what it holds was typed here, not received, and a draft
 * must not be lost to a keystroke.
 */
function keepsStateAcrossModes(route: Route): boolean {
  return route.name === 'register';
}

/** Whether going from one route to the other keeps the screen mounted (and so any form on it). */
function sameScreen(from: Route, to: Route): boolean {
  if (from.name === 'person') return to.name === 'person' && to.id === from.id;
  return from.name === to.name;
}

/** Signed in: header, navigation, and one view at a time. Supervisor views exist only for supervisors. */
export function AppShell({
  user,
  idleMinutes: initialIdleMinutes,
  canPickFolder,
}: {
  user: CurrentUser;
  idleMinutes: number;
  /** The host shows the system's folder picker (the Electron app). */
  canPickFolder: boolean;
}) {
  const { t } = useTranslation();
  const [route, setRoute] = useState<Route>({ name: 'home' });
  const [idleMinutes, setIdleMinutes] = useState(initialIdleMinutes);
  const [mode, setMode] = useState<ViewMode>(user.viewMode);
  /** Bumped on every switch of mode: the screen's key, so it mounts afresh. */
  const [generation, setGeneration] = useState(0);
  const [switching, setSwitching] = useState(false);
  const [switchProblem, setSwitchProblem] = useState<Problem | null>(null);
  /** Main switched to the restricted screen as a record opened (a site setting), not the user. */
  const [byOpening, setByOpening] = useState(false);
  const modeRef = useRef<ViewMode>(user.viewMode);
  const switchingRef = useRef(false);
  const mainRef = useRef<HTMLElement>(null);
  const isSupervisor = user.role === 'supervisor';
  const registers = mayRegister(user.role);
  // Memory only, and gone with this shell when the session locks or signs out.
  const [setAside, setSetAside] = useState<SetAsideRegistration | null>(null);
  const clearRegistration = useCallback<RegistrationInProgress['clear']>(
    (origin) => setSetAside((current) => (current && (!origin || sameOrigin(current.origin, origin)) ? null : current)),
    [],
  );
  const inProgress = useMemo<RegistrationInProgress>(
    () => ({ setAside, keep: setSetAside, clear: clearRegistration }),
    [setAside, clearRegistration],
  );
  useLockShortcut();
  const leaveGuard = useLeaveGuardHost();
  const { guard } = leaveGuard;
  const routeRef = useRef(route);
  useLayoutEffect(() => {
    routeRef.current = route;
  });
  // Every way to another screen asks first when a form on this one holds changes.
  const navigate = useCallback(
    (next: Route) => {
      const go = (): void => {
        setRoute(next);
        window.scrollTo({ top: 0 });
      };
      if (sameScreen(routeRef.current, next)) go();
      else guard.ask(go);
    },
    [guard],
  );
  const openRegistration = useCallback(() => navigate({ name: 'register' }), [navigate]);
  useRegisterShortcut(registers, openRegistration);
  useReturnToKeptDraft(registers, navigate);

  const toggle = useCallback(() => {
    if (switchingRef.current) return;
    const next: ViewMode = modeRef.current === 'restricted' ? 'normal' : 'restricted';
    switchingRef.current = true;
    // The screen goes at once, before main answers: a keystroke hides the values immediately.
    setSwitching(true);
    setSwitchProblem(null);
    setByOpening(false);
    request('session.setViewMode', { mode: next })
      .then(
        () => {
          modeRef.current = next;
          setMode(next);
        },
        (error: unknown) => setSwitchProblem(problemOf(error)),
      )
      .finally(() => {
        switchingRef.current = false;
        // "Just registered" was said once already; the record comes back as a plain record.
        setRoute((current) => (current.name === 'person' ? { name: 'person', id: current.id } : current));
        setGeneration((current) => current + 1);
        setSwitching(false);
      });
  }, []);
  useRestrictedShortcut(toggle);

  const sync = useCallback(async () => {
    if (modeRef.current === 'restricted') return;
    const status = await request('app.status', {});
    const now = status.user?.viewMode;
    if (now && now !== modeRef.current) {
      modeRef.current = now;
      setMode(now);
      setByOpening(now === 'restricted');
    }
  }, []);

  const viewMode = useMemo<ViewModeState>(() => ({ mode, toggle, sync }), [mode, toggle, sync]);
  const restricted = mode === 'restricted';
  const keepState = keepsStateAcrossModes(route);
  const hidden = switching && !keepState;
  const screenKey = keepState ? route.name : `${route.name}-${route.name === 'person' ? route.id : ''}-${generation}`;

  return (
    <LeaveGuardContext.Provider value={guard}>
    <NavigationContext.Provider value={navigate}>
      <ViewModeContext.Provider value={viewMode}>
        <RegistrationInProgressContext.Provider value={inProgress}>
        <SpecificNeedsProvider>
        <div className={restricted ? 'shell is-restricted' : 'shell'}>
          {/* Not a #fragment link: the web host keeps its token in the URL's fragment. */}
          <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
            {t('app.skipToContent')}
          </button>
          <ShellHeader user={user} restricted={restricted} switching={switching} onToggleRestricted={toggle} />
          <div role="status" className="restricted-banner">
            {restricted && (
              <>
                <strong>{t('restricted.on')}</strong> {byOpening && `${t('restricted.byOpening')} `}
                {t('restricted.onHint')} <kbd>{RESTRICTED_SHORTCUT.label}</kbd>
              </>
            )}
          </div>
          <div className="shell-body">
            <ShellNav
              view={viewOf(route)}
              onNavigate={(name) => navigate({ name })}
              isSupervisor={isSupervisor}
              reviewsDuplicates={user.role === 'protection'}
            />
            <main className="shell-main" ref={mainRef} tabIndex={-1} aria-busy={hidden}>
              <ErrorAlert problem={switchProblem} />
              {hidden ? (
                <p className="muted">{t('restricted.switching')}</p>
              ) : (
                <ScreenFor
                  key={screenKey}
                  route={route}
                  user={user}
                  registers={registers}
                  isSupervisor={isSupervisor}
                  canPickFolder={canPickFolder}
                  onSettingsSaved={setIdleMinutes}
                />
              )}
            </main>
          </div>
          <IdleLockWarning idleMinutes={idleMinutes} />
          <LeaveGuardDialog host={leaveGuard} />
        </div>
        </SpecificNeedsProvider>
        </RegistrationInProgressContext.Provider>
      </ViewModeContext.Provider>
    </NavigationContext.Provider>
    </LeaveGuardContext.Provider>
  );
}

interface ScreenForProps {
  route: Route;
  user: CurrentUser;
  registers: boolean;
  isSupervisor: boolean;
  canPickFolder: boolean;
  onSettingsSaved: (idleMinutes: number) => void;
}

function ScreenFor({ route, user, registers, isSupervisor, canPickFolder, onSettingsSaved }: ScreenForProps) {
  switch (route.name) {
    case 'home':
      return <HomeScreen role={user.role} />;
    case 'register':
      return registers ? <RegistrationScreen role={user.role} chosenName={route.chosenName} resume={route.resume === true} /> : null;
    case 'person':
      return (
        <RecordScreen id={route.id} role={user.role} registered={route.registered} resumeRegistration={route.resumeRegistration === true} />
      );
    case 'accounts':
      return isSupervisor ? <AccountsScreen currentUserId={user.id} /> : null;
    case 'audit':
      return isSupervisor ? <AuditScreen /> : null;
    case 'statistics':
      return isSupervisor ? <StatisticsScreen /> : null;
    case 'settings':
      return isSupervisor ? <SiteSettingsScreen onSaved={(settings) => onSettingsSaved(settings.idleMinutes)} /> : null;
    case 'exchange':
      return isSupervisor || user.role === 'protection' ? <ExchangeScreen role={user.role} canPickFolder={canPickFolder} /> : null;
    case 'password':
      return <ChangePasswordScreen />;
    case 'duplicates':
      return user.role === 'protection' ? <DuplicatesScreen /> : null;
    case 'workLists':
      return user.role === 'clerk' || user.role === 'protection' ? <WorkListsScreen role={user.role} /> : null;
    case 'directory':
      return <DirectoryScreen role={user.role} />;
  }
}
