/**
 * The two referral slips (issue 16), each one self-contained page as the registration slip is.
 * The provider's, in the provider's language: the referral number, the date, the services, the
 * desk to contact, and the values of the fields chosen, nothing else of the person. The person's,
 * in their language: where to go (the provider's name, address, hours, contact) and the number.
 */
import { formatDay, initI18n } from '../../shared/i18n';
import type { Language } from '../../shared/languages';
import type { Service, Urgency } from '../../shared/referrals';
import { SLIP_STYLE } from '../../shared/slip';
import { escapeHtml as escape, printPageHtml } from '../pdf/print-page';
import { REPORT_FONT_FAMILY } from '../pdf/report-fonts';

const STYLE = `
  @page { size: A5; margin: 12mm; }
  body { font-family: ${REPORT_FONT_FAMILY}; margin: 0; }
  ${SLIP_STYLE}
  .slip-page dd.value { font-weight: 400; white-space: pre-wrap; }
`;

export interface ProviderSlipContent {
  language: Language;
  number: string;
  createdAt: string;
  providerName: string;
  services: readonly Service[];
  urgency: Urgency;
  /** The desk: the site's name (or prefix) and the referring account's user name. */
  site: string;
  referredBy: string;
  /** The chosen fields, labelled, their values read at print time. */
  shared: readonly { label: string; value: string }[];
}

export interface PersonSlipContent {
  language: Language;
  number: string;
  providerName: string;
  address: string;
  hours: string;
  contact: string;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function translator(language: Language): Translate {
  // Keys built from codes (services, urgencies, fields); the i18n-keys test checks each exists.
  return initI18n(language).t as unknown as Translate;
}

const code = (text: string): string => `<bdi dir="ltr">${escape(text)}</bdi>`;
const words = (text: string): string => `<bdi dir="auto">${escape(text)}</bdi>`;

function definitions(rows: readonly [string, string, string?][]): string {
  return rows.map(([term, value, kind]) => `<dt>${escape(term)}</dt><dd${kind ? ` class="${kind}"` : ''}>${value}</dd>`).join('\n');
}

/** A field's label in the slip's language: the catalogue's, as the record screen shows it. */
export function fieldLabelIn(language: Language): (key: string) => string {
  const t = translator(language);
  return (key) => t(`person.fields.${key}.label`);
}

export function providerSlipHtml(slip: ProviderSlipContent): string {
  const t = translator(slip.language);
  const services = new Intl.ListFormat(slip.language, { type: 'conjunction' }).format(slip.services.map((service) => t(`referrals.service.${service}`)));
  const rows: [string, string, string?][] = [
    [t('referrals.slip.number'), code(slip.number), 'number'],
    [t('referrals.slip.date'), escape(formatDay(slip.createdAt, slip.language))],
    [t('referrals.slip.provider'), words(slip.providerName)],
    [t('referrals.slip.services'), escape(services)],
    [t('referrals.slip.urgency'), escape(t(`referrals.urgency.${slip.urgency}`))],
    [t('referrals.slip.deskContact'), `${words(slip.site)} · ${words(slip.referredBy)}`],
  ];
  const shared =
    slip.shared.length > 0
      ? `<dl class="shared">\n${definitions(slip.shared.map(({ label, value }) => [label, words(value), 'value']))}\n</dl>`
      : `<p>${escape(t('referrals.slip.nothingShared'))}</p>`;
  const body = `<main class="slip-page">
<h1>${escape(t('referrals.slip.providerTitle'))}</h1>
<dl>
${definitions(rows)}
</dl>
<h2>${escape(t('referrals.slip.sharedHeading'))}</h2>
${shared}
<p class="keep">${escape(t('referrals.slip.providerKeep'))}</p>
</main>`;
  return printPageHtml({ language: slip.language, title: t('referrals.slip.providerTitle'), style: STYLE, body });
}

export function personSlipHtml(slip: PersonSlipContent): string {
  const t = translator(slip.language);
  const rows: [string, string, string?][] = [
    [t('referrals.slip.provider'), words(slip.providerName)],
    ...(slip.address ? [[t('referrals.slip.address'), words(slip.address), 'value'] as [string, string, string]] : []),
    ...(slip.hours ? [[t('referrals.slip.hours'), words(slip.hours), 'value'] as [string, string, string]] : []),
    ...(slip.contact ? [[t('referrals.slip.contact'), words(slip.contact), 'value'] as [string, string, string]] : []),
    [t('referrals.slip.number'), code(slip.number), 'number'],
  ];
  const body = `<main class="slip-page">
<h1>${escape(t('referrals.slip.personTitle'))}</h1>
<dl>
${definitions(rows)}
</dl>
<p class="keep">${escape(t('referrals.slip.personKeep'))}</p>
</main>`;
  return printPageHtml({ language: slip.language, title: t('referrals.slip.personTitle'), style: STYLE, body });
}

/** The file's name: the referral number and the slip's kind, never a name. */
export function referralSlipFileName(number: string, kind: 'provider' | 'person', format: 'html' | 'pdf'): string {
  return `referral_${number.replace(/[^\p{L}\p{N}_-]/gu, '-')}_${kind}.${format}`;
}
