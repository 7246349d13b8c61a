import type { RecordListFilter } from '../../shared/record-status';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { statusFilterSql } from './record-status';
import { MAX_PAIR_ROWS, newestPairCandidates, pairsNameFew, widerPairRows } from './search-pairs';
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
/**
 * Ends a subquery whose columns are checks (candidateCheck) so that SQLite does not flatten it:
 * flattened, each check is copied into every place its column is used (the score, the test that
 * it matched, the ordering) and run that many times a candidate, which made a window three times
 * slower ("Huda Cha" at 1,000,000 people: 26 ms, 9 ms kept apart).
 */
export const CHECKED_ONCE = ' LIMIT -1 OFFSET 0';
/** Candidates from the pair terms checked at a time, newest first. */
const PAIR_CHUNK = 256;

/** A chunk of candidates, no larger than the bound on pair rows a test sets. */
function pairChunk(pairRows: number | undefined): number {
  return Math.min(PAIR_CHUNK, pairRows ?? PAIR_CHUNK);
}

/**
 * How wholeWordMatches found its answer: in a window of the newest people, in the whole register,
 * from everyone with every word at its strongest, or from them and a window's next-best matches.
 */
export type AnswerWay = 'pairs' | 'pairs after the first window' | 'window' | 'whole register' | 'strongest everywhere' | 'strongest everywhere and window';

/** What one typed word matches: named terms (each with its weight) and ranges read in part. */
export interface WordTerms {
  /** [term, weight] pairs, each term once with its strongest weight. */
  listed: [string, number][];
  /** Ranges too wide to list term by term: read from the end, up to a bound. */
  capped: QueryRange[];
}

export interface Scored {
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
   * shown: the records a list's status filter keeps, considered as the only ones there are (every
   * window, count and step reads only them, so a page is never cut short by the filter).
   * For tests: wholeRegister reads the whole register at once, what the windows must always answer
   * alike; firstWindow sets the first window's size; pairs: false never reads the pair terms (to
   * test the windows), pairRows lowers the bound on the pair rows read and pairChunk the candidates
   * checked at a time; answeredBy is told which way the answer was found.
   */
  options: {
    shown?: RecordListFilter;
    wholeRegister?: boolean;
    firstWindow?: number;
    pairs?: boolean;
    pairRows?: number;
    pairChunk?: number;
    answeredBy?: (way: AnswerWay) => void;
  } = {},
): number[] {
  const shown = options.shown ?? 'all';
  const answer = (way: AnswerWay, ids: number[]): number[] => {
    options.answeredBy?.(way);
    return ids;
  };
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
  const strongest = Math.max(ranges.reduce((sum, word) => sum + strongestWeight(word), 0), strongestWeight(numbers));

  const newest = prepared<[], number | null>(db, 'SELECT max(id) FROM people').pluck(true).get() ?? 0;
  const first = options.firstWindow ?? Math.max(FIRST_WINDOW, Math.ceil(newest * FIRST_WINDOW_SHARE));
  const listed = ranges.map((word) => termsOf(db, word));
  const pairable = options.pairs !== false && !options.wholeRegister && typed.length >= 2 && numbers.length === 0;
  const words = listed.map((word) => (word.capped.length > 0 ? undefined : word.listed.map(([term]) => term)));
  const fromPairs = (way: 'pairs' | 'pairs after the first window', pairRows: number): number[] | undefined => {
    const paired = pairable ? pairedMatches(db, words, ranges, { readable, limit, shown }, { pairRows, pairChunk: options.pairChunk }) : undefined;
    return paired && answer(way, paired.map(({ id }) => id));
  };
  // Two common words in a rare combination: the people who have both, from the pair terms.
  const rare = fromPairs('pairs', options.pairRows ?? MAX_PAIR_ROWS);
  if (rare !== undefined) return rare;
  const { found, checks } = readingPlan(db, listed, ranges, Math.max(0, newest - first + 1), readable);
  const reading = { found, checks, numbers, readable, limit, shown, pairs: options.pairs !== false, pairRows: options.pairRows, pairChunk: options.pairChunk };
  let everywhere: Scored[] | null | undefined;

  for (let span = first; ; ) {
    const from = options.wholeRegister || span >= newest ? 0 : newest - span + 1;
    const matches = matchesFrom(db, from, reading);
    const full = matches.filter((match) => match.score >= strongest).length;
    if (from === 0 || full >= limit) return answer(from === 0 ? 'whole register' : 'window', matches.map(({ id }) => id));
    // Few people in the window have every word at its strongest ("Huda Cha": Huda and a name
    // that starts with "Cha", among many Hudas whose name only has a key starting with s or h).
    // When the strongest lists are short, everyone who has them is found in the whole register,
    // and the window need only hold the rest of the answer: everyone outside it who is not among
    // them scores at most the next score down and is older.
    everywhere ??= strongestEverywhere(db, listed, ranges, reading) ?? null;
    if (everywhere !== null) {
      if (everywhere.length >= limit) return answer('strongest everywhere', everywhere.map(({ id }) => id));
      const next = nextScoreDown(ranges, strongest);
      if (next === undefined) return answer('strongest everywhere', everywhere.map(({ id }) => id));
      const merged = ranked([...everywhere, ...matches]);
      if (merged.filter((match) => match.score >= next).length >= limit) return answer('strongest everywhere and window', merged.slice(0, limit).map(({ id }) => id));
    }
    // The first window did not answer: the combination is not common among the newest people, and
    // the next windows read the words' lists ever further back (the whole register, for a given
    // name and the start of a common family name with few people at the strongest score). Up to
    // more rows of pair terms, checking their people costs less.
    if (span === first) {
      const paired = fromPairs('pairs after the first window', widerPairRows(options.pairRows));
      if (paired !== undefined) return paired;
    }
    // Wide enough, at the rate full matches came in this window, to hold the rest, and some more.
    span *= Math.min(MAX_GROWTH, Math.max(2, Math.ceil((1.5 * limit) / Math.max(full, 1))));
  }
}

/**
 * Which words are read in the index of terms and which are checked for each candidate: a word
 * whose list among the people from `from` on is far longer than the shortest (the start of a
 * short word, "Ahmed Ou") is checked in the index of each person's terms (a check costs some
 * thirty rows read) rather than read.
 */
function readingPlan(db: Db, listed: readonly WordTerms[], ranges: readonly QueryRange[][], from: number, readable: string): { found: WordTerms[]; checks: QueryRange[][] } {
  const sizes = listed.map((word) => rowsFrom(db, word, from, readable));
  const shortest = Math.min(...sizes);
  const read = sizes.map((size, i) => i === sizes.indexOf(shortest) || (size < COUNTED_ROWS && size <= shortest * READ_RATHER_THAN_CHECK));
  return { found: listed.filter((_, i) => read[i]), checks: ranges.filter((_, i) => !read[i]) };
}

/**
 * Everyone in the whole register who has every word with its strongest weight, newest first, up
 * to `limit`; undefined when that is not cheap to know (every such list is long, a range is read
 * only in part, or the query is also a number, whose ranges are read only in part).
 */
function strongestEverywhere(db: Db, listed: readonly WordTerms[], ranges: readonly QueryRange[][], reading: Reading): Scored[] | undefined {
  const { numbers, readable } = reading;
  if (numbers.length > 0) return undefined;
  const narrowedRanges = ranges.map((word) => word.filter((range) => range.weight === strongestWeight(word)));
  if (narrowedRanges.some((word, i) => word.some((range) => listed[i]?.capped.includes(range)))) return undefined;
  // A term listed with the word's strongest weight is named by one of its strongest ranges (a
  // term keeps the strongest weight of the ranges naming it), and no other is.
  const narrowed = listed.map((word, i) => ({ listed: word.listed.filter(([, weight]) => weight === strongestWeight(ranges[i] ?? [])), capped: [] }));
  // Two common words whose strongest forms are rarely together ("Somaya She…", where few have a
  // name that starts with "She" as written): the people who may have both, from the pair terms,
  // newest first, checked a chunk at a time until `limit` have both (all score alike: newest first).
  const candidates =
    reading.pairs && ranges.length >= 2 ? newestPairCandidates(db, narrowed.map((word) => word.listed.map(([term]) => term)), readable, reading.pairChunk ?? pairChunk(reading.pairRows)) : undefined;
  if (candidates !== undefined) {
    const found: Scored[] = [];
    for (const ids of candidates) {
      found.push(...matchesAmong(db, JSON.stringify(ids), narrowedRanges, { ...reading, limit: reading.limit - found.length }));
      if (found.length >= reading.limit) break;
    }
    return found;
  }
  if (narrowed.every((word) => rowsFrom(db, word, 0, readable) >= COUNTED_ROWS)) return undefined;
  const { found, checks } = readingPlan(db, narrowed, narrowedRanges, 0, readable);
  return matchesFrom(db, 0, { ...reading, found, checks });
}

function strongestWeight(word: readonly QueryRange[]): number {
  return Math.max(0, ...word.map((range) => range.weight));
}

/** The highest score a person can have below `score`: a sum of one weight of each word's ranges. */
function nextScoreDown(ranges: readonly QueryRange[][], score: number): number | undefined {
  let sums = new Set<number>([0]);
  for (const word of ranges) {
    const weights = new Set(word.map((range) => range.weight));
    sums = new Set([...sums].flatMap((sum) => [...weights].map((weight) => sum + weight)));
  }
  const below = [...sums].filter((sum) => sum < score);
  return below.length > 0 ? Math.max(...below) : undefined;
}

/** Strongest first, then newest first, each person once. */
function ranked(matches: readonly Scored[]): Scored[] {
  const best = new Map<number, number>();
  for (const { id, score } of matches) best.set(id, Math.max(score, best.get(id) ?? score));
  return [...best].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || b.id - a.id);
}

/** Whether someone on record has this name word as typed, on a field of the tiers given. */
export function isNameOnRecord(db: Db, word: string, readable: string): boolean {
  return (
    prepared<[string], number>(db, `SELECT 1 FROM search_terms WHERE term = ? AND tier IN (${readable}) LIMIT 1`)
      .pluck(true)
      .get(`f:${word}`) !== undefined
  );
}

/**
 * A checked word's best weight for one candidate (w.id), as SQL whose values are pushed onto
 * `values`: the candidate's terms are read in the index of each person's terms, once for each kind
 * of term the ranges name (f:, s:), from that kind's first range start to its last range end (a
 * few rows), each tested against its kind's ranges, strongest first. One seek a kind rather than
 * one a range: the candidates of a common name are thousands. One read from the first kind to the
 * last would also read every term between them (a person's phone, number and pair terms, two
 * thirds of their rows), and took 2.6 times as long.
 */
function candidateCheck(ranges: readonly QueryRange[], readable: string, values: (string | number)[]): string {
  const kinds = new Map<string, QueryRange[]>();
  for (const range of [...ranges].sort((a, b) => b.weight - a.weight)) {
    const kind = range.prefix.slice(0, range.prefix.indexOf(':') + 1);
    kinds.set(kind, [...(kinds.get(kind) ?? []), range]);
  }
  const reads = [...kinds.values()].map((strongestFirst) => {
    const cases = strongestFirst.map((range) => {
      values.push(range.prefix, rangeEnd(range), range.weight);
      return 'WHEN term >= ? AND term < ? THEN ?';
    });
    values.push(
      strongestFirst.reduce((start, range) => (range.prefix < start ? range.prefix : start), strongestFirst[0]?.prefix ?? ''),
      strongestFirst.reduce((end, range) => (rangeEnd(range) > end ? rangeEnd(range) : end), ''),
    );
    return `SELECT CASE ${cases.join(' ')} END AS weight FROM search_terms WHERE person_id = w.id AND term >= ? AND term < ? AND tier IN (${readable})`;
  });
  return `(SELECT max(weight) FROM (${reads.join(' UNION ALL ')}))`;
}

/**
 * The people who have every typed word, ranked, from the pair terms (search-pairs.ts), when the
 * pairs name few enough; undefined when they do not. `words`: each word's listed terms (undefined
 * for a word read in part); `ranges`: what each word matches, as checked for each candidate. The
 * candidates are read newest first: once `limit` of them have every word at its strongest, nobody
 * older can come before them, and the rest is not read.
 */
export function pairedMatches(
  db: Db,
  words: readonly (readonly string[] | undefined)[],
  ranges: readonly QueryRange[][],
  reading: Pick<Reading, 'readable' | 'limit' | 'shown'>,
  sizes: { pairRows?: number | undefined; pairChunk?: number | undefined } = {},
): Scored[] | undefined {
  const { pairRows } = sizes;
  const candidates = pairsNameFew(db, words, reading.readable, pairRows) ? newestPairCandidates(db, words, reading.readable, sizes.pairChunk ?? pairChunk(pairRows)) : undefined;
  if (candidates === undefined) return undefined;
  const strongest = ranges.reduce((sum, word) => sum + strongestWeight(word), 0);
  const found: Scored[] = [];
  for (const ids of candidates) {
    found.push(...matchesAmong(db, JSON.stringify(ids), ranges, { ...reading, limit: ids.length }));
    if (found.filter((match) => match.score >= strongest).length >= reading.limit) break;
  }
  return ranked(found).slice(0, reading.limit);
}

/** The candidates (a JSON array of ids) who have every typed word, ranked, each word checked for each. */
function matchesAmong(db: Db, candidates: string, ranges: readonly QueryRange[][], { readable, limit, shown }: Pick<Reading, 'readable' | 'limit' | 'shown'>): Scored[] {
  // A word that matches no term on record (no near spelling of it is anyone's key): nobody.
  if (ranges.some((word) => word.length === 0)) return [];
  const values: (string | number)[] = [candidates];
  const checks = ranges.map((word, j) => `${candidateCheck(word, readable, values)} AS c${j}`);
  values.push(limit);
  const score = ranges.map((_, j) => `m.c${j}`).join(' + ');
  const sql = `WITH w AS (SELECT value AS id FROM json_each(?)) SELECT m.id AS id, ${score} AS score FROM (SELECT w.id AS id, ${checks.join(', ')} FROM w${CHECKED_ONCE}) AS m WHERE ${ranges
    .map((_, j) => `m.c${j} IS NOT NULL`)
    .join(' AND ')} AND ${statusFilterSql(shown, 'm.id')} ORDER BY score DESC, m.id DESC LIMIT ?`;
  return prepared<(string | number)[], Scored>(db, sql).all(...values);
}

/** What one reading of the matches takes: the words' terms, their checks, the number ranges, whose records. */
interface Reading {
  found: WordTerms[];
  checks: QueryRange[][];
  numbers: QueryRange[];
  readable: string;
  limit: number;
  shown: RecordListFilter;
  /** Whether the pair terms may be read (search-pairs.ts), and up to how many of their rows. */
  pairs: boolean;
  pairRows?: number | undefined;
  pairChunk?: number | undefined;
}

/** The matches among the people from this id on, ranked, as one statement. */
function matchesFrom(db: Db, from: number, query: Reading): Scored[] {
  const { readable } = query;
  const values: (string | number)[] = [];
  const cappedSelect = (range: QueryRange, word: number): string => {
    values.push(range.weight, word, range.prefix, rangeEnd(range));
    return `SELECT person_id, ? AS weight, ? AS word FROM (SELECT person_id FROM search_terms WHERE term >= ? AND term < ? AND tier IN (${readable}) ORDER BY term DESC, person_id DESC LIMIT ${NUMBER_CANDIDATES})`;
  };
  // Every read word's rows in one list, each tagged with its word: a person's best weight per
  // word, then the people who have every word, in one pass without a join.
  values.push(JSON.stringify(query.found.flatMap((word, i) => word.listed.map(([term, weight]) => [term, weight, i]))), from);
  const parts = [listedSelect(readable), ...query.found.flatMap((word, i) => word.capped.map((range) => cappedSelect(range, i)))];
  values.push(query.found.length);
  const found = `w AS (SELECT person_id AS id, sum(weight) AS score FROM (SELECT person_id, word, max(weight) AS weight FROM (${parts.join(' UNION ALL ')}) GROUP BY person_id, word) GROUP BY person_id HAVING count(*) = ?)`;
  const checks = query.checks.map((ranges, j) => `, ${candidateCheck(ranges, readable, values)} AS c${j}`);
  const joined = `SELECT id, found${query.checks.map((_, j) => ` + c${j}`).join('')} AS score FROM (SELECT w.id AS id, w.score AS found${checks.join('')} FROM w${CHECKED_ONCE}) WHERE ${
    query.checks.map((_, j) => `c${j} IS NOT NULL`).join(' AND ') || '1'
  }`;
  const byNumber = query.numbers.map((range) => ` UNION ALL SELECT person_id AS id, weight AS score FROM (${cappedSelect(range, 0)})`).join('');
  values.push(from, query.limit);
  // Ids grow with registration order, so id breaks ties newest first without reading rows. A
  // number read in part may name someone older than the window: left for a wider one.
  const sql = `WITH ${found} SELECT m.id AS id, max(m.score) AS score FROM (${joined}${byNumber}) AS m WHERE m.id >= ? AND ${statusFilterSql(query.shown, 'm.id')} GROUP BY m.id ORDER BY max(m.score) DESC, m.id DESC LIMIT ?`;
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

/**
 * A typed word's ranges as the terms they name (a name word's or a key's: f:, s:), with the number
 * ranges, and any range of too many terms, left to be read in part.
 */
export function termsOf(db: Db, ranges: readonly QueryRange[]): WordTerms {
  const weights = new Map<string, number>();
  const capped: QueryRange[] = [];
  const name = (term: string, weight: number) => weights.set(term, Math.max(weight, weights.get(term) ?? 0));
  for (const range of ranges) {
    if (range.exact) {
      name(range.prefix, range.weight);
      continue;
    }
    const terms = /^[fs]:/u.test(range.prefix) ? termsBetween(db, range.prefix, rangeEnd(range)) : undefined;
    if (terms) for (const term of terms) name(term, range.weight);
    else capped.push(range);
  }
  return { listed: [...weights], capped };
}

/**
 * The distinct terms from `start` up to `end` (excluded), read by seeking from one term to the
 * next in the index (one seek each, whatever the number of people per term). Undefined when there
 * are more than LISTED_TERMS: the range is then read in part.
 */
function termsBetween(db: Db, start: string, end: string): string[] | undefined {
  const first = prepared<[string, string], string>(db, 'SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT 1').pluck(true);
  const next = prepared<[string, string], string>(db, 'SELECT term FROM search_terms WHERE term > ? AND term < ? ORDER BY term LIMIT 1').pluck(true);
  const terms: string[] = [];
  for (let term = first.get(start, end); term !== undefined; term = next.get(term, end)) {
    if (terms.length >= LISTED_TERMS) return undefined;
    terms.push(term);
  }
  return terms;
}
