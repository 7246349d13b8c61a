import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '../../../shared/i18n';
import { LANGUAGES, type Language } from '../../../shared/languages';
import type { ReferralSlipKind, ReferralView } from '../../../shared/referral-schemas';
import type { SlipFormat } from '../../../shared/slip';
import { SelectField } from '../components/Fields';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { problemOf, type Problem } from '../problems';
import { printSlip } from '../record/print-slip';
import { request } from '../session';
import { saveFile } from '../stats/download';
import { useNamedRefusal } from './named-refusal';

/** The provider's languages the app writes slips in (a provider may list others). */
function slipLanguagesOf(referral: ReferralView): Language[] {
  const spoken = referral.provider.languages.map((code) => code.split('-')[0]?.toLowerCase());
  return LANGUAGES.filter((language) => spoken.includes(language));
}

/**
 * The two slips: the provider's, in a language of the provider's (refused by main once the
 * referral consent is withdrawn), and the person's. Printed, or saved as PDF; main logs each one.
 */
export function ReferralSlips({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  const named = useNamedRefusal();
  const languages = slipLanguagesOf(referral);
  const [language, setLanguage] = useState<Language | ''>(languages[0] ?? '');
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function slip(kind: ReferralSlipKind, format: SlipFormat): Promise<void> {
    if (working) return;
    setWorking(true);
    setProblem(null);
    setDone(null);
    try {
      const file = await request('referrals.slip', { id: referral.id, kind, format, ...(kind === 'provider' && language ? { language } : {}) });
      if (format === 'pdf') {
        saveFile(file);
        setDone(t('referrals.slipSaved', { fileName: file.fileName }));
      } else {
        printSlip(file);
        setDone(t('referrals.slipPrinted'));
      }
    } catch (error) {
      setProblem(problemOf(named(error)));
    } finally {
      setWorking(false);
    }
  }

  const button = (kind: ReferralSlipKind, format: SlipFormat, label: string) => (
    <button type="button" className="button button-secondary button-small" aria-disabled={working} onClick={() => void slip(kind, format)}>
      {label}
    </button>
  );

  return (
    <div className="referral-slips no-print" aria-busy={working}>
      {!referral.consentWithdrawn && languages.length > 1 && (
        <SelectField
          label={t('referrals.slipLanguage')}
          value={language}
          options={languages.map((value) => ({ value, label: LANGUAGE_NAMES[value], lang: value }))}
          onChange={setLanguage}
        />
      )}
      <div className="actions">
        {!referral.consentWithdrawn && button('provider', 'html', t('referrals.providerSlipPrint'))}
        {!referral.consentWithdrawn && button('provider', 'pdf', t('referrals.providerSlipPdf'))}
        {button('person', 'html', t('referrals.personSlipPrint'))}
        {button('person', 'pdf', t('referrals.personSlipPdf'))}
      </div>
      <ErrorAlert problem={problem} />
      <StatusMessage>{done}</StatusMessage>
    </div>
  );
}
