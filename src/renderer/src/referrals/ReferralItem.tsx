import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { providerName, type ReferralView } from '../../../shared/referral-schemas';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../../shared/referrals';
import { ActionForm } from '../components/ActionForm';
import { DateField } from '../components/DateField';
import { SelectField } from '../components/Fields';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { StatusMessage } from '../components/Messages';
import { useCatalogueText } from '../people/catalogue-text';
import { useDateFormat } from '../people/format';
import { today } from '../registration/draft';
import { request } from '../session';
import { useNamedRefusal } from './named-refusal';
import { ReferralSlips } from './ReferralSlips';

type Lookup = (key: string) => string;

/** One referral: number, provider, services, what it shares (keys only), status with a change control, and its slips. */
export function ReferralItem({ referral, onChanged }: { referral: ReferralView; onChanged: () => void }) {
  const { t } = useTranslation();
  const lookup = t as unknown as Lookup;
  const id = useId();
  const text = useCatalogueText();
  const dates = useDateFormat();
  const language = useCurrentLanguage();
  const [status, setStatus] = useState<ReferralStatus>(referral.status);
  const [happenedOn, setHappenedOn] = useState('');
  const [saved, setSaved] = useState(false);
  const named = useNamedRefusal();
  const list = (items: string[]): string => new Intl.ListFormat(language, { type: 'conjunction' }).format(items);

  async function saveStatus(): Promise<void> {
    setSaved(false);
    await request('referrals.setStatus', { id: referral.id, status, ...(happenedOn ? { happenedOn } : {}) }).catch((error: unknown) => {
      throw named(error);
    });
    setSaved(true);
    onChanged();
  }

  return (
    <li className="referral-item" aria-labelledby={`${id}-number`}>
      <dl className="record-meta referral-meta">
        <div>
          <dt>{t('referrals.number')}</dt>
          <dd id={`${id}-number`}>
            <bdi className="registration-number">{referral.number}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('referrals.provider')}</dt>
          <dd>
            <bdi>{providerName(referral.provider.names, language)}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('referrals.services')}</dt>
          <dd>
            {list(referral.services.map((service) => lookup(`referrals.service.${service}`)))}
            {referral.servicesRestricted && <span className="muted"> {t('referrals.servicesRestricted')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('referrals.statusLabel')}</dt>
          <dd className="referral-status">{lookup(`referrals.status.${referral.status}`)}</dd>
        </div>
        {referral.followUpOn && (
          <div>
            <dt>{t('referrals.followUp')}</dt>
            <dd>{dates.day(referral.followUpOn)}</dd>
          </div>
        )}
        <div>
          <dt>{t('referrals.shared')}</dt>
          <dd>{referral.sharedFields.length > 0 ? list(referral.sharedFields.map((key) => text.fieldLabel(key))) : t('referrals.nothingShared')}</dd>
        </div>
        {referral.reason && (
          <div>
            <dt>{t('referrals.reasonLabel')}</dt>
            <dd>
              <bdi dir="auto">{referral.reason}</bdi>
            </dd>
          </div>
        )}
      </dl>
      {referral.consentWithdrawn && (
        <p className="banner banner-info referral-withdrawn" role="note">
          {t('referrals.consentWithdrawn')}
        </p>
      )}
      <ActionForm onSubmit={saveStatus} submitLabel={t('referrals.saveStatus')} className="inline-form referral-status-form" submitClassName="button button-secondary">
        <SelectField
          label={t('referrals.newStatus')}
          value={status}
          options={REFERRAL_STATUSES.map((value) => ({ value, label: lookup(`referrals.status.${value}`) }))}
          onChange={setStatus}
        />
        {/* Main refuses a day after today (referral_status_in_future). */}
        <DateField label={t('referrals.happenedOn')} value={happenedOn} onChange={setHappenedOn} maxValue={today()} />
      </ActionForm>
      <StatusMessage>{saved ? t('referrals.statusSaved') : null}</StatusMessage>
      <ReferralSlips referral={referral} />
    </li>
  );
}
