/**
 * What every printable page main makes shares (the statistics report, the registration slip): one
 * self-contained HTML document (no scripts, nothing fetched, the bundled Noto fonts embedded) in
 * the page's language and direction, and its PDF from the PdfRenderer with the metadata neutralised.
 */
import { directionOf, type Language } from '../../shared/languages';
import type { StatsFileOutput } from '../../shared/stats';
import { neutralPdfMetadata } from './pdf-metadata';
import type { PdfRenderer } from './pdf-renderer';
import { reportFontFaces } from './report-fonts';

/** Text as HTML: every character that could open markup or end an attribute, as a reference. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export interface PrintPage {
  language: Language;
  title: string;
  /** The page's own stylesheet (after the fonts). */
  style: string;
  /** The markup inside <body>. */
  body: string;
}

/** The whole document: lang and dir from the language, a CSP that lets in nothing but inline styles and data: fonts. */
export function printPageHtml(page: PrintPage): string {
  return `<!doctype html>
<html lang="${page.language}" dir="${directionOf(page.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>${escapeHtml(page.title)}</title>
<style>${reportFontFaces()}
${page.style}</style>
</head>
<body>
${page.body}
</body>
</html>
`;
}

/** A file as the contract carries it (base64), from bytes. */
export function fileOutput(fileName: string, mimeType: string, bytes: Uint8Array): StatsFileOutput {
  return { fileName, mimeType, dataBase64: Buffer.from(bytes).toString('base64') };
}

/** The page printed to PDF. Chromium and Electron stamp it with their version and the second it printed: removed. */
export async function pdfFile(render: PdfRenderer, html: string, fileName: string): Promise<StatsFileOutput> {
  return fileOutput(fileName, 'application/pdf', neutralPdfMetadata(await render(html)));
}
