import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../../shared/catalogue';
import type { Consent, PersonView } from '../../../shared/people';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { StatusMessage } from '../components/Messages';
import { useDateFormat } from '../people/format';
import { request } from '../session';

/** The latest record of a purpose: consent given (and perhaps withdrawn), or none yet. */
function latest(consents: readonly Consent[], purpose: ConsentPurpose): Consent | undefined {
  return consents.filter((consent) => consent.purpose === purpose).at(-1);
}

/** Consent per purpose, with who recorded it and when. Giving and withdrawing both ask first. */
export function ConsentsPanel({ person, onChanged }: { person: PersonView; onChanged: (person: PersonView) => void }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const [asking, setAsking] = useState<{ purpose: ConsentPurpose; given: boolean } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function confirm(): Promise<void> {
    if (!asking) return;
    const view = await request('people.setConsent', { id: person.id, purpose: asking.purpose, given: asking.given });
    setDone(asking.given ? t('consents.givenDone') : t('consents.withdrawnDone'));
    setAsking(null);
    onChanged(view);
  }

  return (
    <section className="panel consents-panel" aria-labelledby="consents-title">
      <h2 id="consents-title">{t('consents.title')}</h2>
      <p className="hint">{t('consents.intro')}</p>
      <ul className="consent-list">
        {CONSENT_PURPOSES.map((purpose) => {
          const record = latest(person.consents, purpose);
          const given = record !== undefined && record.withdrawnAt === undefined;
          return (
            <li key={purpose} className="consent-item">
              <div>
                <p className="consent-purpose">{t(`consent.purposes.${purpose}.label`)}</p>
                <p className="muted">
                  {!record && t('consents.notGiven')}
                  {record && given && t('consents.givenBy', { date: dates.moment(record.givenAt), user: record.givenBy })}
                  {record?.withdrawnAt &&
                    t('consents.withdrawnBy', { date: dates.moment(record.withdrawnAt), user: record.withdrawnBy ?? '' })}
                </p>
              </div>
              <button
                type="button"
                className={given ? 'button button-danger-quiet button-small' : 'button button-secondary button-small'}
                onClick={() => {
                  setDone(null);
                  setAsking({ purpose, given: !given });
                }}
              >
                {given ? t('consents.withdraw') : t('consents.give')}
                <span className="visually-hidden">: {t(`consent.purposes.${purpose}.label`)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <StatusMessage>{done}</StatusMessage>
      {asking && (
        <ConfirmDialog
          title={asking.given ? t('consents.giveTitle') : t('consents.withdrawTitle')}
          confirmLabel={asking.given ? t('consents.confirmGive') : t('consents.confirmWithdraw')}
          danger={!asking.given}
          onConfirm={confirm}
          onCancel={() => setAsking(null)}
        >
          <p>{t(`consent.purposes.${asking.purpose}.label`)}</p>
          <p>{asking.given ? t('consents.giveBody') : t(`consents.withdrawBody.${asking.purpose}`)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
