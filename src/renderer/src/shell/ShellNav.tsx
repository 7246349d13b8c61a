import { useTranslation } from 'react-i18next';

export type View = 'home' | 'workLists' | 'directory' | 'duplicates' | 'accounts' | 'audit' | 'statistics' | 'exchange' | 'settings' | 'password';

const LABELS = {
  home: 'shell.home',
  workLists: 'shell.workLists',
  directory: 'shell.directory',
  duplicates: 'shell.duplicates',
  accounts: 'shell.accounts',
  audit: 'shell.audit',
  statistics: 'stats.screen.nav',
  exchange: 'shell.exchange',
  settings: 'shell.settings',
  password: 'shell.changePassword',
} as const satisfies Record<View, string>;

interface ShellNavProps {
  view: View;
  onNavigate: (view: View) => void;
  isSupervisor: boolean;
  /** Protection officers review likely duplicates. */
  reviewsDuplicates: boolean;
}

export function ShellNav({ view, onNavigate, isSupervisor, reviewsDuplicates }: ShellNavProps) {
  const { t } = useTranslation();
  const views: View[] = isSupervisor
    ? ['home', 'directory', 'accounts', 'statistics', 'audit', 'exchange', 'settings', 'password']
    : reviewsDuplicates
      ? ['home', 'workLists', 'directory', 'duplicates', 'exchange', 'password']
      : ['home', 'workLists', 'directory', 'password'];
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
