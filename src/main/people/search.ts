import type { Tier } from '../../shared/catalogue';
import type { DuplicateQuery, PersonSummary } from '../../shared/people';
import { skeletons, words } from '../../shared/text/normalise';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { summaryRowOf, type SummaryRow } from './person-store';
import { queryRanges, registrationQueryRange, type QueryRange } from './search-terms';

const CANDIDATES_PER_RANGE = 2000;
const MAX_QUERY_WORDS = 6;


/**
 * Find before register: every typed word must match a word of the person (prefix of the folded
 * word or of its consonant skeleton), a registration number or a phone number, on fields of the
 * tiers the searcher may read. Ranked by how strongly the words matched, then newest first.
 */
export class PeopleSearch {
  private readonly rangeStatement;

  constructor(private readonly db: Db) {
    this.rangeStatement = prepared<[string, string, number], { person_id: number; tier: number }>(db, 
      'SELECT person_id, tier FROM search_terms WHERE term >= ? AND term < ? LIMIT ?',
    );
  }

  /** Person ids scored by the strongest range each matched, on readable tiers only. */
  private match(ranges: readonly QueryRange[], tiers: readonly Tier[]): Map<number, number> {
    const scores = new Map<number, number>();
    for (const range of ranges) {
      const upper = `${range.prefix}\u{10FFFF}`;
      for (const row of this.rangeStatement.iterate(range.prefix, upper, CANDIDATES_PER_RANGE)) {
        if (!(tiers as number[]).includes(row.tier)) continue;
        scores.set(row.person_id, Math.max(scores.get(row.person_id) ?? 0, range.weight));
      }
    }
    return scores;
  }

  search(query: string, tiers: readonly Tier[], limit: number, toSummary: (row: SummaryRow) => PersonSummary): PersonSummary[] {
    const queryWords = words(query).slice(0, MAX_QUERY_WORDS);
    if (queryWords.length === 0) return [];
    const perWord = queryWords.map((word) => this.match(queryRanges(word), tiers));
    const registration = registrationQueryRange(query);
    const byNumber = registration ? this.match([registration], tiers) : new Map<number, number>();

    const [first, ...rest] = [...perWord].sort((a, b) => a.size - b.size);
    const scored = new Map<number, number>(byNumber);
    for (const [id, score] of first ?? []) {
      let total = score;
      let everyWord = true;
      for (const other of rest) {
        const matched = other.get(id);
        if (matched === undefined) {
          everyWord = false;
          break;
        }
        total += matched;
      }
      if (everyWord) scored.set(id, Math.max(scored.get(id) ?? 0, total));
    }
    // Ids grow with registration order, so id breaks ties newest first without reading rows.
    return [...scored.entries()]
      .sort(([idA, a], [idB, b]) => b - a || idB - idA)
      .slice(0, limit)
      .map(([id]) => summaryRowOf(this.db, id))
      .filter((row): row is SummaryRow => row !== undefined)
      .map(toSummary);
  }

  /**
   * Likely duplicates of a person being registered: a shared name skeleton, then scored by how
   * many name words match, a birth year within two years, and a shared nationality. The clerk decides.
   */
  duplicates(query: DuplicateQuery, toSummary: (row: SummaryRow) => PersonSummary, limit = 5): PersonSummary[] {
    const names = [query.chosenName ?? '', ...(query.documentNames ?? [])].join(' ');
    // One entry per name word: the skeletons it may be found by (with and without an article).
    const keys = words(names)
      .map((word) => skeletons(word).filter((key) => key.length >= 2))
      .filter((alternatives) => alternatives.length > 0);
    if (keys.length === 0) return [];
    const nameHits = new Map<number, number>();
    const exact = prepared<[string, number], { person_id: number }>(this.db, 
      'SELECT DISTINCT person_id FROM search_terms WHERE term = ? LIMIT ?',
    );
    for (const alternatives of keys) {
      const matched = new Set<number>();
      for (const key of alternatives) {
        for (const row of exact.iterate(`s:${key}`, CANDIDATES_PER_RANGE)) matched.add(row.person_id);
      }
      for (const id of matched) nameHits.set(id, (nameHits.get(id) ?? 0) + 1);
    }
    const candidates = prepared<[number], { birth_year: number | null; tier1: string }>(this.db, 
      'SELECT birth_year, tier1 FROM people WHERE id = ?',
    );
    const scored: { id: number; score: number }[] = [];
    for (const [id, hits] of nameHits) {
      if (id === query.excludeId) continue;
      const nameScore = hits / keys.length;
      // Most name words must match: a shared family name alone makes a relative, not a duplicate.
      if (nameScore < 0.6) continue;
      const row = candidates.get(id);
      if (!row) continue;
      let score = nameScore * 2;
      if (query.birthYear !== undefined && row.birth_year !== null) {
        const gap = Math.abs(row.birth_year - query.birthYear);
        score += gap <= 2 ? 1 - gap * 0.25 : -1;
      }
      if (query.nationalities?.length) {
        const theirs = (JSON.parse(row.tier1) as { nationalities?: string[] }).nationalities ?? [];
        if (theirs.some((code) => query.nationalities?.includes(code))) score += 0.5;
      }
      if (score >= 1.5) scored.push({ id, score });
    }
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ id }) => summaryRowOf(this.db, id))
      .filter((row): row is SummaryRow => row !== undefined)
      .map(toSummary);
  }
}
