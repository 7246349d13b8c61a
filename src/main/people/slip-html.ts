/**
 * The registration slip a person takes away from the desk: one self-contained page in their
 * language with the site, the registration number (and its QR code), the name they use, the day
 * they were registered and what to bring next time. Tier 0 only: nothing on it says more about
 * the person than the desk already says out loud.
 */
import QRCode from 'qrcode';
import { formatDay, initI18n, type Messages } from '../../shared/i18n';
import type { Language } from '../../shared/languages';
import { SLIP_STYLE } from '../../shared/slip';
import { escapeHtml as escape, printPageHtml } from '../pdf/print-page';
import { REPORT_FONT_FAMILY } from '../pdf/report-fonts';

export interface SlipContent {
  language: Language;
  registrationNumber: string;
  chosenName: string;
  /** ISO 8601, as main stores it. */
  registeredAt: string;
  sitePrefix: string;
  siteName?: string;
}

const STYLE = `
  @page { size: A5; margin: 12mm; }
  body { font-family: ${REPORT_FONT_FAMILY}; margin: 0; }
  ${SLIP_STYLE}
`;

/** The QR code of the number as inline SVG, labelled for a screen reader reading the page. */
async function qrSvg(number: string, label: string): Promise<string> {
  const svg = await QRCode.toString(number, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return svg.trim().replace(/^<svg /, `<svg role="img" aria-label="${escape(label)}" `);
}

export async function slipHtml(slip: SlipContent): Promise<string> {
  const i18n = initI18n(slip.language);
  const t = (key: `slip.${keyof Messages['slip']}`): string => i18n.t(key);
  // Codes read left to right inside an Arabic page; a name takes the direction of its own script.
  const code = (text: string): string => `<bdi dir="ltr">${escape(text)}</bdi>`;
  const site = slip.siteName ? `<bdi dir="auto">${escape(slip.siteName)}</bdi>` : code(slip.sitePrefix);
  const rows: [string, string, string?][] = [
    [t('slip.site'), site],
    ...(slip.siteName ? [[t('slip.sitePrefix'), code(slip.sitePrefix)] as [string, string]] : []),
    [t('slip.number'), code(slip.registrationNumber), 'number'],
    [t('slip.name'), `<bdi dir="auto">${escape(slip.chosenName)}</bdi>`],
    [t('slip.registeredOn'), escape(formatDay(slip.registeredAt, slip.language))],
  ];
  const list = rows.map(([term, value, kind]) => `<dt>${escape(term)}</dt><dd${kind ? ` class="${kind}"` : ''}>${value}</dd>`).join('\n');
  const body = `<main class="slip-page">
<h1>${escape(t('slip.title'))}</h1>
<div class="slip-body">
<dl>
${list}
</dl>
<div class="qr">${await qrSvg(slip.registrationNumber, t('slip.qr'))}</div>
</div>
<h2>${escape(t('slip.bringHeading'))}</h2>
<ul><li>${escape(t('slip.bringSlip'))}</li><li>${escape(t('slip.bringDocuments'))}</li></ul>
<p class="keep">${escape(t('slip.keep'))}</p>
</main>`;
  return printPageHtml({ language: slip.language, title: t('slip.title'), style: STYLE, body });
}

/** The file's name: the registration number, never the person's name. */
export function slipFileName(registrationNumber: string, format: 'html' | 'pdf'): string {
  return `slip_${registrationNumber.replace(/[^\p{L}\p{N}_-]/gu, '-')}.${format}`;
}
