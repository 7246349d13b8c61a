import { useTranslation } from 'react-i18next';

export function HomePanel() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title')}</h1>
      <div className="empty-state">
        <h2>{t('home.emptyTitle')}</h2>
        <p>{t('home.emptyBody')}</p>
      </div>
    </section>
  );
}
