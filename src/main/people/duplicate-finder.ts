import type { Tier } from '../../shared/catalogue';
import type { DuplicateQuery, PersonSummary } from '../../shared/people';
import { nameWordKeys } from '../../shared/text/name-keys';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { summaryRowOf, type SummaryRow } from './person-store';

/** Most name words must match: a shared family name alone makes a relative, not a duplicate. */
const SHARED_NAME_WORDS = 0.6;
/** A candidate is shown from this score on (name words count twice, birth year and nationality add). */
const LIKELY = 1.5;

/** Tiers go into the SQL as literals: they are small integers from the catalogue, never input. */
function tierList(tiers: readonly Tier[]): string {
  if (!tiers.every((tier) => Number.isInteger(tier) && tier >= 0 && tier <= 2)) throw new Error('not a tier');
  return tiers.join(', ');
}

/**
 * Likely duplicates of a person being registered (the form) or imported (the CSV import): people
 * who share most name words by their phonetic keys, in any script, then scored by a birth year
 * within two years and a shared nationality. The clerk decides.
 *
 * Everything respects the caller: names match only on terms of the tiers it may read in its view
 * mode (a name on a document is tier 1, so on the restricted screen or for a supervisor only chosen
 * names match), and birth year and nationality (tier 1) weigh in only where the caller may read
 * tier 1, since a candidate dropped for its birth year would tell what it is.
 *
 * No candidate is dropped unseen: every person with any of the name words is counted in SQL (whole
 * index ranges, no cap, unlike the 2,000 rows per key read oldest first before), and only those
 * sharing most of the words are scored.
 */
export class DuplicateFinder {
  constructor(private readonly db: Db) {}

  find<T = PersonSummary>(query: DuplicateQuery, tiers: readonly Tier[], toResult: (row: SummaryRow) => T, limit = 5): T[] {
    if (tiers.length === 0) return [];
    const readable = tierList(tiers);
    const names = [query.chosenName ?? '', ...(query.documentNames ?? [])].join(' ');
    // One entry per name word: the phonetic keys it may be found by.
    const words = nameWordKeys(names)
      .map(({ keys }) => [...new Set(keys.filter((key) => key.length >= 2))].map((key) => `s:${key}`))
      .filter((terms) => terms.length > 0);
    if (words.length === 0) return [];
    const needed = Math.ceil(words.length * SHARED_NAME_WORDS - 1e-9);
    // Every person with any of the words is counted (whole index ranges, no cap), in one statement.
    const values: (string | number)[] = [];
    const perWord = words.map((terms, word) => {
      values.push(...terms);
      return `SELECT person_id, ${word} AS word FROM search_terms WHERE term IN (${terms.map(() => '?').join(', ')}) AND tier IN (${readable})`;
    });
    values.push(needed, query.excludeId ?? 0);
    const sql = `SELECT c.id AS id, c.hits AS hits, p.birth_year AS birth_year FROM (
        SELECT person_id AS id, count(DISTINCT word) AS hits FROM (${perWord.join(' UNION ALL ')}) GROUP BY person_id HAVING hits >= ?
      ) AS c JOIN people p ON p.id = c.id WHERE c.id <> ?`;
    const mayReadPersonal = tiers.includes(1);
    const scored: { id: number; score: number }[] = [];
    for (const row of prepared<(string | number)[], { id: number; hits: number; birth_year: number | null }>(this.db, sql).iterate(...values)) {
      let score = (row.hits / words.length) * 2;
      if (mayReadPersonal) score += this.personalScore(query, row);
      if (score >= LIKELY) scored.push({ id: row.id, score });
    }
    return scored
      .sort((a, b) => b.score - a.score || b.id - a.id)
      .slice(0, limit)
      .map(({ id }) => summaryRowOf(this.db, id))
      .filter((row): row is SummaryRow => row !== undefined)
      .map(toResult);
  }

  /** Birth year within two years adds, further apart subtracts; a shared nationality adds. Tier 1 both. */
  private personalScore(query: DuplicateQuery, row: { id: number; birth_year: number | null }): number {
    let score = 0;
    if (query.birthYear !== undefined && row.birth_year !== null) {
      const gap = Math.abs(row.birth_year - query.birthYear);
      score += gap <= 2 ? 1 - gap * 0.25 : -1;
    }
    if (query.nationalities?.length) {
      // Read only when asked: most candidates never need their tier-1 fields parsed.
      const tier1 = prepared<[number], { tier1: string }>(this.db, 'SELECT tier1 FROM people WHERE id = ?').get(row.id)?.tier1 ?? '{}';
      const theirs = (JSON.parse(tier1) as { nationalities?: string[] }).nationalities ?? [];
      if (theirs.some((code) => query.nationalities?.includes(code))) score += 0.5;
    }
    return score;
  }
}
