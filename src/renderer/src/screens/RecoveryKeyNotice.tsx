import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionForm } from '../components/ActionForm';

/** Two lines of four groups when it does not fit on one, never a group split at random. */
function halves(recoveryKey: string): string[] {
  const groups = recoveryKey.split('-');
  if (groups.length < 2) return [recoveryKey];
  const middle = Math.ceil(groups.length / 2);
  return [`${groups.slice(0, middle).join('-')}-`, groups.slice(middle).join('-')];
}

/** The recovery key, once, with what it can do and how to keep it. */
export function RecoveryKeyNotice({ recoveryKey, onContinue }: { recoveryKey: string; onContinue: () => Promise<void> }) {
  const { t } = useTranslation();
  const [confirmed, setConfirmed] = useState(false);

  return (
    <section className="recovery-key-notice" aria-labelledby="recovery-key-title">
      <h1 id="recovery-key-title">{t('recoveryKey.title')}</h1>
      <p className="lead">{t('recoveryKey.intro')}</p>
      <figure className="recovery-key">
        <figcaption className="visually-hidden">{t('recoveryKey.keyLabel')}</figcaption>
        <p className="recovery-key-value" dir="ltr" translate="no">
          {halves(recoveryKey).map((half) => (
            <span key={half}>{half}</span>
          ))}
        </p>
      </figure>
      <ul className="recovery-key-advice">
        <li>{t('recoveryKey.keepApart')}</li>
        <li>{t('recoveryKey.anyone')}</li>
        <li>
          <strong>{t('recoveryKey.once')}</strong>
        </li>
      </ul>
      <div className="no-print">
        <p>
          <button type="button" className="button button-secondary" onClick={() => window.print()} autoFocus>
            {t('recoveryKey.print')}
          </button>
        </p>
        <ActionForm onSubmit={onContinue} submitLabel={t('recoveryKey.continue')}>
          <div className="checkbox-field">
            <input
              id="recovery-key-confirmed"
              type="checkbox"
              required
              checked={confirmed}
              onChange={(event) => setConfirmed(event.target.checked)}
            />
            <label htmlFor="recovery-key-confirmed">{t('recoveryKey.confirm')}</label>
          </div>
        </ActionForm>
      </div>
    </section>
  );
}
