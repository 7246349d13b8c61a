import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../../shared/catalogue';

interface ConsentSectionProps {
  headingLevel?: 2 | 4;
  consents: ReadonlySet<ConsentPurpose>;
  onChange: (purpose: ConsentPurpose, given: boolean) => void;
}

/**
 * Consent per purpose, asked before anything sensitive. Registration never depends on it: with no
 * box ticked the person is registered all the same, without the sensitive answers.
 */
export function ConsentSection({ headingLevel, consents, onChange }: ConsentSectionProps) {
  const { t } = useTranslation();
  const Heading = headingLevel === 4 ? 'h4' : 'h2';
  const id = useId();
  return (
    <fieldset className="consent-section" aria-describedby={`${id}-intro`}>
      <legend>
        <Heading>{t('consent.title')}</Heading>
      </legend>
      <p id={`${id}-intro`} className="hint">
        {t('consent.intro')}
      </p>
      {CONSENT_PURPOSES.map((purpose) => (
        <div key={purpose} className="consent-option">
          <label className="checkbox-field">
            <input
              type="checkbox"
              checked={consents.has(purpose)}
              aria-describedby={`${id}-${purpose}`}
              onChange={(event) => onChange(purpose, event.target.checked)}
            />
            <span>{t(`consent.purposes.${purpose}.label`)}</span>
          </label>
          <p id={`${id}-${purpose}`} className="hint consent-explanation">
            {t(`consent.purposes.${purpose}.explanation`)}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
