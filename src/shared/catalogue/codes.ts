/**
 * Country and language codes as stored: countries as ISO 3166 alpha-2 in capitals, languages as
 * canonical BCP 47 tags (Intl.getCanonicalLocales: "AR" → "ar", "apc" stays "apc"). One spelling a
 * code, so that "sy" and "SY" are one nationality in a search and in the statistics.
 */
export type CodeKind = 'region' | 'language';

const COUNTRY = /^[A-Za-z]{2}$/;
/**
 * Alpha-2 codes that name no country: unknown, private use (XA and XB are CLDR's pseudo-locales)
 * and groupings (XK, Kosovo, is a country here).
 */
const NOT_COUNTRIES: ReadonlySet<string> = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'XX', 'AA', 'XA', 'XB']);

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

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every string of `length` lower-case Latin letters, in order. */
function letterStrings(length: number): string[] {
  let strings = [''];
  for (let at = 0; at < length; at += 1) strings = strings.flatMap((start) => [...LETTERS].map((letter) => start + letter));
  return strings;
}

/** Language codes that name no language: uncoded, several, undetermined, no linguistic content. */
const NOT_LANGUAGES: ReadonlySet<string> = new Set(['mis', 'mul', 'und', 'zxx']);
const PRIVATE_USE_LANGUAGE = /^q[a-t][a-z]$/;

const listed = new Map<CodeKind, readonly string[]>();

/**
 * The codes offered in the pickers, in their stored spelling: those well formed for their kind,
 * in their current spelling (no retired code such as BU for MM; a language alias as what it
 * stands for, iw as he) and named by the CLDR data of Intl.DisplayNames, so no list is shipped or
 * kept by hand. Countries are the two-letter codes; languages the two- and three-letter ones and
 * what they stand for (ar, ckb, fa-AF for Dari). A variety that CLDR does not name (apc) is not
 * offered. Worked out once, on first use (a few hundred milliseconds).
 */
export function listedCodes(kind: CodeKind): readonly string[] {
  const known = listed.get(kind);
  if (known) return known;
  const namer = new Intl.DisplayNames(['en'], { type: kind, fallback: 'none' });
  const names = (code: string): boolean => {
    try {
      return namer.of(code) !== undefined;
    } catch {
      return false;
    }
  };
  const codes =
    kind === 'region'
      ? letterStrings(2)
          .map((code) => code.toUpperCase())
          .filter((code) => isWellFormedCode('region', code) && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}` && names(code))
      : [
          // A retired or alias code is offered in its stored spelling: iw as he, prs (Dari) as fa-AF.
          ...new Set(
            [...letterStrings(2), ...letterStrings(3)]
              .filter((code) => !NOT_LANGUAGES.has(code) && !PRIVATE_USE_LANGUAGE.test(code) && names(code))
              .map((code) => normaliseCode('language', code)),
          ),
        ].filter(names);
  listed.set(kind, codes);
  return codes;
}

const listedSets = new Map<CodeKind, ReadonlySet<string>>();

/** Whether a code (in any spelling normaliseCode accepts) is one the pickers offer. */
export function isListedCode(kind: CodeKind, code: string): boolean {
  let set = listedSets.get(kind);
  if (!set) {
    set = new Set(listedCodes(kind));
    listedSets.set(kind, set);
  }
  return set.has(normaliseCode(kind, code));
}
