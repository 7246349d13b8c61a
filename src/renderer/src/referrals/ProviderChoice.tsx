import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { providerName, type ReferralOption } from '../../../shared/referral-schemas';
import type { Service } from '../../../shared/referrals';
import { useCurrentLanguage } from '../components/LanguageSwitcher';

type Lookup = (key: string) => string;

/**
 * The directory's providers for the services chosen, with what the person chooses by: who runs
 * them, who they are known to be safe for, languages, area, hours. One is picked.
 */
export function ProviderChoice({
  services,
  options,
  providerId,
  onChoose,
}: {
  services: ReadonlySet<Service>;
  options: readonly ReferralOption[];
  providerId: number | null;
  onChoose: (id: number) => void;
}) {
  const { t } = useTranslation();
  const lookup = t as unknown as Lookup;
  const id = useId();
  const language = useCurrentLanguage();
  const list = (items: string[]): string => new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  return (
    <fieldset className="refer-fieldset">
      <legend>{t('referrals.providersLegend')}</legend>
      {services.size === 0 && <p className="hint">{t('referrals.chooseServicesFirst')}</p>}
      {services.size > 0 && options.length === 0 && <p className="hint">{t('referrals.noProviders')}</p>}
      <ul className="refer-providers">
        {options.map((option) => (
          <li key={option.id} className="refer-provider">
            <label className="checkbox-field">
              <input type="radio" name={`${id}-provider`} checked={providerId === option.id} onChange={() => onChoose(option.id)} />
              <span className="refer-provider-name">
                <bdi>{providerName(option.names, language)}</bdi>
              </span>
            </label>
            <dl className="refer-provider-details">
              <div>
                <dt>{t('referrals.organisationTypeLabel')}</dt>
                <dd>{lookup(`referrals.organisationType.${option.organisationType}`)}</dd>
              </div>
              {option.safeFor.length > 0 && (
                <div>
                  <dt>{t('referrals.safeForLabel')}</dt>
                  <dd>{list(option.safeFor.map((mark) => lookup(`referrals.safeFor.${mark}`)))}</dd>
                </div>
              )}
              <div>
                <dt>{t('referrals.services')}</dt>
                <dd>{list(option.services.map((service) => lookup(`referrals.service.${service}`)))}</dd>
              </div>
              {option.languages.length > 0 && (
                <div>
                  <dt>{t('referrals.languagesLabel')}</dt>
                  <dd>
                    <bdi dir="ltr">{option.languages.join(', ')}</bdi>
                  </dd>
                </div>
              )}
              {option.area && (
                <div>
                  <dt>{t('referrals.areaLabel')}</dt>
                  <dd>
                    <bdi>{option.area}</bdi>
                  </dd>
                </div>
              )}
              {option.hours && (
                <div>
                  <dt>{t('referrals.hoursLabel')}</dt>
                  <dd>
                    <bdi>{option.hours}</bdi>
                  </dd>
                </div>
              )}
              {option.interpreter === true && (
                <div>
                  <dt>{t('referrals.interpreterAvailable')}</dt>
                  <dd>{t('person.yes')}</dd>
                </div>
              )}
            </dl>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
