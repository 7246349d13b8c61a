import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_KEYS, fieldSpec, readableTiers, type FieldKey } from '../../../shared/catalogue';
import type { PersonView } from '../../../shared/people';
import { providerName, REFERRAL_REASON_MAX, type ReferralOption, type ReferralView } from '../../../shared/referral-schemas';
import { SERVICES, URGENCIES, type Service, type Urgency } from '../../../shared/referrals';
import type { Role } from '../../../shared/roles';
import { ActionForm } from '../components/ActionForm';
import { DateField } from '../components/DateField';
import { SelectField } from '../components/Fields';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { useCatalogueText } from '../people/catalogue-text';
import { FormProblem } from '../problems';
import { request } from '../session';
import { useViewMode } from '../shell/view-mode';
import { useNamedRefusal } from './named-refusal';
import { ProviderChoice } from './ProviderChoice';

/** Suggested to the person, never ticked for them: the name they use and one way to reach them. */
const SUGGESTED: readonly FieldKey[] = ['chosenName', 'phone'];

type Lookup = (key: string) => string;

/**
 * Refers the person: the services they chose, a provider among those offering them (with the
 * directory's "safe for" marks), the fields shared ticked one by one from none, tier-2 fields only
 * after the person's explicit consent for this referral. Main checks all of it again.
 */
export function ReferForm({ person, role, onMade, onCancel }: { person: PersonView; role: Role; onMade: (referral: ReferralView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const lookup = t as unknown as Lookup;
  const id = useId();
  const text = useCatalogueText();
  const language = useCurrentLanguage();
  const { mode } = useViewMode();
  const named = useNamedRefusal();
  const [services, setServices] = useState<ReadonlySet<Service>>(new Set());
  const [found, setFound] = useState<ReferralOption[]>([]);
  const [providerId, setProviderId] = useState<number | null>(null);
  const [shared, setShared] = useState<ReadonlySet<FieldKey>>(new Set());
  const [referralConsent, setReferralConsent] = useState(false);
  const [sensitiveConsent, setSensitiveConsent] = useState(false);
  const [urgency, setUrgency] = useState<Urgency>('routine');
  const [reason, setReason] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');

  useEffect(() => {
    if (services.size === 0) return;
    let live = true;
    request('referrals.options', { services: [...services] }).then(
      (offered) => live && setFound(offered),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, [services]);

  // Only what the record holds and this reader may read on this screen can be shared.
  const tiers = readableTiers(role, mode);
  const shareable = FIELD_KEYS.filter((key) => tiers.includes(fieldSpec(key).tier) && person.fields[key] !== undefined);
  // No service chosen: no provider offered, whatever an earlier answer held.
  const options = services.size === 0 ? [] : found;
  const provider = options.find((option) => option.id === providerId);

  const toggle = <T,>(set: ReadonlySet<T>, value: T, on: boolean): ReadonlySet<T> => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  async function submit(): Promise<void> {
    if (!referralConsent) throw new FormProblem('referrals.needConsent');
    if (!provider) throw new FormProblem('referrals.needProvider');
    const referral = await request('referrals.create', {
      personId: person.id,
      providerId: provider.id,
      // Only the chosen services this provider offers.
      services: [...services].filter((service) => provider.services.includes(service)),
      sharedFields: [...shared],
      referralConsent: true,
      sensitiveConsent,
      urgency,
      reason: reason.trim(),
      ...(followUpOn ? { followUpOn } : {}),
    }).catch((error: unknown) => {
      throw named(error);
    });
    onMade(referral);
  }

  return (
    <ActionForm
      onSubmit={submit}
      submitLabel={t('referrals.submit')}
      labelledBy={`${id}-title`}
      className="stack-form refer-form"
      secondary={
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('referrals.cancel')}
        </button>
      }
    >
      <h3 id={`${id}-title`}>{t('referrals.referTitle')}</h3>
      <fieldset className="refer-fieldset">
        <legend>{t('referrals.servicesLegend')}</legend>
        <div className="refer-choices">
          {SERVICES.map((service) => (
            <label key={service} className="checkbox-field">
              <input type="checkbox" checked={services.has(service)} onChange={(event) => setServices(toggle(services, service, event.target.checked))} />
              <span>{lookup(`referrals.service.${service}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <ProviderChoice services={services} options={options} providerId={providerId} onChoose={setProviderId} />

      <fieldset className="refer-fieldset" aria-describedby={`${id}-fields-intro`}>
        <legend>{t('referrals.fieldsLegend')}</legend>
        <p id={`${id}-fields-intro`} className="hint">
          {t('referrals.fieldsIntro')}
        </p>
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={sensitiveConsent}
            onChange={(event) => {
              setSensitiveConsent(event.target.checked);
              // Without the consent, no sensitive field stays ticked.
              if (!event.target.checked) setShared(new Set([...shared].filter((key) => fieldSpec(key).tier !== 2)));
            }}
          />
          <span>{t('referrals.sensitiveConsent')}</span>
        </label>
        <ul className="refer-fields">
          {shareable.map((key) => {
            const sensitive = fieldSpec(key).tier === 2;
            return (
              <li key={key}>
                <label className="checkbox-field">
                  <input
                    type="checkbox"
                    checked={shared.has(key)}
                    disabled={sensitive && !sensitiveConsent}
                    onChange={(event) => setShared(toggle(shared, key, event.target.checked))}
                  />
                  <span>
                    {text.fieldLabel(key)}
                    {SUGGESTED.includes(key) && <span className="badge refer-suggested"> {t('referrals.suggested')}</span>}
                    {sensitive && <span className="muted"> ({t('referrals.sensitiveField')})</span>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <SelectField
        label={t('referrals.urgencyLabel')}
        value={urgency}
        options={URGENCIES.map((value) => ({ value, label: lookup(`referrals.urgency.${value}`) }))}
        onChange={setUrgency}
      />
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('referrals.reasonLabel')}</label>
        <textarea id={`${id}-reason`} dir="auto" maxLength={REFERRAL_REASON_MAX} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <DateField label={t('referrals.followUpLabel')} value={followUpOn} onChange={setFollowUpOn} />
      <label className="checkbox-field refer-consent">
        <input type="checkbox" required checked={referralConsent} onChange={(event) => setReferralConsent(event.target.checked)} />
        <span>{t('referrals.referralConsent')}</span>
      </label>
      {provider && (
        <p className="muted">
          {t('referrals.provider')}: <bdi>{providerName(provider.names, language)}</bdi>
        </p>
      )}
    </ActionForm>
  );
}
