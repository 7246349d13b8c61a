import { useTranslation } from 'react-i18next';

export type View = 'home' | 'accounts' | 'settings' | 'password';

const LABELS = {
  home: 'shell.home',
  accounts: 'shell.accounts',
  settings: 'shell.settings',
  password: 'shell.changePassword',
} as const satisfies Record<View, string>;

interface ShellNavProps {
  view: View;
  onNavigate: (view: View) => void;
  isSupervisor: boolean;
}

export function ShellNav({ view, onNavigate, isSupervisor }: ShellNavProps) {
  const { t } = useTranslation();
  const views: View[] = isSupervisor ? ['home', 'accounts', 'settings', 'password'] : ['home', 'password'];
  return (
    <nav className="shell-nav" aria-label={t('shell.navLabel')}>
      <ul>
        {views.map((item) => (
          <li key={item}>
            <button type="button" aria-current={item === view ? 'page' : undefined} onClick={() => onNavigate(item)}>
              {t(LABELS[item])}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
