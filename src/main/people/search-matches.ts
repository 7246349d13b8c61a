import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { endsInArticleApart, queryRanges, rangeEnd, wholeQueryRanges, type QueryRange } from './search-terms';

/**
 * Ranges whose terms are one per person (registration numbers, sequence numbers, phones): their
 * starts name too many terms to list, and numbers grow with registration order, so they are read
 * from the highest down, up to this many rows.
 */
const NUMBER_CANDIDATES = 2000;
/** A name range is read term by term (each from the newest people down) up to this many terms. */
const LISTED_TERMS = 3000;
/** Rows of a word among the newest people counted to choose the word to read: more is "many". */
const COUNTED_ROWS = 5000;
/**
 * A word is read with the others while its list is at most this many times the shortest (a check
 * for one candidate costs about as much as reading a few rows); longer, or past COUNTED_ROWS, it is checked.
 */
const READ_RATHER_THAN_CHECK = 4;
/** The newest people considered first: at least this many, or this share of the register. */
const FIRST_WINDOW = 4096;
const FIRST_WINDOW_SHARE = 1 / 64;
const MAX_GROWTH = 64;

/** What one typed word matches: named terms (each with its weight) and ranges read in part. */
interface WordTerms {
  /** [term, weight] pairs, each term once with its strongest weight. */
  listed: [string, number][];
  /** Ranges too wide to list term by term: read from the end, up to a bound. */
  capped: QueryRange[];
}

interface Scored {
  id: number;
  score: number;
}

/**
 * The people who have every typed word (or whose registration number or phone is the query), best
 * first, then newest first: docs/search.md, "Ranking".
 *
 * Every match is considered, and the answer is exact, without reading every match of a common
 * name: the newest people are searched first, in a window of ids. A window that holds `limit`
 * people who match with the strongest score any person could have holds the answer (everyone
 * outside it is older, and nobody scores more); otherwise the window grows, up to the whole
 * register. A common name is answered from the first window, a rare one reads short lists.
 *
 * The start of a name word ("moh") is listed as the terms it starts (one index seek each, from the
 * index of terms itself), so it too is read only within the window, and never cut short.
 */
export function wholeWordMatches(
  db: Db,
  query: string,
  typed: readonly string[],
  readable: string,
  limit: number,
  /**
   * wholeRegister reads the whole register at once, what the windows must always answer alike;
   * firstWindow sets the first window's size. Both for tests.
   */
  options: { wholeRegister?: boolean; firstWindow?: number } = {},
): number[] {
  const articleApart = endsInArticleApart(query);
  const last = typed.length - 1;
  const ranges = typed.map((word, i) =>
    queryRanges(word, {
      afterAnotherWord: i > 0,
      beforeAnotherWord: i < last,
      articleApart: articleApart && i === last,
      nameOnRecord: i === last && i > 0 && isNameOnRecord(db, word, readable),
    }),
  );
  const numbers = wholeQueryRanges(query);
  const best = (word: readonly QueryRange[]) => Math.max(0, ...word.map((range) => range.weight));
  const strongest = Math.max(ranges.reduce((sum, word) => sum + best(word), 0), best(numbers));

  const newest = prepared<[], number | null>(db, 'SELECT max(id) FROM people').pluck(true).get() ?? 0;
  const first = options.firstWindow ?? Math.max(FIRST_WINDOW, Math.ceil(newest * FIRST_WINDOW_SHARE));
  // The words are read in the index of terms, their lists joined; a word whose list is far longer
  // than the shortest (the start of a short word, "Ahmed Ou") is instead checked for each
  // candidate in the index of each person's terms: a check costs some thirty rows read.
  const listed = ranges.map((word) => termsOf(db, word));
  const firstFrom = Math.max(0, newest - first + 1);
  const sizes = listed.map((word) => rowsFrom(db, word, firstFrom, readable));
  const shortest = Math.min(...sizes);
  const read = sizes.map((size, i) => i === sizes.indexOf(shortest) || (size < COUNTED_ROWS && size <= shortest * READ_RATHER_THAN_CHECK));
  const found = listed.filter((_, i) => read[i]);
  const checks = ranges.filter((_, i) => !read[i]);

  for (let span = first; ; ) {
    const from = options.wholeRegister || span >= newest ? 0 : newest - span + 1;
    const matches = matchesFrom(db, from, { found, checks, numbers, readable, limit });
    const full = matches.filter((match) => match.score >= strongest).length;
    if (from === 0 || full >= limit) return matches.map(({ id }) => id);
    // Wide enough, at the rate full matches came in this window, to hold the rest, and some more.
    span *= Math.min(MAX_GROWTH, Math.max(2, Math.ceil((1.5 * limit) / Math.max(full, 1))));
  }
}

/** Whether someone on record has this name word as typed, on a field of the tiers given. */
export function isNameOnRecord(db: Db, word: string, readable: string): boolean {
  return (
    prepared<[string], number>(db, `SELECT 1 FROM search_terms WHERE term = ? AND tier IN (${readable}) LIMIT 1`)
      .pluck(true)
      .get(`f:${word}`) !== undefined
  );
}

/** The matches among the people from this id on, ranked, as one statement. */
function matchesFrom(
  db: Db,
  from: number,
  query: { found: WordTerms[]; checks: QueryRange[][]; numbers: QueryRange[]; readable: string; limit: number },
): Scored[] {
  const { readable } = query;
  const values: (string | number)[] = [];
  const cappedSelect = (range: QueryRange, word: number): string => {
    values.push(range.weight, word, range.prefix, rangeEnd(range));
    return `SELECT person_id, ? AS weight, ? AS word FROM (SELECT person_id FROM search_terms WHERE term >= ? AND term < ? AND tier IN (${readable}) ORDER BY term DESC, person_id DESC LIMIT ${NUMBER_CANDIDATES})`;
  };
  const candidateSelect = (range: QueryRange): string => {
    values.push(range.weight, range.prefix, rangeEnd(range));
    return `SELECT ? AS weight FROM search_terms WHERE person_id = w.id AND term >= ? AND term < ? AND tier IN (${readable})`;
  };
  // Every read word's rows in one list, each tagged with its word: a person's best weight per
  // word, then the people who have every word, in one pass without a join.
  values.push(JSON.stringify(query.found.flatMap((word, i) => word.listed.map(([term, weight]) => [term, weight, i]))), from);
  const parts = [listedSelect(readable), ...query.found.flatMap((word, i) => word.capped.map((range) => cappedSelect(range, i)))];
  values.push(query.found.length);
  const found = `w AS (SELECT person_id AS id, sum(weight) AS score FROM (SELECT person_id, word, max(weight) AS weight FROM (${parts.join(' UNION ALL ')}) GROUP BY person_id, word) GROUP BY person_id HAVING count(*) = ?)`;
  const checks = query.checks.map((ranges, j) => `, (SELECT max(weight) FROM (${ranges.map(candidateSelect).join(' UNION ALL ')})) AS c${j}`);
  const joined = `SELECT id, found${query.checks.map((_, j) => ` + c${j}`).join('')} AS score FROM (SELECT w.id AS id, w.score AS found${checks.join('')} FROM w) WHERE ${
    query.checks.map((_, j) => `c${j} IS NOT NULL`).join(' AND ') || '1'
  }`;
  const byNumber = query.numbers.map((range) => ` UNION ALL SELECT person_id AS id, weight AS score FROM (${cappedSelect(range, 0)})`).join('');
  values.push(from, query.limit);
  // Ids grow with registration order, so id breaks ties newest first without reading rows. A
  // number read in part may name someone older than the window: left for a wider one.
  const sql = `WITH ${found} SELECT id, max(score) AS score FROM (${joined}${byNumber}) WHERE id >= ? GROUP BY id ORDER BY max(score) DESC, id DESC LIMIT ?`;
  return prepared<(string | number)[], Scored>(db, sql).all(...values);
}

/**
 * The rows of listed terms (a JSON array of [term, weight, word]) of the people from an id on. The
 * terms are unpacked once, not once a row.
 */
function listedSelect(readable: string): string {
  return `SELECT st.person_id AS person_id, t.weight AS weight, t.word AS word
          FROM (SELECT value ->> 0 AS term, value ->> 1 AS weight, value ->> 2 AS word FROM json_each(?)) AS t
          CROSS JOIN search_terms AS st ON st.term = t.term AND st.person_id >= ? AND st.tier IN (${readable})`;
}

/** How many rows a word has among the people from an id on, counted up to a bound; a word read in part counts as long. */
function rowsFrom(db: Db, word: WordTerms, from: number, readable: string): number {
  if (word.capped.length > 0) return Number.MAX_SAFE_INTEGER;
  return (
    prepared<[string, number, number], number>(db, `SELECT count(*) FROM (${listedSelect(readable)} LIMIT ?)`)
      .pluck(true)
      .get(JSON.stringify(word.listed.map(([term, weight]) => [term, weight, 0])), from, COUNTED_ROWS) ?? 0
  );
}

/** A typed word's ranges as the terms they name, with the number ranges left to be read in part. */
function termsOf(db: Db, ranges: readonly QueryRange[]): WordTerms {
  const weights = new Map<string, number>();
  const capped: QueryRange[] = [];
  const name = (term: string, weight: number) => weights.set(term, Math.max(weight, weights.get(term) ?? 0));
  for (const range of ranges) {
    if (range.exact) {
      name(range.prefix, range.weight);
      continue;
    }
    const terms = /^[fs]:/u.test(range.prefix) ? termsStarting(db, range.prefix) : undefined;
    if (terms) for (const term of terms) name(term, range.weight);
    else capped.push(range);
  }
  return { listed: [...weights], capped };
}

/**
 * The distinct terms that start with `prefix`, read by seeking from one term to the next in the
 * index (one seek each, whatever the number of people per term). Undefined when there are more
 * than LISTED_TERMS: the range is then read in part.
 */
function termsStarting(db: Db, prefix: string): string[] | undefined {
  const end = `${prefix}\u{10FFFF}`;
  const first = prepared<[string, string], string>(db, 'SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT 1').pluck(true);
  const next = prepared<[string, string], string>(db, 'SELECT term FROM search_terms WHERE term > ? AND term < ? ORDER BY term LIMIT 1').pluck(true);
  const terms: string[] = [];
  for (let term = first.get(prefix, end); term !== undefined; term = next.get(term, end)) {
    if (terms.length >= LISTED_TERMS) return undefined;
    terms.push(term);
  }
  return terms;
}
