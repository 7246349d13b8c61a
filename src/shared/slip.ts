/** The registration slip (issue 15): what a person takes away from the desk, printed or as PDF. */
import { z } from 'zod';
import { LANGUAGES, type Language } from './languages';

export const SLIP_FORMATS = ['html', 'pdf'] as const;
export type SlipFormat = (typeof SLIP_FORMATS)[number];

export const slipRequestSchema = z.object({ id: z.number().int().positive(), format: z.enum(SLIP_FORMATS) }).strict();
export type SlipRequest = z.infer<typeof slipRequestSchema>;

/**
 * The spoken varieties of Arabic with codes of their own (ISO 639-3 members of the macrolanguage
 * `ar` that CLDR names, so the language picker offers them): their readers read the slip in Arabic.
 */
const ARABIC_VARIETIES: ReadonlySet<string> = new Set(['arz', 'ary', 'aeb', 'arq', 'apc', 'ajp', 'acm', 'apd', 'ars', 'afb', 'ayl', 'acq', 'shu', 'ssh', 'abv', 'aao', 'ayp', 'adf', 'acw', 'acx', 'avl', 'pga', 'auz', 'ayh', 'ayn', 'aec', 'abh', 'arb']);

/**
 * The language a slip is written in: the person's preferred language when it is (a variety of) one
 * the interface speaks ("ar-SY" and Egyptian Arabic "arz" are Arabic), else the clerk's interface language.
 */
export function slipLanguage(preferred: string | undefined, interfaceLanguage: Language): Language {
  const primary = preferred?.split('-')[0]?.toLowerCase();
  const language = primary !== undefined && ARABIC_VARIETIES.has(primary) ? 'ar' : primary;
  return LANGUAGES.find((known) => known === language) ?? interfaceLanguage;
}

/**
 * The slip's look (and the leaflet of services', a page of the same kind), for the PDF page main makes and for the window printing the same markup: every
 * rule inside `.slip-page`, so that in the window it touches nothing else. Colours are black on
 * white; sizes in points, as on paper.
 */
export const SLIP_STYLE = `
  .slip-page { color: #000; font-size: 11pt; }
  .slip-page h1 { font-size: 17pt; margin-block: 0 8pt; }
  .slip-page .slip-body { display: flex; gap: 12pt; align-items: flex-start; }
  .slip-page dl { margin: 0; flex: 1; }
  .slip-page dt { font-size: 9pt; color: #333; margin-block-start: 6pt; }
  .slip-page dd { margin: 0; font-size: 13pt; font-weight: 700; }
  .slip-page dd.number { font-size: 18pt; letter-spacing: 0.04em; }
  .slip-page .qr { inline-size: 34mm; block-size: 34mm; flex: none; }
  .slip-page .qr svg { inline-size: 100%; block-size: 100%; }
  .slip-page h2 { font-size: 12pt; margin-block: 14pt 4pt; }
  .slip-page ul { margin-block: 0; padding-inline-start: 14pt; }
  .slip-page .keep { margin-block-start: 10pt; font-size: 9.5pt; color: #333; }
  .slip-page .leaflet-entry { break-inside: avoid; border-block-start: 0.5pt solid #999; padding-block: 6pt; }
  .slip-page .leaflet-entry h2 { margin-block: 0 2pt; }
  .slip-page .leaflet-entry dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 8pt; }
  .slip-page .leaflet-entry dt { margin: 0; }
  .slip-page .leaflet-entry dd { font-size: 10.5pt; font-weight: 400; }
  .slip-page .leaflet-kind, .slip-page .leaflet-checked { margin-block: 0 4pt; font-size: 9.5pt; color: #333; }
  .slip-page .leaflet-stale { margin-block: 4pt 0; font-size: 9.5pt; font-weight: 700; }
`;
