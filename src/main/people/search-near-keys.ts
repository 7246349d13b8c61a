import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { keyOfNearTerm, nearTermsOf, rangeEnd, typoRanges, type QueryRange, type SearchTerm } from './search-terms';

/**
 * The near spellings of the phonetic keys on record (d:place:rest:letter, nearTermsOf), kept once
 * each in search_near_keys rather than once a person beside the search terms: about 18 rows a
 * person fewer (more than a third of the index), and a registration writes only the spellings of a
 * key not seen before. Derived like the search terms, never exchanged, inside the encrypted
 * database. A key no one has any more leaves its spellings here: they stand for a key that finds
 * nobody.
 */
export function recordNearKeys(db: Db, terms: readonly SearchTerm[]): void {
  const insert = prepared(db, 'INSERT OR IGNORE INTO search_near_keys (term) VALUES (?)');
  for (const term of nearTermsOf(terms)) insert.run(term);
}

/** Empties the near spellings, for a rebuild of the search terms (search-index.ts). */
export function clearNearKeys(db: Db): void {
  db.exec('DELETE FROM search_near_keys');
}

/**
 * What a typed word matches through one typing error (typoRanges), as the phonetic keys on record
 * its near spellings stand for: each a whole key (s:), at the weight of a typing error. The same
 * people as reading each person's near spellings: a person has the spelling exactly when they have
 * the key it was made from.
 */
export function nearRanges(db: Db, word: string): QueryRange[] {
  const listed = prepared<[string, string], string>(db, 'SELECT term FROM search_near_keys WHERE term >= ? AND term < ?').pluck(true);
  const ranges = new Map<string, QueryRange>();
  for (const range of typoRanges(word)) {
    if (!range.prefix.startsWith('d:')) {
      ranges.set(range.prefix, range);
      continue;
    }
    for (const term of listed.all(range.prefix, rangeEnd(range))) {
      const key = keyOfNearTerm(term);
      if (key !== undefined) ranges.set(`s:${key}`, { prefix: `s:${key}`, weight: range.weight, exact: true });
    }
  }
  return [...ranges.values()];
}
