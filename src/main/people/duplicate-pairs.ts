import type { PersonFields, Tier } from '../../shared/catalogue';
import type { DuplicateReason } from '../../shared/people';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { CandidateReader, NO_VALUE, type Candidate, type IdentityDocument, type NameForm } from './duplicate-candidates';

/** A likely pair, by id; the caller turns ids into summaries the reader may see. */
export interface ScoredPair {
  firstId: number;
  secondId: number;
  score: number;
  reasons: DuplicateReason[];
}

const PAGE = 5000;
const INDEX_SPAN = 2 ** 22;
/** Most name words in common, as in the form's check: a shared family name alone makes a relative. */
const SHARED_NAME_WORDS = 0.6;
/** A full name in common that few people have, or a common one and a birth year, in any script. */
const LISTED_FROM = 2;
/**
 * What agreeing, and disagreeing, on a tier-1 field adds to a pair's score (record linkage's
 * agreement and disagreement weights: a field both records hold and that differs is evidence of
 * two people, not the mere absence of evidence). Disagreements weigh less than agreements: a
 * person's second registration may carry a renewed passport, a corrected birth date or a second
 * nationality. Sex on a document is never weighed: it differs between the documents of a person
 * who transitioned, and the people it would push apart are the ones least able to explain twice.
 */
const WEIGHTS = {
  birthDate: 1.5,
  birthYear: 1,
  perYearApart: 0.25,
  /** Both exact birth dates known and different: the birth year counts for this share. */
  otherExactDate: 0.5,
  nationality: 0.5,
  /** Both hold nationalities and none in common. */
  otherNationality: -1,
  documentNumber: 3,
  /** A document of one type from one country on each record, with different numbers. */
  otherDocumentNumber: -1.5,
  phone: 2,
} as const;
/** In a block this large, a person with no birth year is compared with nobody: too many pairs to weigh. */
const LARGE_BLOCK = 300;

/**
 * The whole-register duplicate scan for the review (issue 10, item 6). Every record not merged is
 * read once, on the tiers the reader may read; people are put in blocks by the phonetic keys of the
 * first and last word of each of their names (so a name in either script, either word order, meets
 * its other forms), and only people in one block, born at most two years apart, are compared. Pairs
 * a protection officer judged not the same are left out. Strongest first.
 *
 * At a million people the blocks of common names hold thousands of people and the pairs weighed
 * number tens of millions, so weighing allocates nothing (`weigh` works on numbers), blocks are
 * weighed rarest name first, and once the list is full a pair below its weakest is dropped unseen:
 * first on what its other fields add to a whole name in common, before its names are compared.
 * Blocks live in one sorted Float64Array (a 31-bit hash and a 22-bit person index packed in 53
 * bits, exact in a double) rather than a map of arrays: at a million people a map costs gigabytes.
 */
export function scanDuplicatePairs(db: Db, tiers: readonly Tier[], limit: number): ScoredPair[] {
  const readsTier1 = tiers.includes(1);
  if (!tiers.includes(0)) return [];
  const people = readCandidates(db, readsTier1);
  const dismissed = dismissedPairs(db);

  let entries = 0;
  for (const person of people) entries += person.blocks.length;
  const packed = new Float64Array(entries);
  let at = 0;
  people.forEach((person, index) => {
    for (const hash of person.blocks) packed[at++] = hash * INDEX_SPAN + index;
  });
  packed.sort();

  const blocks: { hash: number; start: number; end: number }[] = [];
  for (let start = 0; start < packed.length; ) {
    const hash = Math.floor((packed[start] ?? 0) / INDEX_SPAN);
    let end = start;
    while (end < packed.length && Math.floor((packed[end] ?? 0) / INDEX_SPAN) === hash) end += 1;
    if (end - start > 1) blocks.push({ hash, start, end });
    start = end;
  }
  const sizes = new Map(blocks.map(({ hash, start, end }) => [hash, end - start]));
  // A pair in several blocks is weighed once, in the smallest: its rarest name in common.
  for (const person of people) person.blocks.sort((a, b) => (sizes.get(a) ?? 1) - (sizes.get(b) ?? 1) || a - b);
  blocks.sort((a, b) => a.end - a.start - (b.end - b.start) || a.hash - b.hash);

  const best = new TopPairs(limit);
  for (const { hash, start, end } of blocks) {
    const members: Candidate[] = [];
    for (let i = start; i < end; i += 1) {
      const person = people[(packed[i] ?? 0) % INDEX_SPAN];
      if (person) members.push(person);
    }
    compareBlock(members, hash, dismissed, readsTier1, best);
  }
  return best.sorted();
}

function readCandidates(db: Db, readsTier1: boolean): Candidate[] {
  const people: Candidate[] = [];
  const reader = new CandidateReader();
  const page = prepared<[number, number], { id: number; chosen_name: string; tier1: string }>(
    db,
    'SELECT id, chosen_name, tier1 FROM people WHERE id > ? AND merged_into IS NULL ORDER BY id LIMIT ?',
  );
  for (let after = 0; ; ) {
    const rows = page.all(after, PAGE);
    if (people.length + rows.length > INDEX_SPAN) throw new Error(`the duplicate scan handles at most ${INDEX_SPAN} records`);
    for (const row of rows) people.push(reader.candidateOf(row.id, row.chosen_name, readsTier1 ? (JSON.parse(row.tier1) as PersonFields) : {}));
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) break;
    after = last.id;
  }
  return people;
}

/** The pairs a protection officer judged not the same, by the lower id. */
function dismissedPairs(db: Db): ReadonlyMap<number, ReadonlySet<number>> {
  const dismissed = new Map<number, Set<number>>();
  const rows = prepared<[], { first_id: number; second_id: number }>(db, 'SELECT min(first_id, second_id) AS first_id, max(first_id, second_id) AS second_id FROM not_duplicates').all();
  for (const row of rows) {
    const seconds = dismissed.get(row.first_id) ?? new Set<number>();
    seconds.add(row.second_id);
    dismissed.set(row.first_id, seconds);
  }
  return dismissed;
}

function compareBlock(members: Candidate[], hash: number, dismissed: ReadonlyMap<number, ReadonlySet<number>>, readsTier1: boolean, best: TopPairs): void {
  const rarity = nameRarity(members.length);
  // The most a name in common can add (every word shared): a pair whose other fields cannot lift
  // even that to the list is dropped before its names are compared, the costly part of weighing.
  const wholeName = 2 * rarity;
  members.sort((a, b) => a.birthYear - b.birthYear);
  const large = members.length > LARGE_BLOCK;
  for (let i = 0; i < members.length; i += 1) {
    const a = members[i];
    if (!a) continue;
    if (large && a.birthYear === NO_VALUE) continue;
    for (let j = i + 1; j < members.length; j += 1) {
      const b = members[j];
      if (!b) continue;
      if (a.birthYear !== NO_VALUE && b.birthYear - a.birthYear > 2) break;
      // Floating-point adding is monotone: the ceiling, summed in the same order, is never below the score.
      const ceiling = readsTier1 ? withPersonalFields(a, b, wholeName) : wholeName;
      if (ceiling < LISTED_FROM || rounded(ceiling) < best.floor) continue;
      if (rarestShared(a.blocks, b.blocks) !== hash) continue;
      // Weighed in id order both times, so the reasons are those of the score.
      const first = a.id < b.id ? a : b;
      const second = a.id < b.id ? b : a;
      const score = weigh(first, second, readsTier1, rarity);
      if (score < LISTED_FROM || rounded(score) < best.floor) continue;
      if (dismissed.get(first.id)?.has(second.id)) continue;
      const reasons: DuplicateReason[] = [];
      weigh(first, second, readsTier1, rarity, reasons);
      best.add({ firstId: first.id, secondId: second.id, score: rounded(score), reasons });
    }
  }
}

/** The first of a's blocks (ordered rarest first) that b is in too. */
function rarestShared(a: readonly number[], b: readonly number[]): number | undefined {
  for (const hash of a) if (b.includes(hash)) return hash;
  return undefined;
}

/**
 * How much a name in common says, from how many people share it (record linkage's frequency-based
 * weights): two of ten people with one name are likelier one person than two of a thousand
 * Mohammed Hassans. 1 up to ten people in the block, 0.5 at a hundred, a third at a thousand.
 */
function nameRarity(peopleWithName: number): number {
  return 1 / (1 + Math.log10(Math.max(peopleWithName, 10) / 10));
}

/**
 * How strongly two records look like one person: 0 when they do not. With `reasons`, also says why
 * (the same arithmetic, so the reasons shown never part from the score).
 */
function weigh(a: Candidate, b: Candidate, readsTier1: boolean, rarity: number, reasons?: DuplicateReason[]): number {
  let share = 0;
  let fromDocument = false;
  let otherScript = false;
  for (const x of a.names) {
    for (const y of b.names) {
      const shared = sharedWords(x, y);
      if (shared > share) {
        share = shared;
        fromDocument = x.fromDocument || y.fromDocument;
        otherScript = x.arabicScript !== y.arabicScript;
      }
    }
  }
  if (share === 0) return 0;
  reasons?.push(fromDocument ? 'document-name' : 'chosen-name');
  if (otherScript) reasons?.push('other-script');
  const score = share * 2 * rarity;
  return readsTier1 ? withPersonalFields(a, b, score, reasons) : score;
}

/** `score` with what the tier-1 fields add to it, or 0 when the births are over two years apart. */
function withPersonalFields(a: Candidate, b: Candidate, nameScore: number, reasons?: DuplicateReason[]): number {
  let score = nameScore;
  if (a.birthDate !== NO_VALUE && a.birthDate === b.birthDate) {
    score += WEIGHTS.birthDate;
    reasons?.push('birth-date');
  } else if (a.birthYear !== NO_VALUE && b.birthYear !== NO_VALUE) {
    const gap = Math.abs(a.birthYear - b.birthYear);
    if (gap > 2) return 0;
    const bothExact = a.birthDate !== NO_VALUE && b.birthDate !== NO_VALUE;
    score += (WEIGHTS.birthYear - gap * WEIGHTS.perYearApart) * (bothExact ? WEIGHTS.otherExactDate : 1);
    reasons?.push('birth-year');
  }
  if (anyInCommon(a.nationalities, b.nationalities)) {
    score += WEIGHTS.nationality;
    reasons?.push('nationality');
  } else if (a.nationalities.length > 0 && b.nationalities.length > 0) {
    score += WEIGHTS.otherNationality;
  }
  const documents = documentsCompared(a.documents, b.documents);
  if (documents === SAME_NUMBER) {
    score += WEIGHTS.documentNumber;
    reasons?.push('document-number');
  } else if (documents === SAME_KIND) {
    score += WEIGHTS.otherDocumentNumber;
  }
  if (a.phoneHash === b.phoneHash && a.phone !== '' && a.phone === b.phone) {
    score += WEIGHTS.phone;
    reasons?.push('phone');
  }
  return score;
}

// Loops rather than `some` with a closure: these run for each of the tens of millions of pairs.
function anyInCommon(a: readonly number[], b: readonly number[]): boolean {
  for (const value of a) if (b.includes(value)) return true;
  return false;
}

const SAME_NUMBER = 2;
const SAME_KIND = 1;
const NOTHING_IN_COMMON = 0;

/** Whether the two records hold one document number, else a document of one kind each. */
function documentsCompared(a: readonly IdentityDocument[], b: readonly IdentityDocument[]): number {
  let sameKind = false;
  for (const x of a) {
    for (const y of b) {
      if (x.numberHash === y.numberHash && x.number === y.number) return SAME_NUMBER;
      if (x.kind === y.kind) sameKind = true;
    }
  }
  return sameKind ? SAME_KIND : NOTHING_IN_COMMON;
}

/**
 * The share of the shorter name's words found in the other, by phonetic key; 0 below the bar. Two
 * names of as many words are read both ways and the larger share counts, so the pair's score does
 * not depend on which record is read first.
 */
function sharedWords(x: NameForm, y: NameForm): number {
  if (x.words.length === y.words.length) return Math.max(shareFound(x.words, y.keys), shareFound(y.words, x.keys));
  return x.words.length < y.words.length ? shareFound(x.words, y.keys) : shareFound(y.words, x.keys);
}

function shareFound(words: readonly (readonly number[])[], keys: ReadonlySet<number>): number {
  if (words.length < 2) return 0;
  let matched = 0;
  for (const wordKeys of words) if (wordKeys.some((key) => keys.has(key))) matched += 1;
  const share = matched / words.length;
  return matched >= 2 && share >= SHARED_NAME_WORDS ? share : 0;
}

function rounded(score: number): number {
  return Math.round(score * 100) / 100;
}

/** The strongest pairs seen, kept to a bounded list; newest pairs first among equals. */
class TopPairs {
  private pairs: ScoredPair[] = [];
  /** Once the list is full, the score of its weakest pair: a weaker pair can never be listed. */
  floor = -Infinity;
  constructor(private readonly limit: number) {}

  add(pair: ScoredPair): void {
    this.pairs.push(pair);
    if (this.pairs.length > this.limit * 4 + 1000) {
      this.pairs = this.sorted();
      this.floor = this.pairs[this.limit - 1]?.score ?? -Infinity;
    }
  }

  sorted(): ScoredPair[] {
    return this.pairs.sort((a, b) => b.score - a.score || b.secondId - a.secondId || b.firstId - a.firstId).slice(0, this.limit);
  }
}
