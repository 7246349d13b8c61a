import type { Tier } from '../../shared/catalogue';
import type { PersonSummary } from '../../shared/people';
import type { RecordListFilter } from '../../shared/record-status';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { summaryRowOf, type SummaryRow } from './person-store';
import { statusFilterSql } from './record-status';
import { CHECKED_ONCE, isNameOnRecord, pairedMatches, termsOf, wholeWordMatches } from './search-matches';
import { nearRanges } from './search-near-keys';
import { MAX_NEAR_PAIR_ROWS } from './search-pairs';
import { mendedQueryWords, queryRanges, queryWords, rangeEnd, typoRanges, TYPO_WORD, type QueryRange } from './search-terms';

const MAX_QUERY_WORDS = 6;
/**
 * Near matches: the words' lists are counted from this many rows up to COUNTED_UP_TO, to find the
 * shortest. Past it, lists are read however long they are: every match is considered (a bound that
 * skipped long lists lost a mistyped name among a million people, issue 10).
 */
const FIRST_COUNT = 500;
const COUNTED_UP_TO = 512_000;

/** The weights of a typed word's ranges (queryRanges, typoRanges), one part of a statement each. */
const WEIGHTS = [4, 3, 2, 1] as const;



/** Tiers go into the SQL as literals: they are small integers from the catalogue, never input. */
function tierList(tiers: readonly Tier[]): string {
  if (!tiers.every((tier) => Number.isInteger(tier) && tier >= 0 && tier <= 2)) throw new Error('not a tier');
  return tiers.length > 0 ? tiers.join(', ') : 'NULL';
}

/**
 * Find before register: every typed word must match a word of the person (prefix of the folded
 * word or of its consonant skeleton), or the whole query a registration number, on fields of the
 * tiers the searcher may read. Ranked by how strongly the words matched, then newest first; every
 * match is considered (search-matches.ts).
 *
 * When nobody has every word as typed, one typing error is tolerated (docs/search.md, "Typing
 * errors"): in a word of five letters or more, through its phonetic key, and in a compound head
 * or an article; such a match weighs less than any other.
 */
export class PeopleSearch {
  /** `pairs: false` never reads the pair terms (search-pairs.ts): for tests, the answer to compare with. */
  constructor(
    private readonly db: Db,
    private readonly options: { pairs?: boolean } = {},
  ) {}

  /** `shown`: the records a list's status filter keeps; the search considers only them. */
  search(query: string, tiers: readonly Tier[], limit: number, toSummary: (row: SummaryRow) => PersonSummary, shown: RecordListFilter = 'all'): PersonSummary[] {
    return this.summaries(this.ids(query, tiers, limit, shown), toSummary);
  }

  private summaries(ids: readonly number[], toSummary: (row: SummaryRow) => PersonSummary): PersonSummary[] {
    return ids
      .map((id) => summaryRowOf(this.db, id))
      .filter((row): row is SummaryRow => row !== undefined)
      .map(toSummary);
  }

  /** The people found, best first, as record ids. */
  ids(query: string, tiers: readonly Tier[], limit: number, shown: RecordListFilter = 'all'): number[] {
    const typed = queryWords(query).slice(0, MAX_QUERY_WORDS);
    if (typed.length === 0 || tiers.length === 0) return [];
    const readable = tierList(tiers);
    let ids = wholeWordMatches(this.db, query, typed, readable, limit, { shown, pairs: this.options.pairs });
    // Typing errors only when the words as typed find nobody: a name spelled right is answered as
    // before (and as fast), and near spellings are never mixed into the people who have the name.
    if (ids.length === 0) {
      // A mistyped compound head first ("Adbul Qadir"): mended, the name may be found whole.
      const mended = mendedQueryWords(query)?.slice(0, MAX_QUERY_WORDS);
      if (mended && mended.length > 0) ids = wholeWordMatches(this.db, query, mended, readable, limit, { shown, pairs: this.options.pairs });
      const words = mended && mended.length > 0 ? mended : typed;
      const fuzzy = words.flatMap((word, i) => (typoRanges(word).length > 0 ? [i] : []));
      if (ids.length === 0 && fuzzy.length > 0) ids = this.nearMatches(words, readable, limit, fuzzy, shown);
    } else if (ids.length < limit) {
      // A mistyped word may be the start of another name ("Hassa" of Hassaballah): found as typed,
      // but not as anyone's whole name word. Its near spellings then fill the rest of the page,
      // below every match as typed. A page already full, or every word whole on record, is left
      // as it is: a name spelled right costs no more than before.
      const partial = typed.flatMap((word, i) => ([...word].length >= TYPO_WORD && !this.isWholeWordOnRecord(word, readable) ? [i] : []));
      if (partial.length === 1) {
        const near = this.nearMatches(typed, readable, limit, partial, shown).filter((id) => !ids.includes(id));
        ids = [...ids, ...near].slice(0, limit);
      }
    }
    return ids;
  }

  /** Whether a typed word is someone's whole name word, as typed or by its phonetic key. */
  private isWholeWordOnRecord(word: string, readable: string): boolean {
    return this.rowsUpTo(queryRanges(word).filter((range) => range.exact === true), readable, 1) > 0;
  }

  /**
   * The people who have every typed word but one of five letters or more (`fuzzy`, by place),
   * which they have with one typing error (typoRanges). Asked only when nobody has every word as
   * typed. The near spellings of a word are many when a common name is among them (Ahmed is one
   * letter from Amoudi's key), and so are the people of a common word: of the words' lists, the
   * shortest is read first, and the others are read in one pass over their terms each, keeping
   * only its people, so that only those are sorted and counted.
   */
  private nearMatches(typed: readonly string[], readable: string, limit: number, fuzzy: readonly number[], shown: RecordListFilter): number[] {
    const values: (string | number)[] = [];
    const rangesOf = (word: number, typo: boolean): QueryRange[] =>
      typo
        ? nearRanges(this.db, typed[word] ?? '')
        : queryRanges(typed[word] ?? '', { afterAnotherWord: word > 0, nameOnRecord: word > 0 && isNameOnRecord(this.db, typed[word] ?? '', readable) });
    // Rows of each word's list as typed, and of its near spellings, counted up to a bound.
    const counted = new Map<string, { rows: number; all: boolean }>();
    const sizeOf = (word: number, typo: boolean, cap: number): number => {
      const key = `${word}${typo ? 't' : 'e'}`;
      const known = counted.get(key);
      if (known && (known.all || known.rows >= cap)) return Math.min(known.rows, cap);
      const rows = this.rowsUpTo(rangesOf(word, typo), readable, cap);
      counted.set(key, { rows, all: rows < cap });
      return rows;
    };
    // A word that matches nobody as typed is the mistyped one: only it is read through its near
    // spellings. Two such words are two typing errors, beyond what is tolerated. When every word
    // matches someone, each may be another name mistyped, but not a four-letter name someone has
    // spelled so (Omar is not Samir with its first letter left out).
    const missing = typed.map((_, word) => word).filter((word) => sizeOf(word, false, 1) === 0);
    if (missing.length > 1 || missing.some((word) => !fuzzy.includes(word))) return [];
    const nameOnRecord = (word: number) =>
      this.rowsUpTo(rangesOf(word, false).filter(({ exact, prefix }) => exact && prefix.startsWith('f:')), readable, 1) > 0;
    const tried = missing.length === 1 ? missing : fuzzy.filter((word) => [...(typed[word] ?? '')].length >= TYPO_WORD || !nameOnRecord(word));
    const tables: string[] = [];
    const branches: string[] = [];
    // Branches answered from the pair terms, best first, each up to `limit` (search-pairs.ts).
    const paired: { id: number; score: number }[] = [];
    for (const fuzzed of tried) {
      if (this.options.pairs !== false && typed.length >= 2) {
        // Another word and the near spellings of this one, rarely together ("Jamialh Alnajjar"):
        // the people who may have both, from the pair terms, each then checked word by word.
        const ranges = typed.map((_, word) => rangesOf(word, word === fuzzed));
        const words = ranges.map((word) => termsOf(this.db, word)).map(({ listed, capped }) => (capped.length > 0 ? undefined : listed.map(([term]) => term)));
        const found = pairedMatches(this.db, words, ranges, { readable, limit, shown }, { pairRows: MAX_NEAR_PAIR_ROWS });
        if (found !== undefined) {
          paired.push(...found);
          continue;
        }
      }
      // The shortest list is read first. The lists are counted a little at a time, all of them up
      // to a bound and then the bound raised, so that counting costs about as much as that list.
      const lists = typed.map((_, word) => ({ word, typo: word === fuzzed, size: 0 }));
      for (let cap = FIRST_COUNT; cap <= COUNTED_UP_TO; cap *= 4) {
        for (const list of lists) list.size = sizeOf(list.word, list.typo, cap);
        if (lists.length === 1 || lists.some((list) => list.size < cap)) break;
      }
      const first = lists.reduce((a, b) => (b.size < a.size ? b : a));
      // Nobody to find.
      if (first.size === 0) continue;
      const name = (word: number) => `b${fuzzed}w${word}`;
      for (const list of [first, ...lists.filter((other) => other !== first)]) {
        // The ranges go in as JSON, one array per weight, so that the statement is the same for
        // every query of as many words and is prepared once. Every range is read whole: the
        // first list is the shortest as counted whole, and the others only keep its people.
        const ranges = rangesOf(list.word, list.typo);
        const parts = (on: string) =>
          WEIGHTS.map((weight) => {
            values.push(JSON.stringify(ranges.filter((range) => range.weight === weight).map((range) => [range.prefix, rangeEnd(range)])));
            return `SELECT st.person_id AS person_id, ${weight} AS weight FROM json_each(?) AS r CROSS JOIN search_terms AS st ON ${on}st.term >= r.value ->> 0 AND st.term < r.value ->> 1 AND st.tier IN (${readable})`;
          }).join(' UNION ALL ');
        if (list !== first && first.size * ranges.length < list.size) {
          // A long list (the start of a short word, "Ism ئام") against a few people: looked up
          // for each of them in the person index rather than read whole.
          const check = parts('st.person_id = first.id AND ');
          tables.push(
            `${name(list.word)} AS (SELECT id, score FROM (SELECT first.id AS id, (SELECT max(weight) FROM (${check})) AS score FROM ${name(first.word)} AS first${CHECKED_ONCE}) WHERE score IS NOT NULL)`,
          );
          continue;
        }
        const among = list === first ? '' : ` CROSS JOIN ${name(first.word)} AS first ON first.id = term.person_id`;
        tables.push(`${name(list.word)} AS (SELECT term.person_id AS id, max(term.weight) AS score FROM (${parts('')}) AS term${among} GROUP BY term.person_id)`);
      }
      const [head, ...rest] = typed.map((_, word) => name(word));
      branches.push(
        `SELECT ${head}.id AS id, ${typed.map((_, word) => `${name(word)}.score`).join(' + ')} AS score FROM ${head} ${rest
          .map((table) => `JOIN ${table} ON ${table}.id = ${head}.id`)
          .join(' ')}`,
      );
    }
    values.push(limit);
    const sql = `WITH ${tables.join(', ')} SELECT m.id AS id, max(m.score) AS score FROM (${branches.join(' UNION ALL ')}) AS m WHERE ${statusFilterSql(shown, 'm.id')} GROUP BY m.id ORDER BY max(m.score) DESC, m.id DESC LIMIT ?`;
    const read = branches.length > 0 ? prepared<(string | number)[], { id: number; score: number }>(this.db, sql).all(...values) : [];
    // Each way's best `limit`, merged: each person at their best score, then newest first.
    const best = new Map<number, number>();
    for (const { id, score } of [...read, ...paired]) best.set(id, Math.max(score, best.get(id) ?? score));
    return [...best]
      .sort(([idA, scoreA], [idB, scoreB]) => scoreB - scoreA || idB - idA)
      .slice(0, limit)
      .map(([id]) => id);
  }

  /** How many rows these ranges hold, counted up to `cap` (a bound on the work of counting). */
  private rowsUpTo(ranges: readonly QueryRange[], readable: string, cap: number): number {
    // Range by range, with one small statement kept prepared, rather than one statement per list.
    const count = prepared<[string, string, number], { n: number }>(
      this.db,
      `SELECT count(*) AS n FROM (SELECT 1 FROM search_terms WHERE term >= ? AND term < ? AND tier IN (${readable}) LIMIT ?)`,
    );
    let rows = 0;
    for (const range of ranges) {
      if (rows >= cap) break;
      rows += count.get(range.prefix, rangeEnd(range), cap - rows)?.n ?? 0;
    }
    return rows;
  }
}
