import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { pairKeysOfTerm, pairTerm } from './search-terms';

/** At most this many pair terms are looked up for one query (a key each of two words, combined). */
const MAX_PAIR_LOOKUPS = 256;
/**
 * Up to this many rows of pair terms, the people they name are the candidates; more, and the
 * windows are faster: at 1,000,000 seeded people a candidate costs about 20 µs to check, and a
 * common combination with few people at the strongest score (given name and the start of a common
 * family name) read through 8,000 rows took up to 270 ms where the windows took 30.
 */
export const MAX_PAIR_ROWS = 1500;
/**
 * For a typing error beside another word, more: the windows are no way there (near matches read
 * the words' lists whole), and 8,000 rows took one-error p95 at 1,000,000 from 88 to 26 ms.
 */
export const MAX_NEAR_PAIR_ROWS = 8000;

/**
 * After the first window of the newest people failed to answer: up to this many rows (or, where a
 * test lowered the first bound, as many times it). A combination rare among the newest people
 * makes the windows read the words' lists far back; 1,600 pair rows of "Chaima Abo" cost 30–100 ms
 * to check where the windows read the whole register in 350–600 ms.
 */
export function widerPairRows(pairRows: number | undefined): number {
  return pairRows === undefined ? MAX_NEAR_PAIR_ROWS : Math.ceil((pairRows * MAX_NEAR_PAIR_ROWS) / MAX_PAIR_ROWS);
}

/** The pair terms to look up for the typed words, and the highest tier read; undefined when they cannot say (pairCandidates). */
function pairLookups(words: readonly (readonly string[] | undefined)[], readable: string): { pairs: string[]; highest: number } | undefined {
  const tiers = readable.split(',').map(Number);
  if (tiers.some((tier, i) => tier !== i)) return undefined;
  const keys: Set<string>[] = [];
  for (const terms of words) {
    if (terms === undefined) return undefined;
    const word = new Set<string>();
    for (const term of terms) {
      const paired = pairKeysOfTerm(term);
      if (paired === undefined) return undefined;
      for (const key of paired) word.add(key);
    }
    keys.push(word);
  }
  let best: [Set<string>, Set<string>] | undefined;
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const [a, b] = [keys[i] as Set<string>, keys[j] as Set<string>];
      // A person whose one name word has a key both words share has no pair term for it.
      if ([...a].some((key) => b.has(key))) continue;
      if (a.size * b.size <= MAX_PAIR_LOOKUPS && (!best || a.size * b.size < best[0].size * best[1].size)) best = [a, b];
    }
  }
  if (!best) return undefined;
  const [first, second] = best;
  return { pairs: [...first].flatMap((a) => [...second].map((b) => pairTerm(a, b))), highest: Math.max(...tiers) };
}

/**
 * The people who may have two of the typed words, read from the pair terms (q:a|b, search-terms.ts)
 * rather than from the two words' lists: "Jamila Ennajjar" among a million people is two lists of
 * 35,000 and 90,000 rows, and no one with both.
 *
 * A superset, never fewer: whoever matches a typed word through a listed name term (f: or s:) has
 * every pairing key that term stands for (pairKeysOfTerm), and a person has a pair term for every
 * two different keys of their names. Undefined when that cannot be said (a word read in part, a
 * number, two words that share a key, tiers that are not "up to" one), when the words' keys make too
 * many pairs to look up, or when the pairs name many people: the windows then answer, and a common
 * combination is answered from the newest people.
 *
 * `words`: for each typed word, its listed terms (none read in part). `readable`: the tiers read,
 * as in the SQL ("0, 1"); `maxRows`: the bound on the pair rows read (tests lower it). Returns the
 * candidates' ids as a JSON array, for the statement that ranks them.
 */
export function pairCandidates(db: Db, words: readonly (readonly string[] | undefined)[], readable: string, maxRows = MAX_PAIR_ROWS): string | undefined {
  const lookups = pairLookups(words, readable);
  if (!lookups) return undefined;
  const rows = pairRows(db, lookups, maxRows + 1);
  if (rows.length > maxRows) return undefined;
  return JSON.stringify([...new Set(rows)]);
}

/** Whether the pair terms can name the candidates for these words, in at most `maxRows` rows. */
export function pairsNameFew(db: Db, words: readonly (readonly string[] | undefined)[], readable: string, maxRows = MAX_PAIR_ROWS): boolean {
  const lookups = pairLookups(words, readable);
  return lookups !== undefined && pairRows(db, lookups, maxRows + 1).length <= maxRows;
}

function pairRows(db: Db, { pairs, highest }: { pairs: string[]; highest: number }, upTo: number): number[] {
  return prepared<[string, number, number], number>(
    db,
    'SELECT st.person_id FROM json_each(?) AS t CROSS JOIN search_terms AS st ON st.term = t.value AND st.tier <= ? LIMIT ?',
  )
    .pluck(true)
    .all(JSON.stringify(pairs), highest, upTo);
}

/**
 * The same candidates, however many, newest first, a chunk at a time: each pair term is read from
 * its newest rows down (its rows are in id order in the index), and a chunk holds every candidate
 * down to where each term has been read. For the people who have every word at its strongest
 * (search-matches.ts, strongestEverywhere), who are ranked newest first: reading stops once enough
 * of them are found, however many people the pairs name. Undefined when the pairs cannot say.
 */
export function newestPairCandidates(db: Db, words: readonly (readonly string[] | undefined)[], readable: string, chunk: number): Iterable<number[]> | undefined {
  const lookups = pairLookups(words, readable);
  if (!lookups) return undefined;
  const { pairs, highest } = lookups;
  const read = prepared<[string, number, number, number], number>(
    db,
    'SELECT person_id FROM search_terms WHERE term = ? AND tier <= ? AND person_id < ? ORDER BY person_id DESC LIMIT ?',
  ).pluck(true);
  return {
    *[Symbol.iterator]() {
      const cursors = pairs.map((term) => ({ term, below: Number.MAX_SAFE_INTEGER, done: false, held: [] as number[] }));
      const given = new Set<number>();
      for (;;) {
        for (const cursor of cursors) {
          if (cursor.done || cursor.held.length > 0) continue;
          const ids = read.all(cursor.term, highest, cursor.below, chunk);
          cursor.held = ids;
          cursor.done = ids.length < chunk;
          cursor.below = ids[ids.length - 1] ?? cursor.below;
        }
        // Every candidate from this id up has been read from every term still being read.
        const complete = Math.max(0, ...cursors.filter((cursor) => !cursor.done).map((cursor) => cursor.below));
        const next: number[] = [];
        for (const cursor of cursors) {
          const kept = cursor.held.filter((id) => id < complete);
          for (const id of cursor.held) if (id >= complete && !given.has(id)) next.push(id);
          cursor.held = kept;
        }
        for (const id of next) given.add(id);
        if (next.length > 0) yield [...new Set(next)].sort((a, b) => b - a);
        if (cursors.every((cursor) => cursor.done && cursor.held.length === 0)) return;
      }
    },
  };
}
