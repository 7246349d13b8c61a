import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The bundled Noto fonts as @font-face rules with data: URLs, so a printed report carries its own
 * Arabic and Latin glyphs: the machine that prints it may have no Arabic font at all, and the page
 * may fetch nothing (its CSP allows fonts from data: only).
 */
const FACES = [
  { family: 'Noto Sans', file: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2', weight: 400 },
  { family: 'Noto Sans', file: '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2', weight: 700 },
  { family: 'Noto Sans Arabic', file: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2', weight: 400 },
  { family: 'Noto Sans Arabic', file: '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2', weight: 700 },
] as const;

export const REPORT_FONT_FAMILY = "'Noto Sans', 'Noto Sans Arabic', sans-serif";

let cached: string | undefined;

export function reportFontFaces(): string {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    cached = FACES.map(({ family, file, weight }) => {
      const data = readFileSync(require.resolve(file)).toString('base64');
      return `@font-face { font-family: '${family}'; font-style: normal; font-weight: ${weight}; font-display: block; src: url(data:font/woff2;base64,${data}) format('woff2'); }`;
    }).join('\n');
  }
  return cached;
}
