/**
 * The leaflet of services a person takes away (issue 16): one self-contained page in the language
 * chosen, listing services, addresses, hours, contacts and languages. Made from entries as a clerk
 * reads them, and it never shows a focal point, an internal note or anything about any person.
 * The "safe for" marks and the type of organisation (LGBTIQ+-led, sex-worker-led…) stay off it: a
 * leaflet found on someone should not say who they may be. So do the sensitive services (HIV, legal
 * help after an arrest…), on every leaflet: one made for such a service would say what its holder
 * needs. An entry that offers only those says "other services: ask at the desk".
 */
import { formatDay, initI18n } from '../../shared/i18n';
import type { Language } from '../../shared/languages';
import { providerName, type Provider } from '../../shared/providers';
import { PROVIDER_STALE_AFTER_DAYS, SENSITIVE_SERVICES } from '../../shared/referrals';
import { SLIP_STYLE } from '../../shared/slip';
import { escapeHtml as escape, printPageHtml } from '../pdf/print-page';
import { REPORT_FONT_FAMILY } from '../pdf/report-fonts';

const STYLE = `
  @page { size: A4; margin: 14mm; }
  body { font-family: ${REPORT_FONT_FAMILY}; margin: 0; }
  ${SLIP_STYLE}
`;

/** What a leaflet entry carries: a provider without what only keepers read. */
export type LeafletEntry = Omit<Provider, 'focalPoint' | 'note'>;

export function leafletHtml(language: Language, entries: readonly LeafletEntry[]): string {
  const i18n = initI18n(language);
  const t = i18n.t.bind(i18n);
  const languageNames = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
  const items = entries.map((entry) => {
    const named = entry.services.filter((service) => !SENSITIVE_SERVICES.includes(service));
    const services = named.length > 0 ? named.map((service) => escape(t(`referrals.service.${service}`))).join(' · ') : escape(t('referrals.leaflet.otherServices'));
    const rows: [string, string][] = [[t('referrals.leaflet.services'), services]];
    if (entry.address) rows.push([t('referrals.leaflet.address'), `<bdi dir="auto">${escape(entry.address)}</bdi>`]);
    if (entry.hours) rows.push([t('referrals.leaflet.hours'), `<bdi dir="auto">${escape(entry.hours)}</bdi>`]);
    if (entry.contact) rows.push([t('referrals.leaflet.contact'), `<bdi dir="auto">${escape(entry.contact)}</bdi>`]);
    if (entry.languages.length > 0) rows.push([t('referrals.leaflet.languages'), escape(entry.languages.map((code) => languageNames.of(code) ?? code).join(', '))]);
    const checked = entry.stale
      ? `<p class="leaflet-stale">⚠ ${escape(t('referrals.leaflet.stale', { days: PROVIDER_STALE_AFTER_DAYS }))}</p>`
      : entry.checkedOn
        ? `<p class="leaflet-checked">${escape(t('referrals.leaflet.checkedOn', { date: formatDay(`${entry.checkedOn}T12:00:00.000Z`, language) }))}</p>`
        : '';
    return `<section class="leaflet-entry">
<h2><bdi dir="auto">${escape(providerName(entry.names, language))}</bdi></h2>
${entry.area ? `<p class="leaflet-kind"><bdi dir="auto">${escape(entry.area)}</bdi></p>` : ''}
<dl>${rows.map(([term, value]) => `<dt>${escape(term)}</dt><dd>${value}</dd>`).join('')}</dl>
${checked}
</section>`;
  });
  const body = `<main class="slip-page leaflet-page">
<h1>${escape(t('referrals.leaflet.title'))}</h1>
<p class="keep">${escape(t('referrals.leaflet.intro'))}</p>
${items.length > 0 ? items.join('\n') : `<p>${escape(t('referrals.leaflet.empty'))}</p>`}
</main>`;
  return printPageHtml({ language, title: t('referrals.leaflet.title'), style: STYLE, body });
}

/** The file's name: the language and the day, nothing else. */
export function leafletFileName(language: Language, today: Date, format: 'html' | 'pdf'): string {
  return `services_${language}_${today.toISOString().slice(0, 10)}.${format}`;
}
