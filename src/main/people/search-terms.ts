import { digits, fold } from '../../shared/text/normalise';
import { nameWordKeys, withoutArticle } from '../../shared/text/name-keys';
import type { PersonFields } from '../../shared/catalogue';
import type { Tier } from '../../shared/catalogue';

/**
 * The terms a person is found by, each tagged with the tier of the field it comes from, so a
 * search only ever matches on what the searcher may read (and, in a restricted view, on tier 0).
 * Prefixes keep the kinds apart in one index: f: folded name word (with and without its article),
 * s: phonetic key (docs/search.md), r: registration number, n: its sequence number, p: phone digits.
 */
export interface SearchTerm {
  term: string;
  tier: Tier;
}

const PHONE_TAIL = 9;

/** Raise when the terms a person is indexed by change: the index is rebuilt at the next unlock. */
export const SEARCH_TERMS_VERSION = 2;

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

export function termsFor(registrationNumber: string, fields: PersonFields): SearchTerm[] {
  const terms = [...registrationTerms(registrationNumber)];
  if (fields.chosenName) terms.push(...nameTerms(fields.chosenName, 0));
  for (const document of fields.documents ?? []) {
    if (document.nameOnDocument) terms.push(...nameTerms(document.nameOnDocument, 1));
  }
  if (fields.phone) terms.push(...phoneTerms(fields.phone));
  const unique = new Map<string, SearchTerm>();
  for (const term of terms) {
    const key = `${term.term}\u0000${term.tier}`;
    if (!unique.has(key)) unique.set(key, term);
  }
  return [...unique.values()];
}

/** Up to this many letters a typed word may be a word still being typed, in another script too. */
const SHORT_WORD = 5;

/** What one typed word may match: a range of terms (or exactly one term) and its weight. */
export interface QueryRange {
  prefix: string;
  weight: number;
  exact?: boolean;
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
export function queryRanges(word: string, options: { afterAnotherWord?: boolean } = {}): QueryRange[] {
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
  // key may be a start: the first word already narrows the people it can match.
  const main = keys[0];
  if (main !== undefined && word.length <= SHORT_WORD && (main.length > 1 || options.afterAnotherWord)) ranges.push({ prefix: `s:${main}`, weight: 1 });
  const numeric = word.replace(/\D/g, '');
  if (numeric.length > 0 && numeric.length === word.length) {
    const sequence = numeric.replace(/^0+/, '');
    if (sequence) ranges.push({ prefix: `n:${sequence}`, weight: 4 });
    if (numeric.length >= 4) ranges.push({ prefix: `p:${numeric}`, weight: 2 }, { prefix: `p:${numeric.slice(-PHONE_TAIL)}`, weight: 2 });
  }
  return ranges;
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
