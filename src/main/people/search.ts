import type { Tier } from '../../shared/catalogue';
import type { PersonSummary } from '../../shared/people';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { summaryRowOf, type SummaryRow } from './person-store';
import { queryRanges, queryWords, wholeQueryRanges, type QueryRange } from './search-terms';

const MAX_QUERY_WORDS = 6;
/**
 * A word still being typed ("moh") matches the start of many words: those ranges are read newest
 * first (within a term) up to this many rows, to answer as the clerk types. A whole word, or a
 * whole phonetic key, is never capped: every person with that name is considered.
 */
const PREFIX_CANDIDATES = 2000;
/** A word after the first, of at most this many letters, is checked against candidates, not read. */
const CHECKED_WORD = 5;
/** Checking a short word against each candidate stays quick up to this many candidates. */
const CHECKED_CANDIDATES = 3000;

/** Tiers go into the SQL as literals: they are small integers from the catalogue, never input. */
function tierList(tiers: readonly Tier[]): string {
  if (!tiers.every((tier) => Number.isInteger(tier) && tier >= 0 && tier <= 2)) throw new Error('not a tier');
  return tiers.length > 0 ? tiers.join(', ') : 'NULL';
}

/**
 * Find before register: every typed word must match a word of the person (prefix of the folded
 * word or of its consonant skeleton), or the whole query a registration number, on fields of the
 * tiers the searcher may read. Ranked by how strongly the words matched, then newest first.
 *
 * Every person whose name has the typed words is considered: SQLite reads each whole word's and
 * key's full list, keeps each person's strongest match per word, joins the words and ranks, in one
 * statement. (The earlier version stopped every range after 2,000 rows, oldest first, and so never
 * saw the newest people with a common name.) Only a word still being typed is read in part.
 */
export class PeopleSearch {
  constructor(private readonly db: Db) {}

  search(query: string, tiers: readonly Tier[], limit: number, toSummary: (row: SummaryRow) => PersonSummary): PersonSummary[] {
    const typed = queryWords(query).slice(0, MAX_QUERY_WORDS);
    if (typed.length === 0 || tiers.length === 0) return [];
    const readable = tierList(tiers);
    const values: (string | number)[] = [];
    const rangeSelect = (range: QueryRange): string => {
      if (range.exact) {
        values.push(range.weight, range.prefix);
        return `SELECT person_id, ? AS weight FROM search_terms WHERE term = ? AND tier IN (${readable})`;
      }
      values.push(range.weight, range.prefix, `${range.prefix}\u{10FFFF}`);
      return `SELECT person_id, ? AS weight FROM (SELECT person_id FROM search_terms WHERE term >= ? AND term < ? AND tier IN (${readable}) ORDER BY term DESC, person_id DESC LIMIT ${PREFIX_CANDIDATES})`;
    };
    /** The same ranges, looked up for one candidate only (the person index holds each person's terms). */
    const candidateSelect = (range: QueryRange): string => {
      values.push(range.weight, range.prefix, range.exact ? `${range.prefix}\u0001` : `${range.prefix}\u{10FFFF}`);
      return `SELECT ? AS weight FROM search_terms WHERE person_id = w0.id AND term >= ? AND term < ? AND tier IN (${readable})`;
    };
    // Words that find the candidates: the first, and every whole word after it. A short word after
    // them ("Sharif Sha") is checked against each candidate instead: read on its own, the start of
    // a short word matches too many people to consider them all.
    // Only while the first word is rare enough that checking each of its people is quick; after a
    // common first name the short word is read like the others.
    const checkable = typed.length > 1 && this.fewPeopleHave(typed[0] ?? '', readable);
    const finding = typed.filter((word, i) => i === 0 || !checkable || word.length > CHECKED_WORD);
    const checked = typed.filter((word, i) => i > 0 && checkable && word.length <= CHECKED_WORD);
    const perWord = finding.map(
      (word, i) => `w${i} AS (SELECT person_id AS id, max(weight) AS score FROM (${queryRanges(word, { afterAnotherWord: i > 0 }).map(rangeSelect).join(' UNION ALL ')}) GROUP BY person_id)`,
    );
    const checks = checked.map(
      (word, j) => `, (SELECT max(weight) FROM (${queryRanges(word, { afterAnotherWord: true }).map(candidateSelect).join(' UNION ALL ')})) AS c${j}`,
    );
    const candidates = `SELECT w0.id AS id, ${finding.map((_, i) => `w${i}.score`).join(' + ')} AS found${checks.join('')} FROM w0 ${finding
      .slice(1)
      .map((_, i) => `JOIN w${i + 1} ON w${i + 1}.id = w0.id`)
      .join(' ')}`;
    const joined = `SELECT id, found${checked.map((_, j) => ` + c${j}`).join('')} AS score FROM (${candidates}) WHERE ${
      checked.map((_, j) => `c${j} IS NOT NULL`).join(' AND ') || '1'
    }`;
    const byNumber = wholeQueryRanges(query)
      .map((range) => ` UNION ALL ${rangeSelect(range).replace('person_id, ? AS weight', 'person_id AS id, ? AS score')}`)
      .join('');
    values.push(limit);
    // Ids grow with registration order, so id breaks ties newest first without reading rows.
    const sql = `WITH ${perWord.join(', ')} SELECT id FROM (${joined}${byNumber}) GROUP BY id ORDER BY max(score) DESC, id DESC LIMIT ?`;
    return prepared<(string | number)[], { id: number }>(this.db, sql)
      .all(...values)
      .map(({ id }) => summaryRowOf(this.db, id))
      .filter((row): row is SummaryRow => row !== undefined)
      .map(toSummary);
  }

  /** Whether at most CHECKED_CANDIDATES people have this word whole (by its folded form or its keys). */
  private fewPeopleHave(word: string, readable: string): boolean {
    const exact = queryRanges(word).filter((range) => range.exact);
    let people = 0;
    for (const range of exact) {
      const row = prepared<[string, number], { n: number }>(
        this.db,
        `SELECT count(*) AS n FROM (SELECT 1 FROM search_terms WHERE term = ? AND tier IN (${readable}) LIMIT ?)`,
      ).get(range.prefix, CHECKED_CANDIDATES + 1);
      people += row?.n ?? 0;
      if (people > CHECKED_CANDIDATES) return false;
    }
    return true;
  }
}
