import { digits, fold, words } from '../../shared/text/normalise';
import { nameKeys, nameWordKeys, nameWords, withoutArticle } from '../../shared/text/name-keys';
import { FIELDS, type PersonFields, type Tier } from '../../shared/catalogue';

/**
 * The terms a person is found by, each tagged with the tier of the field it comes from, so a
 * search only ever matches on what the searcher may read (and, in a restricted view, on tier 0).
 * Prefixes keep the kinds apart in one index: f: folded name word (with and without its article),
 * s: phonetic key (docs/search.md) (its near spellings, d:, are kept once each: nearTermsOf),
 * q: two phonetic keys of the person's names together (search-pairs.ts), r: registration number,
 * n: its sequence number, p: phone digits.
 */
export interface SearchTerm {
  term: string;
  tier: Tier;
}

const PHONE_TAIL = 9;

/** Raise when the terms a person is indexed by change: the index is rebuilt at the next unlock. */
export const SEARCH_TERMS_VERSION = 6;

/** A typed word of at least this many letters tolerates one typing error (issue 10). */
export const TYPO_WORD = 5;
/** Keys of at least this many letters are also indexed with each letter deleted (d:). */
const TYPO_KEY = 3;
/** A key shorter than this is too weak a likeness to match through a typing error, on either side. */
const MATCHED_KEY = 2;

/**
 * The key with one letter deleted, at each place in turn. The mark of a first vowel counts as a
 * letter: a first letter left out or mistyped (Zafer typed "afer", Hashimi "aHshimi") changes it.
 */
function deletions(key: string): { at: number; rest: string; letter: string }[] {
  const letters = [...key];
  return letters.map((letter, at) => ({ at, rest: [...letters.slice(0, at), ...letters.slice(at + 1)].join(''), letter }));
}

/** The term of a key with the letter at `at` deleted: the place, the rest, then the letter deleted. */
function deletionTerm(at: number, rest: string, letter = ''): string {
  return `d:${at}:${rest}:${letter}`;
}

function nameTerms(name: string, tier: Tier): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const { word, keys } of nameWordKeys(name)) {
    terms.push({ term: `f:${word}`, tier });
    const bare = withoutArticle(word);
    if (bare !== word) terms.push({ term: `f:${bare}`, tier });
    for (const key of keys) terms.push({ term: `s:${key}`, tier });
  }
  return terms;
}

/**
 * The near spellings of a record's phonetic keys (s: terms): each key of TYPO_KEY letters or more
 * with the letter at each place deleted, as d:place:rest:letter. Kept once each, not once a person
 * (search-near-keys.ts): a typing error is read as the keys these stand for (keyOfNearTerm), and
 * the people are found by the key.
 */
export function nearTermsOf(terms: readonly SearchTerm[]): string[] {
  const near = new Set<string>();
  for (const { term } of terms) {
    if (!term.startsWith('s:')) continue;
    const key = term.slice(2);
    if ([...key].length < TYPO_KEY) continue;
    for (const { at, rest, letter } of deletions(key)) near.add(deletionTerm(at, rest, letter));
  }
  return [...near];
}

/** The key a near spelling (d:place:rest:letter) was made from: the letter put back at its place. */
export function keyOfNearTerm(term: string): string | undefined {
  const deletion = /^d:(\d+):([^:]*):([^:]+)$/u.exec(term);
  if (!deletion) return undefined;
  const letters = [...(deletion[2] ?? '')];
  const at = Number(deletion[1]);
  return [...letters.slice(0, at), deletion[3] ?? '', ...letters.slice(at)].join('');
}

export function registrationTerms(registrationNumber: string): SearchTerm[] {
  const compact = fold(registrationNumber).replace(/[^\p{L}\p{N}]/gu, '');
  const sequence = digits(registrationNumber).replace(/^0+/, '');
  return [
    { term: `r:${compact}`, tier: 0 },
    ...(sequence ? [{ term: `n:${sequence}`, tier: 0 as Tier }] : []),
  ];
}

/**
 * A phone number by its digits, by its last nine (the number without a country code or trunk 0),
 * and by its last eight and seven (local numbers: 71 234 567 for +961 71 234 567).
 */
export function phoneTerms(phone: string): SearchTerm[] {
  const all = digits(phone);
  if (all.length < 3) return [];
  const tails = [PHONE_TAIL, 8, 7].map((length) => all.slice(-length));
  return [...new Set([all, ...tails])].map((term) => ({ term: `p:${term}`, tier: 1 as Tier }));
}

/** The names a record is found by, field by field, each read at its field's tier (catalogue). */
const NAMES_OF_FIELD: { readonly [Key in keyof PersonFields]?: (value: PersonFields[Key]) => string[] } = {
  chosenName: (name) => (name ? [name] : []),
  documents: (documents) => (documents ?? []).flatMap((document) => (document.nameOnDocument ? [document.nameOnDocument] : [])),
};

/** The other fields a record is found by, and their terms. */
const TERMS_OF_FIELD: { readonly [Key in keyof PersonFields]?: (value: PersonFields[Key]) => SearchTerm[] } = {
  phone: (phone) => (phone ? phoneTerms(phone) : []),
};

/** The fields a record's search terms are made of (besides its registration number). */
export const SEARCHED_FIELDS: ReadonlySet<string> = new Set([...Object.keys(NAMES_OF_FIELD), ...Object.keys(TERMS_OF_FIELD)]);

function namesOfField<Key extends keyof PersonFields>(key: Key, fields: PersonFields): string[] {
  const names = NAMES_OF_FIELD[key] as ((value: PersonFields[Key]) => string[]) | undefined;
  return names ? names(fields[key]) : [];
}

function termsOfField<Key extends keyof PersonFields>(key: Key, fields: PersonFields): SearchTerm[] {
  const extract = TERMS_OF_FIELD[key] as ((value: PersonFields[Key]) => SearchTerm[]) | undefined;
  return extract ? extract(fields[key]) : [];
}

/**
 * The keys a name word is paired by: its own and those of its form without the article, so that
 * whoever has the folded term f:x (of the word or of its bare form) has every key of x
 * (pairKeysOfTerm, on the query side, relies on it).
 */
function pairKeysOfWord(word: string): string[] {
  return [...new Set([...nameKeys(word), ...nameKeys(withoutArticle(word))])];
}

/** The pairing keys a listed name term stands for: its key (s:) or every key of its word (f:). */
export function pairKeysOfTerm(term: string): string[] | undefined {
  if (term.startsWith('s:')) return [term.slice(2)];
  if (term.startsWith('f:')) return nameKeys(term.slice(2));
  return undefined;
}

/** The term that says a person has both keys, on names of the tiers given: q:a|b, for a ≠ b. */
export function pairTerm(a: string, b: string): string {
  return `q:${a}|${b}`;
}

/**
 * Every ordered pair of two different keys among all of a person's names (search-pairs.ts): a
 * query of two common words whose combination is rare reads the people who have both, not both
 * lists. A pair is read at the higher of its two keys' tiers, each key at the lowest tier it is on.
 */
function pairTerms(names: readonly { name: string; tier: Tier }[]): SearchTerm[] {
  const tierOfKey = new Map<string, Tier>();
  for (const { name, tier } of names) {
    for (const word of nameWords(fold(name))) {
      for (const key of pairKeysOfWord(word)) tierOfKey.set(key, Math.min(tier, tierOfKey.get(key) ?? tier) as Tier);
    }
  }
  const terms: SearchTerm[] = [];
  for (const [a, tierA] of tierOfKey) {
    for (const [b, tierB] of tierOfKey) if (a !== b) terms.push({ term: pairTerm(a, b), tier: Math.max(tierA, tierB) as Tier });
  }
  return terms;
}

export function termsFor(registrationNumber: string, fields: PersonFields): SearchTerm[] {
  const terms = [...registrationTerms(registrationNumber)];
  const names: { name: string; tier: Tier }[] = [];
  for (const key of Object.keys(NAMES_OF_FIELD) as (keyof PersonFields)[]) {
    for (const name of namesOfField(key, fields)) names.push({ name, tier: FIELDS[key].tier });
  }
  for (const { name, tier } of names) terms.push(...nameTerms(name, tier));
  terms.push(...pairTerms(names));
  for (const key of Object.keys(TERMS_OF_FIELD) as (keyof PersonFields)[]) terms.push(...termsOfField(key, fields));
  const unique = new Map<string, SearchTerm>();
  for (const term of terms) {
    const key = `${term.term}\u0000${term.tier}`;
    if (!unique.has(key)) unique.set(key, term);
  }
  return [...unique.values()];
}

/** Up to this many letters a typed word may be a word still being typed, in another script too. */
const SHORT_WORD = 5;

/** A word of at most this many letters, typed after another, is taken for the start of a name. */
const START_OF_NAME = 3;

/**
 * The weight of the start of a key typed as the start of a name: as the start of the folded word
 * (3) when it holds two consonants or more (Hom: hm, Osm: asm, Al-K: alk); less (1) when it holds
 * one (Kha: k, Ali: al, Isa: as): the start of half the names on record, and of every al- name.
 */
function startWeight(key: string): number {
  return key.replace(/^a/u, '').length >= 2 ? 3 : 1;
}

/**
 * The keys whose start a word still being typed may be: every key of the word (Heg is the start
 * of Hegazi as of Hijazi, ئام of Amedi), read as typed so far: a last c, d or p may be the start of
 * ch, dj or ph (El C… for El Chami, Had… for Hadj). A word that is only an article and a letter
 * or two ("Al-K", "الخ", "Ash") may be the start of a name written without its article (Khayyat,
 * خياط, Shammari): the keys of what follows the article too.
 */
function startKeys(word: string, articleApart: boolean): string[] {
  const typed = new Set([word]);
  if (/[cdp]$/u.test(word)) typed.add(word.endsWith('d') ? `${word}j` : `${word}h`);
  const rest = (/^(?:al|el|ال)(.+)$/u.exec(word) ?? /^[aeu](sh|[rstdzn])$/u.exec(word))?.[1];
  // Ali and Ala are names: a vowel after a Latin "al" is the article's only when written apart (Al-O…).
  if (rest !== undefined && (articleApart || /[\u0600-\u06FF]/u.test(word) || !/^[aeiou]/u.test(rest))) {
    typed.add(rest);
    if (/^[cdp]$/u.test(rest)) typed.add(rest === 'd' ? 'dj' : `${rest}h`);
  }
  const keys = new Set<string>();
  for (const form of typed) {
    // A final h is dropped from a whole word's key (Fatimah); in the start of a name it is a
    // letter ("Al H", "Moh"): keyed without it, "alh" would be the start of every al- name.
    const finalH = [...form].length <= START_OF_NAME && /(?:^|[^csktdgpz])h$/u.test(form);
    if (finalH) for (const key of nameWordKeys(form.slice(0, -1))[0]?.keys ?? ['']) keys.add(`${key}h`);
    else for (const key of nameWordKeys(form)[0]?.keys ?? []) keys.add(key);
  }
  // A key that starts with another of the same weight (startWeight) adds nobody.
  const all = [...keys].filter((key) => key.length > 0);
  return all.filter((key) => !all.some((other) => other !== key && key.startsWith(other) && startWeight(other) === startWeight(key)));
}

/** What one typed word may match: a range of terms (or exactly one term) and its weight. */
export interface QueryRange {
  prefix: string;
  weight: number;
  exact?: boolean;
  /** The terms from `prefix` up to this one (excluded), all of them: a range of a known few terms. */
  until?: string;
}

/** Where a range of terms ends (excluded): after its one term, after every term it starts, or `until`. */
export function rangeEnd(range: QueryRange): string {
  return range.until ?? (range.exact ? `${range.prefix}\u0001` : `${range.prefix}\u{10FFFF}`);
}

/** Whether the query ends in an article written apart from the word after it ("Aso Al-O", "Issa El H"). */
export function endsInArticleApart(query: string): boolean {
  const tokens = words(query.replace(/(\p{L})['’`ʼ]+(?=\p{L})/gu, '$1'));
  return tokens.length >= 3 && ['al', 'el'].includes(tokens[tokens.length - 2] ?? '');
}

/**
 * The words of a query, as names are indexed (articles and compounds joined), so "Al Khatib",
 * "Abd al-Rahman" and "عبد الله" are matched as the one word they are.
 */
export function queryWords(query: string): string[] {
  return nameWordKeys(query).map(({ word }) => word);
}

/**
 * A typed word matches the start of a name word in its own script (weight 3), a name word whose
 * phonetic key is the same (weight 3: Mohammed and محمد rank alike), or the start of a key
 * (weight 1, while the word is still being typed). A one-letter key (Layla, ليلى) only matches
 * whole, once three letters are typed (two in Arabic script), unless another word comes first:
 * alone, as a prefix, it would match half the site.
 */
export function queryRanges(
  word: string,
  options: { afterAnotherWord?: boolean; beforeAnotherWord?: boolean; articleApart?: boolean; nameOnRecord?: boolean } = {},
): QueryRange[] {
  const ranges: QueryRange[] = [];
  for (const folded of new Set([word, withoutArticle(word)])) {
    ranges.push({ prefix: `f:${folded}`, weight: 3, exact: true }, { prefix: `f:${folded}`, weight: 3 });
  }
  const keys = nameWordKeys(word)[0]?.keys ?? [];
  for (const key of keys) {
    // Arabic short names are two letters (مي, علي): whole from two letters on in Arabic script.
    if (key.length > 1 || word.length >= (/[\u0600-\u06FF]/u.test(word) ? 2 : 3)) ranges.push({ prefix: `s:${key}`, weight: 3, exact: true });
  }
  // A word still being typed may be the start of a key: its main key only, and only while short
  // (a whole word is matched by its keys). After another word ("Sharif Sha"), even a one-letter
  // key may be a start: the first word already narrows the people it can match. A word with
  // another after it is typed whole ("Ali Soli"): the start of its key ("al", every al- name)
  // would only add people who do not have it.
  const main = keys[0];
  if (!options.beforeAnotherWord && options.afterAnotherWord && !options.nameOnRecord && [...word].length <= START_OF_NAME) {
    // The start of a family name after the given name ("Sara Kha", "سارة الخ", "Hasan Hom"): the
    // start of a key of two consonants or more ranks as the start of the folded word (weight 3),
    // so that a name in the other script or in another spelling ranks with the one typed. A
    // key of one consonant ("Kha": k, "Isa": as) says too little to rank so high. A word that is
    // a name on record as typed (Ali, Amr, Jaf) is taken whole: Amrani does not rank with Amr.
    for (const key of startKeys(word, options.articleApart === true)) ranges.push({ prefix: `s:${key}`, weight: startWeight(key) });
  } else if (main !== undefined && !options.beforeAnotherWord && word.length <= SHORT_WORD && (main.length > 1 || options.afterAnotherWord)) {
    ranges.push({ prefix: `s:${main}`, weight: 1 });
  }
  const numeric = word.replace(/\D/g, '');
  if (numeric.length > 0 && numeric.length === word.length) {
    const sequence = numeric.replace(/^0+/, '');
    if (sequence) ranges.push({ prefix: `n:${sequence}`, weight: 4 });
    if (numeric.length >= 4) ranges.push({ prefix: `p:${numeric}`, weight: 2 }, { prefix: `p:${numeric.slice(-PHONE_TAIL)}`, weight: 2 });
  }
  return ranges;
}

/** A match through one typing error weighs less than any other match of a whole word. */
const TYPO_WEIGHT = 1;

/**
 * What a whole typed word of TYPO_WORD letters or more may match through one typing error, by
 * its phonetic key (the SymSpell idea: deletions on both sides, all looked up in the index, no
 * scan). A name key is indexed with the letter at each place i deleted, as d:i:rest:letter, so
 * the typed key q meets a name key
 *   - with one letter more (a letter left out):      d:i:q:*, for every place i
 *   - with one letter less (a letter too many):      s: of q with one letter deleted
 *   - with another letter at place i:                d:i:rest:*, but not the letter typed there
 *   - with the letters at places i and i+1 swapped:  d:(i+1):rest:q[i], rest being q without place i
 * and never the people whose key is q itself, found already. Keys, not spellings, so "Khaleb"
 * finds خالد as well as Khalid. A word of four letters may only be a longer name with a letter
 * left out; a shorter one nothing: a one-letter change in a short name makes another (Rami, Rafi).
 */
export function typoRanges(word: string): QueryRange[] {
  const letters = [...word].length;
  if (letters < TYPO_WORD - 1 || /\p{N}/u.test(word)) return [];
  const keys = nameWordKeys(word)[0]?.keys ?? [];
  const whole = new Set(keys.map((key) => `s:${key}`));
  const ranges = new Map<string, QueryRange>();
  const add = (prefix: string, until?: string) => ranges.set(`${prefix}\u0000${until ?? ''}`, { prefix, weight: TYPO_WEIGHT, exact: until === undefined, until });
  const anyLetterBut = (at: number, rest: string, letter: string) => {
    add(deletionTerm(at, rest), deletionTerm(at, rest, letter));
    add(deletionTerm(at, rest, `${letter}\u0001`), deletionTerm(at, rest, '\u{10FFFF}'));
  };
  for (const key of keys) {
    const length = [...key].length;
    if (length < MATCHED_KEY) continue;
    for (let at = 0; at <= length; at++) add(deletionTerm(at, key), deletionTerm(at, key, '\u{10FFFF}'));
    if (letters < TYPO_WORD) {
      // Four letters: only a name of five or more with a letter left out. Left out first, a
      // consonant leaves a word that starts on a vowel (Zafer typed "afer": zfr, afr).
      const rest = key.slice(1);
      if (key.startsWith('a') && [...rest].length >= MATCHED_KEY) anyLetterBut(0, rest, 'a');
      continue;
    }
    if (length < TYPO_KEY) continue;
    for (const { at, rest, letter } of deletions(key)) {
      const folded = rest.replace(/(.)\1+/gu, '$1');
      if ([...folded].length >= MATCHED_KEY && !whole.has(`s:${folded}`)) add(`s:${folded}`);
      anyLetterBut(at, rest, letter);
      if (at + 1 < length) add(deletionTerm(at + 1, rest, letter));
    }
  }
  // A place and rest read whole for one key need no part of them read for another.
  const isWhole = ({ prefix, until }: QueryRange) => until === `${prefix}\u{10FFFF}`;
  const readWhole = new Set([...ranges.values()].filter(isWhole).map(({ prefix }) => prefix));
  return [...ranges.values()].filter((range) => isWhole(range) || !readWhole.has(/^d:\d+:[^:]*:/u.exec(range.prefix)?.[0] ?? ''));
}

/**
 * Latin compound heads long enough that a typing error in one can be told, with the short head
 * that stands for them. Not Abou: Aboud and Abud are names of their own.
 */
const LONG_HEADS: readonly (readonly [string, string])[] = [
  ['abdul', 'abd'], ['abdel', 'abd'], ['abdal', 'abd'], ['abdol', 'abd'], ['abdou', 'abd'],
];

const ARTICLES = ['al', 'el'];
/** Compound tails written apart ("Sami Ullah", "صلاح الدين"), mended when mistyped. */
const TAILS = ['allah', 'ullah', 'ellah', 'aldin', 'uddin', 'eddin', 'eddine', 'addin', 'الدين', 'الله'];

/** Whether one substitution, insertion, deletion or swap of neighbours turns `a` into `b`. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const restA = a.slice(start, a.length - end);
  const restB = b.slice(start, b.length - end);
  if (restA.length + restB.length <= 2 && Math.max(restA.length, restB.length) === 1) return true;
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0];
}

/**
 * The query's words with a typing error in a compound head or tail or an article mended ("Abdlu
 * Latif", "Adbelmadjid", "Sami Ullh", "Ak-Zahabi" → abdlatif, abdmadjid, samiullah, alzahabi):
 * mistyped, they are not recognised, so the name falls apart into words that no one has.
 * Undefined when there is nothing to mend.
 */
export function mendedQueryWords(query: string): string[] | undefined {
  const tokens = words(query.replace(/(\p{L})['’`ʼ]+(?=\p{L})/gu, '$1'));
  let mended = false;
  const fixed = tokens.map((token, i) => {
    // A tail written apart, after another word ("Sami Ullh", "صلاح الدي").
    const tail = TAILS.find((known) => oneEditApart(token, known));
    if (i > 0 && tail && [...token].length >= 4 && !TAILS.includes(token)) {
      mended = true;
      return tail;
    }
    if (!/^[a-z]+$/.test(token) || LONG_HEADS.some(([head]) => head === token)) return token;
    // An article written apart, mistyped ("Ak-Zahabi", "lA-Abdallah").
    if (token.length === 2 && i + 1 < tokens.length && !ARTICLES.includes(token) && ARTICLES.some((article) => oneEditApart(token, article))) {
      mended = true;
      return 'al';
    }
    // A head written apart, before another word.
    const apart = LONG_HEADS.find(([head]) => token.length >= 4 && oneEditApart(token, head));
    if (apart && i + 1 < tokens.length) {
      mended = true;
      return apart[1];
    }
    // A head written joined to the rest of the name, at least three letters of it.
    if (/^(?:abd|abu|abou|bou)/.test(token)) return token;
    for (const [head, short] of LONG_HEADS) {
      for (const length of [head.length - 1, head.length, head.length + 1]) {
        if (token.length - length >= 3 && oneEditApart(token.slice(0, length), head)) {
          mended = true;
          return short + token.slice(length);
        }
      }
    }
    return token;
  });
  return mended ? nameWords(fixed.join(' ')) : undefined;
}

/**
 * The whole query read as one thing: a registration number ("ABC-000123", "abc 123") or, when it
 * is only digits and separators, a phone number however it is grouped ("71 234 567", "+961 71…").
 */
export function wholeQueryRanges(query: string): QueryRange[] {
  const ranges: QueryRange[] = [];
  const compact = fold(query).replace(/[^\p{L}\p{N}]/gu, '');
  if (compact.length >= 2 && /\d/.test(compact)) ranges.push({ prefix: `r:${compact}`, weight: 5 });
  const phone = digits(query);
  if (/^[\d\s+\-().]+$/.test(fold(query).trim()) && phone.length >= 6) ranges.push({ prefix: `p:${phone.slice(-PHONE_TAIL)}`, weight: 5 });
  return ranges;
}
