/**
 * The options of a country or language picker: the listed codes (see listedCodes), each named in
 * the three interface languages by CLDR, and which of them match what the clerk types.
 */
import { listedCodes, type CodeKind } from '../../../shared/catalogue';
import { LANGUAGES, type Language } from '../../../shared/languages';
import { fold } from '../../../shared/text/normalise';

export interface CodeOption {
  /** As stored. */
  readonly code: string;
  /** The name in each interface language; the code itself where CLDR has none. */
  readonly names: Readonly<Record<Language, string>>;
  /** The folded names and code, matched against the folded query. */
  readonly folded: readonly string[];
}

const optionsByKind = new Map<CodeKind, readonly CodeOption[]>();

/** Every listed code of a kind with its names (worked out once). */
export function codeOptions(kind: CodeKind): readonly CodeOption[] {
  const known = optionsByKind.get(kind);
  if (known) return known;
  const namers = LANGUAGES.map((language) => [language, new Intl.DisplayNames([language], { type: kind, fallback: 'code' })] as const);
  const options = listedCodes(kind).map((code) => {
    const names = Object.fromEntries(namers.map(([language, namer]) => [language, namer.of(code) ?? code])) as Record<Language, string>;
    return { code, names, folded: [fold(code), ...LANGUAGES.map((language) => fold(names[language]))] };
  });
  optionsByKind.set(kind, options);
  return options;
}

/** How well an option matches: lower is better, undefined for no match. */
function rank(option: CodeOption, query: string, language: Language): number | undefined {
  const [code, ...names] = option.folded;
  if (code === query) return 0;
  const here = fold(option.names[language]);
  if (here.startsWith(query)) return 1;
  if (names.some((name) => name.startsWith(query))) return 2;
  // A later word of a name ("arabe du Soudan", "Arabie saoudite") or any part of it.
  if (here.includes(query)) return 3;
  if (names.some((name) => name.includes(query))) return 4;
  if (code?.startsWith(query)) return 5;
  return undefined;
}

/**
 * The options matching what is typed: by name in any interface language (case, accents and Arabic
 * diacritics and letter forms folded) or by code, best matches first, then in the interface
 * language's alphabetical order. Nothing typed: every option, alphabetically.
 */
export function matchingOptions(options: readonly CodeOption[], typed: string, language: Language, limit = 100): CodeOption[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base' });
  const query = fold(typed.trim());
  const ranked = options.flatMap((option) => {
    const at = query === '' ? 0 : rank(option, query, language);
    return at === undefined ? [] : [{ option, at }];
  });
  ranked.sort((a, b) => a.at - b.at || collator.compare(a.option.names[language], b.option.names[language]));
  return ranked.slice(0, limit).map(({ option }) => option);
}
