/**
 * Loader for tests/data/name-variants.tsv, the evaluation set for cross-script name search
 * (Arabic script <-> Latin spellings). See tests/data/README.md for the columns and sources.
 *
 * The parser is strict on purpose: a typo in the data must fail loudly, with the line number,
 * rather than quietly weaken the tests that use the set.
 */
import { readFileSync } from 'node:fs';

export const NAME_KINDS = ['given', 'family'] as const;
export type NameKind = (typeof NAME_KINDS)[number];

export const NAME_CLASSES = [
  'common',
  'short-skeleton',
  'vowel-start',
  'compound',
  'article',
  'digraph-clash',
  'regional',
  'abbreviation',
  'persian-letters',
  'somali',
  'tigrinya',
  'kurdish',
] as const;
export type NameClass = (typeof NAME_CLASSES)[number];

/** ISO 3166-1 alpha-2 codes of the places the set covers (Kurdish areas: IQ, SY, TR, IR). */
export const NAME_REGIONS = ['SY', 'IQ', 'YE', 'SD', 'PS', 'EG', 'LY', 'MA', 'DZ', 'TN', 'AF', 'SO', 'ER', 'ET', 'TR', 'IR'] as const;
export type NameRegion = (typeof NAME_REGIONS)[number];

export const NAME_VARIANTS_HEADER = ['id', 'kind', 'arabic', 'latin', 'regions', 'classes'] as const;

/**
 * Arabic-script letters that are not in the basic Arabic alphabet: Persian (پ چ ژ گ and the
 * Persian forms ک ی), Pashto (ټ ډ ړ ږ ښ ګ ځ څ ڼ ې ۍ) and Kurdish Sorani (ڤ ڕ ڵ ێ ۆ ە).
 * A row has the class persian-letters exactly when its Arabic column uses one of them.
 */
export const EXTENDED_ARABIC_LETTERS: ReadonlySet<string> = new Set([...'پچژگکیټډړږښګځڅڼېۍڤڕڵێۆە']);

export interface NameVariant {
  /** g001… for given names, f001… for family names. */
  readonly id: string;
  readonly kind: NameKind;
  /** Arabic-script forms as typed; empty for names written only in Latin on documents. */
  readonly arabic: readonly string[];
  /** Latin spellings found on documents; the first is the usual English transcription. */
  readonly latin: readonly string[];
  readonly regions: readonly NameRegion[];
  readonly classes: readonly NameClass[];
  /** 1-based line in the TSV file, for messages. */
  readonly line: number;
}

export class NameVariantsError extends Error {
  constructor(
    readonly source: string,
    readonly lineNumber: number,
    problem: string,
  ) {
    super(`${source}:${lineNumber}: ${problem}`);
    this.name = 'NameVariantsError';
  }
}

export const NAME_VARIANTS_PATH = new URL('./name-variants.tsv', import.meta.url);

const ZWNJ = '\u200C';
const ARABIC_SCRIPT = /^\p{Script=Arabic}$/u;
const LATIN_SCRIPT = /^\p{Script=Latin}$/u;
const LETTER = /^\p{L}$/u;
const ID_PATTERN = /^[gf]\d{3}$/;

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Splits a |-separated column; rejects empty items, outer spaces, doubled spaces and repeats. */
function splitList(cell: string, column: string, fail: (problem: string) => never): string[] {
  if (cell === '') return [];
  const items = cell.split('|');
  const seen = new Set<string>();
  for (const item of items) {
    if (item === '') fail(`${column}: empty item in "${cell}"`);
    if (item !== item.trim()) fail(`${column}: spaces around "${item}"`);
    if (item.includes('  ')) fail(`${column}: doubled space in "${item}"`);
    if (seen.has(item)) fail(`${column}: "${item}" is listed twice`);
    seen.add(item);
  }
  return items;
}

function checkArabicForm(form: string, fail: (problem: string) => never): void {
  const chars = [...form];
  chars.forEach((ch, i) => {
    if (ch === ' ') return;
    if (ch === ZWNJ) {
      const before = chars[i - 1];
      const after = chars[i + 1];
      if (before === undefined || after === undefined || before === ' ' || after === ' ' || after === ZWNJ) {
        fail(`arabic: zero-width non-joiner out of place in "${form}"`);
      }
      return;
    }
    if (!ARABIC_SCRIPT.test(ch) || !LETTER.test(ch)) {
      fail(`arabic: "${form}" has U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}, not an Arabic-script letter, space or ZWNJ`);
    }
  });
}

function checkLatinForm(form: string, fail: (problem: string) => never): void {
  if (form.normalize('NFC') !== form) fail(`latin: "${form}" is not in Unicode NFC`);
  const chars = [...form];
  chars.forEach((ch, i) => {
    if (ch === ' ' || ch === '-' || ch === "'") {
      if (ch !== "'" && (i === 0 || i === chars.length - 1)) fail(`latin: "${form}" starts or ends with "${ch}"`);
      const next = chars[i + 1];
      if (next === ' ' || next === '-') fail(`latin: "${form}" has two separators in a row`);
      return;
    }
    if (!LATIN_SCRIPT.test(ch) || !LETTER.test(ch)) {
      fail(`latin: "${form}" has U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}, not a Latin letter, space, hyphen or apostrophe`);
    }
  });
  if (!chars.some((ch) => LETTER.test(ch))) fail(`latin: "${form}" has no letter`);
}

/** Parses the TSV text; throws NameVariantsError naming the line of the first problem. */
export function parseNameVariants(text: string, source = 'name-variants.tsv'): NameVariant[] {
  if (text.startsWith('\uFEFF')) throw new NameVariantsError(source, 1, 'starts with a byte-order mark');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  else throw new NameVariantsError(source, lines.length, 'the file must end with a line feed');

  const rows: NameVariant[] = [];
  const ids = new Set<string>();
  let headerSeen = false;

  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const fail: (problem: string) => never = (problem) => {
      throw new NameVariantsError(source, lineNumber, problem);
    };
    if (raw.includes('\r')) fail('carriage return: line ends must be LF only');
    if (raw.startsWith('#')) {
      if (headerSeen) fail('comment after the header: comments belong in the block at the top');
      return;
    }
    if (raw.trim() === '') fail('empty line');

    const cells = raw.split('\t');
    if (cells.length !== NAME_VARIANTS_HEADER.length) fail(`expected ${NAME_VARIANTS_HEADER.length} tab-separated columns, found ${cells.length}`);

    if (!headerSeen) {
      if (cells.join('\t') !== NAME_VARIANTS_HEADER.join('\t')) fail(`header must be "${NAME_VARIANTS_HEADER.join('<TAB>')}"`);
      headerSeen = true;
      return;
    }

    const [id = '', kind = '', arabicCell = '', latinCell = '', regionsCell = '', classesCell = ''] = cells;

    if (!ID_PATTERN.test(id)) fail(`id "${id}" is not g001… or f001…`);
    if (ids.has(id)) fail(`id "${id}" is used twice`);
    ids.add(id);

    if (!isOneOf(NAME_KINDS, kind)) fail(`kind "${kind}" is not one of ${NAME_KINDS.join(', ')}`);
    if ((kind === 'given') !== id.startsWith('g')) fail(`id "${id}" does not match kind "${kind}"`);

    const arabic = splitList(arabicCell, 'arabic', fail);
    for (const form of arabic) checkArabicForm(form, fail);

    const latin = splitList(latinCell, 'latin', fail);
    if (latin.length === 0) fail('latin: at least one spelling is required');
    for (const form of latin) checkLatinForm(form, fail);

    const regionList = splitList(regionsCell, 'regions', fail);
    if (regionList.length === 0) fail('regions: at least one region is required');
    const regions = regionList.map((region) => (isOneOf(NAME_REGIONS, region) ? region : fail(`regions: unknown code "${region}"`)));

    const classList = splitList(classesCell, 'classes', fail);
    if (classList.length === 0) fail('classes: at least one class is required');
    const classes = classList.map((cls) => (isOneOf(NAME_CLASSES, cls) ? cls : fail(`classes: unknown class "${cls}"`)));

    rows.push({ id, kind, arabic, latin, regions, classes, line: lineNumber });
  });

  if (!headerSeen) throw new NameVariantsError(source, lines.length, 'no header row');
  return rows;
}

/** Reads and parses tests/data/name-variants.tsv (or another file in the same format). */
export function loadNameVariants(path: URL | string = NAME_VARIANTS_PATH): NameVariant[] {
  const source = typeof path === 'string' ? path : decodeURIComponent(path.pathname);
  return parseNameVariants(readFileSync(path, 'utf8'), source);
}
