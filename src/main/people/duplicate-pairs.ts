import type { PersonFields, Tier } from '../../shared/catalogue';
import type { DuplicateReason } from '../../shared/people';
import { nameWordKeys } from '../../shared/text/name-keys';
import { digits, fold } from '../../shared/text/normalise';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { birthYearOf } from './age';

/** A likely pair, by id; the caller turns ids into summaries the reader may see. */
export interface ScoredPair {
  firstId: number;
  secondId: number;
  score: number;
  reasons: DuplicateReason[];
}

interface NameForm {
  /** Each word's phonetic keys (docs/search.md). */
  words: string[][];
  keys: Set<string>;
  arabicScript: boolean;
  fromDocument: boolean;
}

interface Candidate {
  id: number;
  names: NameForm[];
  /** The blocks this person is in, as 32-bit hashes, to score each pair in one block only. */
  blocks: number[];
  birthYear?: number;
  birthDate?: string;
  nationalities: string[];
  documentNumbers: string[];
  phone?: string;
}

const PAGE = 5000;
const INDEX_SPAN = 2 ** 22;
/** Most name words in common, as in the form's check: a shared family name alone makes a relative. */
const SHARED_NAME_WORDS = 0.6;
/** A full name in common that few people have, or a common one and a birth year, in any script. */
const LISTED_FROM = 2;
/** In a block this large, a person with no birth year is compared with nobody: too many pairs to weigh. */
const LARGE_BLOCK = 300;
const ARABIC_LETTER = /[\u0600-\u06ff]/u;

/**
 * The whole-register duplicate scan for the review (issue 10, item 6). Every record not merged is
 * read once, on the tiers the reader may read; people are put in blocks by the phonetic keys of the
 * first and last word of each of their names (so a name in either script, either word order, meets
 * its other forms), and only people in one block, born at most two years apart, are compared. Pairs
 * a protection officer judged not the same are left out. Strongest first.
 *
 * Blocks live in one sorted Float64Array (a 31-bit hash and a 22-bit person index packed in 53
 * bits, exact in a double) rather than a map of arrays: at a million people a map of strings costs
 * gigabytes.
 */
export function scanDuplicatePairs(db: Db, tiers: readonly Tier[], limit: number): ScoredPair[] {
  const readsTier1 = tiers.includes(1);
  if (!tiers.includes(0)) return [];
  const people: Candidate[] = [];
  const cache: NameKeysCache = new Map();
  const page = prepared<[number, number], { id: number; chosen_name: string; tier1: string }>(
    db,
    'SELECT id, chosen_name, tier1 FROM people WHERE id > ? AND merged_into IS NULL ORDER BY id LIMIT ?',
  );
  for (let after = 0; ; ) {
    const rows = page.all(after, PAGE);
    if (people.length + rows.length > INDEX_SPAN) throw new Error(`the duplicate scan handles at most ${INDEX_SPAN} records`);
    for (const row of rows) people.push(candidateOf(row.id, row.chosen_name, readsTier1 ? (JSON.parse(row.tier1) as PersonFields) : {}, cache));
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) break;
    after = last.id;
  }
  const dismissed = new Set(
    prepared<[], { first_id: number; second_id: number }>(db, 'SELECT min(first_id, second_id) AS first_id, max(first_id, second_id) AS second_id FROM not_duplicates')
      .all()
      .map((row) => `${row.first_id}:${row.second_id}`),
  );

  let entries = 0;
  for (const person of people) entries += person.blocks.length;
  const packed = new Float64Array(entries);
  let at = 0;
  people.forEach((person, index) => {
    for (const hash of person.blocks) packed[at++] = hash * INDEX_SPAN + index;
  });
  packed.sort();

  const sizes = new Map<number, number>();
  for (let start = 0; start < packed.length; ) {
    const hash = Math.floor((packed[start] ?? 0) / INDEX_SPAN);
    let end = start;
    while (end < packed.length && Math.floor((packed[end] ?? 0) / INDEX_SPAN) === hash) end += 1;
    sizes.set(hash, end - start);
    start = end;
  }

  const best = new TopPairs(limit);
  for (let start = 0; start < packed.length; ) {
    const hash = Math.floor((packed[start] ?? 0) / INDEX_SPAN);
    let end = start;
    while (end < packed.length && Math.floor((packed[end] ?? 0) / INDEX_SPAN) === hash) end += 1;
    if (end - start > 1) {
      const members: Candidate[] = [];
      for (let i = start; i < end; i += 1) {
        const person = people[(packed[i] ?? 0) % INDEX_SPAN];
        if (person) members.push(person);
      }
      compareBlock(members, hash, sizes, dismissed, readsTier1, best);
    }
    start = end;
  }
  return best.sorted();
}

function compareBlock(members: Candidate[], hash: number, sizes: ReadonlyMap<number, number>, dismissed: Set<string>, readsTier1: boolean, best: TopPairs): void {
  const rarity = nameRarity(members.length);
  members.sort((a, b) => (a.birthYear ?? -1) - (b.birthYear ?? -1));
  const large = members.length > LARGE_BLOCK;
  for (let i = 0; i < members.length; i += 1) {
    const a = members[i];
    if (!a) continue;
    if (large && a.birthYear === undefined) continue;
    for (let j = i + 1; j < members.length; j += 1) {
      const b = members[j];
      if (!b) continue;
      if (a.birthYear !== undefined && b.birthYear !== undefined && b.birthYear - a.birthYear > 2) break;
      // A pair in several blocks is weighed once, in the smallest: its rarest name in common.
      if (smallestShared(a.blocks, b.blocks, sizes) !== hash) continue;
      const [first, second] = a.id < b.id ? [a, b] : [b, a];
      if (dismissed.has(`${first.id}:${second.id}`)) continue;
      const scored = scorePair(first, second, readsTier1, rarity);
      if (scored) best.add(scored);
    }
  }
}

function smallestShared(a: readonly number[], b: readonly number[], sizes: ReadonlyMap<number, number>): number | undefined {
  let found: number | undefined;
  let foundSize = Infinity;
  for (const hash of a) {
    if (!b.includes(hash)) continue;
    const size = sizes.get(hash) ?? 0;
    if (size < foundSize || (size === foundSize && found !== undefined && hash < found)) {
      found = hash;
      foundSize = size;
    }
  }
  return found;
}

/**
 * How much a name in common says, from how many people share it (record linkage's frequency-based
 * weights): two of ten people with one name are likelier one person than two of a thousand
 * Mohammed Hassans. 1 up to ten people in the block, 0.5 at a hundred, a third at a thousand.
 */
function nameRarity(peopleWithName: number): number {
  return 1 / (1 + Math.log10(Math.max(peopleWithName, 10) / 10));
}

/** How strongly two records look like one person, and why; undefined when they do not. */
function scorePair(a: Candidate, b: Candidate, readsTier1: boolean, rarity = 1): ScoredPair | undefined {
  let name: { share: number; fromDocument: boolean; otherScript: boolean } | undefined;
  for (const x of a.names) {
    for (const y of b.names) {
      const share = sharedWords(x, y);
      if (share !== undefined && (!name || share > name.share)) {
        name = { share, fromDocument: x.fromDocument || y.fromDocument, otherScript: x.arabicScript !== y.arabicScript };
      }
    }
  }
  if (!name) return undefined;
  const reasons: DuplicateReason[] = [name.fromDocument ? 'document-name' : 'chosen-name'];
  if (name.otherScript) reasons.push('other-script');
  let score = name.share * 2 * rarity;
  if (readsTier1) {
    if (a.birthDate && a.birthDate === b.birthDate) {
      score += 1.5;
      reasons.push('birth-date');
    } else if (a.birthYear !== undefined && b.birthYear !== undefined) {
      const gap = Math.abs(a.birthYear - b.birthYear);
      if (gap > 2) return undefined;
      score += 1 - gap * 0.25;
      reasons.push('birth-year');
    }
    if (a.nationalities.some((code) => b.nationalities.includes(code))) {
      score += 0.5;
      reasons.push('nationality');
    }
    if (a.documentNumbers.some((number) => b.documentNumbers.includes(number))) {
      score += 3;
      reasons.push('document-number');
    }
    if (a.phone && a.phone === b.phone) {
      score += 2;
      reasons.push('phone');
    }
  }
  if (score < LISTED_FROM) return undefined;
  return { firstId: a.id, secondId: b.id, score: Math.round(score * 100) / 100, reasons };
}

/** The share of the shorter name's words found in the other, by phonetic key; undefined below the bar. */
function sharedWords(x: NameForm, y: NameForm): number | undefined {
  const shorter = x.words.length <= y.words.length ? x : y;
  const longer = shorter === x ? y : x;
  if (shorter.words.length < 2) return undefined;
  const matched = shorter.words.filter((keys) => keys.some((key) => longer.keys.has(key))).length;
  const share = matched / shorter.words.length;
  return matched >= 2 && share >= SHARED_NAME_WORDS ? share : undefined;
}

function candidateOf(id: number, chosenName: string, tier1: PersonFields, cache: NameKeysCache = new Map()): Candidate {
  const names = [
    nameForm(chosenName, false, cache),
    ...(tier1.documents ?? []).flatMap((document) => (document.nameOnDocument ? [nameForm(document.nameOnDocument, true, cache)] : [])),
  ].filter(
    (form) => form.words.length > 0,
  );
  const blocks = new Set<number>();
  for (const form of names) {
    const first = form.words[0] ?? [];
    const last = form.words[form.words.length - 1] ?? [];
    if (form.words.length < 2) continue;
    // Either order: a document may put the family name first.
    for (const k1 of first) for (const k2 of last) blocks.add(hash31(k1 < k2 ? `${k1}|${k2}` : `${k2}|${k1}`));
  }
  const birthYear = birthYearOf(tier1.birth);
  const phone = tier1.phone ? digits(tier1.phone).slice(-8) : '';
  return {
    id,
    names,
    blocks: [...blocks],
    ...(birthYear !== undefined ? { birthYear } : {}),
    ...(tier1.birth?.precision === 'exact' ? { birthDate: tier1.birth.date } : {}),
    nationalities: tier1.nationalities ?? [],
    documentNumbers: (tier1.documents ?? []).flatMap((document) => {
      const number = document.number ? fold(document.number).replace(/[^\p{L}\p{N}]/gu, '') : '';
      return number.length >= 4 ? [number] : [];
    }),
    ...(phone.length >= 7 ? { phone } : {}),
  };
}

/**
 * Names repeat (a register of a million holds far fewer distinct names), and working out a name's
 * keys costs more than the rest of the scan together: each distinct name is keyed once a scan.
 */
type NameKeysCache = Map<string, { words: string[][]; keys: Set<string> }>;

function nameForm(name: string, fromDocument: boolean, cache: NameKeysCache): NameForm {
  let keyed = cache.get(name);
  if (!keyed) {
    // One-letter keys too (Layla: l, Aya: a): a block pairs them with the other word's key anyway.
    const words = nameWordKeys(name)
      .map(({ keys }) => keys)
      .filter((keys) => keys.length > 0);
    keyed = { words, keys: new Set(words.flat()) };
    cache.set(name, keyed);
  }
  return { ...keyed, arabicScript: ARABIC_LETTER.test(name), fromDocument };
}

/** FNV-1a, 31 bits: block keys only; a collision merely puts two blocks together. */
function hash31(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 1;
}

/** The strongest pairs seen, kept to a bounded list; newest pairs first among equals. */
class TopPairs {
  private pairs: ScoredPair[] = [];
  constructor(private readonly limit: number) {}

  add(pair: ScoredPair): void {
    this.pairs.push(pair);
    if (this.pairs.length > this.limit * 4 + 1000) this.pairs = this.sorted();
  }

  sorted(): ScoredPair[] {
    return this.pairs.sort((a, b) => b.score - a.score || b.secondId - a.secondId || b.firstId - a.firstId).slice(0, this.limit);
  }
}
