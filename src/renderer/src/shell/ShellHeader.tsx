import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '../../../shared/contract';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { IS_MAC } from '../hooks/useLockShortcut';
import { lockNow, request, signOutNow } from '../session';

export function ShellHeader({ user }: { user: CurrentUser }) {
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
