import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '../../../shared/contract';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { IS_MAC } from '../hooks/useLockShortcut';
import { RESTRICTED_SHORTCUT } from '../hooks/useRestrictedShortcut';
import { lockNow, request, signOutNow } from '../session';

interface ShellHeaderProps {
  user: CurrentUser;
  restricted: boolean;
  switching: boolean;
  onToggleRestricted: () => void;
}

export function ShellHeader({ user, restricted, switching, onToggleRestricted }: ShellHeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="shell-header">
      <p className="brand-name">{t('app.name')}</p>
      <p className="current-account">
        <span className="visually-hidden">{t('shell.currentAccount')} </span>
        <bdi className="current-account-name">{user.userName}</bdi>
        <span className="role-badge">{t(`roles.${user.role}`)}</span>
      </p>
      <div className="header-actions">
        {/* A switch: pressed means the restricted screen is on. */}
        <button
          type="button"
          className="button restricted-toggle"
          aria-pressed={restricted}
          aria-keyshortcuts={RESTRICTED_SHORTCUT.aria}
          aria-disabled={switching}
          title={t('restricted.toggleHint', { shortcut: RESTRICTED_SHORTCUT.label })}
          onClick={onToggleRestricted}
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          {t('restricted.toggle')}
          <kbd aria-hidden="true">{RESTRICTED_SHORTCUT.label}</kbd>
        </button>
        <LanguageSwitcher remember={(language) => request('session.setLanguage', { language })} />
        <button
          type="button"
          className="button button-secondary"
          aria-keyshortcuts={IS_MAC ? 'Meta+L' : 'Control+L'}
          onClick={() => void lockNow()}
        >
          {t('shell.lock')}
          <kbd aria-hidden="true">
            {IS_MAC ? '⌘L' : 'Ctrl+L'}
          </kbd>
        </button>
        <button type="button" className="button button-secondary" onClick={() => void signOutNow()}>
          {t('shell.signOut')}
        </button>
      </div>
    </header>
  );
}
