import { AppError } from '../../shared/errors';
import { fieldSpec } from '../../shared/catalogue';
import { LANGUAGES, type Language } from '../../shared/languages';
import { providerName, type ReferralSlipRequest } from '../../shared/referral-schemas';
import { slipLanguage } from '../../shared/slip';
import type { StatsFileOutput } from '../../shared/stats';
import { fileOutput, pdfFile } from '../pdf/print-page';
import { providerOf } from '../referrals/provider-rows';
import { providerNamesOf } from '../referrals/provider-row';
import { fieldLabelIn, translator, personSlipHtml, providerSlipHtml, referralSlipFileName } from '../referrals/referral-slip-html';
import { sharedValueText } from '../referrals/shared-values';
import type { IntakeCore } from './intake-core';

/** The provider's slip language: the one asked for if the provider speaks it, else the first the app speaks, else the user's. */
export function providerSlipLanguage(providerLanguages: readonly string[], asked: Language | undefined, fallback: Language): Language {
  const spoken = providerLanguages.map((code) => code.split('-')[0]?.toLowerCase()).filter((code): code is Language => (LANGUAGES as readonly string[]).includes(code ?? ''));
  if (asked && spoken.includes(asked)) return asked;
  return spoken[0] ?? fallback;
}

/**
 * A referral slip as HTML to print, or PDF. The provider's slip reads the record now, through
 * redaction as the caller reads it in the view mode in use, and shows only the fields the referral
 * shares; once the referral consent is withdrawn it is refused. The person's slip says nothing of them.
 */
export async function referralSlip(core: IntakeCore, request: ReferralSlipRequest): Promise<{ file: StatsFileOutput; language: Language }> {
  const user = core.user;
  if (!user) throw new AppError('not_signed_in');
  const actor = { id: user.id, role: user.role };
  const { referrals, people } = core.vault;
  referrals.assertMayRefer(actor);
  const referral = referrals.stored(request.id);
  const provider = providerOf(core.vault.db, referral.providerId);
  if (!provider) throw new AppError('not_found');
  const names = providerNamesOf(provider);
  let html: string;
  let language: Language;
  if (request.kind === 'provider') {
    if (referral.consentWithdrawn) throw new AppError('referral_consent_withdrawn');
    language = providerSlipLanguage(JSON.parse(provider.languages) as string[], request.language, user.language);
    const person = people.view(actor, referral.personId, core.viewMode);
    const view = referrals.view(actor, request.id, core.viewMode);
    const t = translator(language);
    const label = fieldLabelIn(language);
    const shared = referral.sharedFields.flatMap((key) => {
      if (person.restricted.includes(key)) throw new AppError('referral_slip_field_hidden', { field: key });
      // Checked again here, not only when the referral was made: a referral received from another
      // desk (misused, or of another version) may name a tier-2 field without the person's consent.
      if (fieldSpec(key).tier === 2 && !referral.sensitiveConsent) throw new AppError('referral_sensitive_consent_required', { field: key });
      const value = person.fields[key];
      const text = value === undefined ? undefined : sharedValueText(key, value, t, language);
      return text === undefined ? [] : [{ label: label(key), value: text }];
    });
    const { siteName, sitePrefix } = core.vault.settings.get();
    html = providerSlipHtml({
      language,
      number: referral.number,
      createdAt: referral.createdAt,
      providerName: providerName(names, language),
      services: view.services,
      urgency: view.urgency,
      site: siteName || sitePrefix,
      referredBy: referral.createdBy,
      shared,
    });
  } else {
    const person = people.view(actor, referral.personId, 'restricted');
    language = slipLanguage(person.fields.preferredLanguage, user.language);
    html = personSlipHtml({ language, number: referral.number, providerName: providerName(names, language), address: provider.address, hours: provider.hours, contact: provider.contact });
  }
  const fileName = referralSlipFileName(referral.number, request.kind, request.format);
  const file = request.format === 'pdf' ? await pdfFile(core.renderPdf, html, fileName) : fileOutput(fileName, 'text/html;charset=utf-8', new TextEncoder().encode(html));
  return { file, language };
}
