import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The frame of the screens before anyone is signed in: app name, language, one card. */
export function PublicLayout({ languageSwitcher, children }: { languageSwitcher?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="public">
      <header className="public-header">
        <div className="brand">
          <p className="brand-name">{t('app.name')}</p>
          <p className="brand-tagline">{t('app.tagline')}</p>
        </div>
        {languageSwitcher}
      </header>
      <main className="public-main">
        <div className="card">{children}</div>
      </main>
    </div>
  );
}
