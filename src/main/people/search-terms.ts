import { digits, fold, skeletons, words } from '../../shared/text/normalise';
import type { PersonFields } from '../../shared/catalogue';
import type { Tier } from '../../shared/catalogue';

/**
 * The terms a person is found by, each tagged with the tier of the field it comes from, so a
 * search only ever matches on what the searcher may read (and, in a restricted view, on tier 0).
 * Prefixes keep the kinds apart in one index: f: folded word, s: consonant skeleton,
 * r: registration number, n: its sequence number, p: phone digits.
 */
export interface SearchTerm {
  term: string;
  tier: Tier;
}

const PHONE_TAIL = 9;

function nameTerms(name: string, tier: Tier): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const word of words(name)) {
    terms.push({ term: `f:${word}`, tier });
    for (const key of skeletons(word)) terms.push({ term: `s:${key}`, tier });
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

export function phoneTerms(phone: string): SearchTerm[] {
  const all = digits(phone);
  if (all.length < 3) return [];
  const tail = all.slice(-PHONE_TAIL);
  return [...new Set([all, tail])].map((term) => ({ term: `p:${term}`, tier: 1 as Tier }));
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

/** What one typed word may match, strongest first. */
export interface QueryRange {
  prefix: string;
  weight: number;
}

export function queryRanges(word: string): QueryRange[] {
  const ranges: QueryRange[] = [{ prefix: `f:${word}`, weight: 3 }];
  // A one-letter skeleton matches half the site; it only helps from two consonants on.
  for (const key of skeletons(word)) if (key.length > 1) ranges.push({ prefix: `s:${key}`, weight: 1 });
  const numeric = word.replace(/\D/g, '');
  if (numeric.length > 0 && numeric.length === word.length) {
    const sequence = numeric.replace(/^0+/, '');
    if (sequence) ranges.push({ prefix: `n:${sequence}`, weight: 4 });
    if (numeric.length >= 4) ranges.push({ prefix: `p:${numeric}`, weight: 2 }, { prefix: `p:${numeric.slice(-PHONE_TAIL)}`, weight: 2 });
  }
  return ranges;
}

/** A whole query read as a registration number, e.g. "ABC-000123" or "abc 123". */
export function registrationQueryRange(query: string): QueryRange | undefined {
  const compact = fold(query).replace(/[^\p{L}\p{N}]/gu, '');
  return compact.length >= 2 && /\d/.test(compact) ? { prefix: `r:${compact}`, weight: 5 } : undefined;
}
