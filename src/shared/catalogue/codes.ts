/**
 * Country and language codes as stored: countries as ISO 3166 alpha-2 in capitals, languages as
 * canonical BCP 47 tags (Intl.getCanonicalLocales: "AR" → "ar", "apc" stays "apc"). One spelling a
 * code, so that "sy" and "SY" are one nationality in a search and in the statistics.
 */
export type CodeKind = 'region' | 'language';

const COUNTRY = /^[A-Za-z]{2}$/;
/** Alpha-2 codes that name no country: unknown, private use and groupings (XK, Kosovo, is a country here). */
const NOT_COUNTRIES: ReadonlySet<string> = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'XX', 'AA']);

/** The stored spelling of a code; unchanged when it is not a well-formed code of its kind. */
export function normaliseCode(kind: CodeKind, code: string): string {
  const trimmed = code.trim();
  if (kind === 'region') return COUNTRY.test(trimmed) ? trimmed.toUpperCase() : trimmed;
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? trimmed;
  } catch {
    return trimmed;
  }
}

/** Whether a code is well formed for its kind: a two-letter country code, or a BCP 47 language tag. */
export function isWellFormedCode(kind: CodeKind, code: string): boolean {
  if (kind === 'region') return COUNTRY.test(code) && !NOT_COUNTRIES.has(code.toUpperCase());
  try {
    return Intl.getCanonicalLocales(code).length === 1;
  } catch {
    return false;
  }
}
