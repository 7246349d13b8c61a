/**
 * Consistent perturbation (the cell key method of the ABS TableBuilder and the 2021 census of
 * England and Wales). Each person has a random record key (migration 7; 0 to 2^32 - 1, encrypted
 * with the rest of the database, never exported or shown). A published number's cell key is the
 * sum of its members' record keys; the number published is its true count plus a small amount
 * looked up in a fixed perturbation table by that key and by how far the count is above its
 * threshold. So:
 *
 * - the same people always give the same published number: repeating a request, or averaging
 *   any number of exports, gains nothing;
 * - one person more or fewer gives a new cell key, uniformly random and independent of the old
 *   one, hence an unrelated perturbation;
 * - within a breakdown, the key also takes in a table key: a hash of every member's record key
 *   and category in that table. A person added, removed or moved between categories changes it,
 *   and with it every cell of the table, so the cells whose members did not change cannot tell
 *   which ones did. (The plain cell key alone would leave them identical, and the one cell that
 *   moved would stand out.) Numbers that appear in several tables (the people in the period, the
 *   unaccompanied children) and the registrations per period use the plain cell key, so each is
 *   one number wherever it appears.
 *
 * The table is zero-mean for every row, never publishes below the threshold (a count exactly at
 * the threshold is published as it is; one above it moves by at most its distance from it), and
 * moves a count by at most 3, so a total of 1,000 people is within 3 of the truth. Zeros are not
 * perturbed; where a zero would tell something (tier-2 breakdowns) it is suppressed instead
 * (suppress.ts). Totals are perturbed like any cell and are not forced to add up.
 */

/** How far a count may move: a published count is within this of the true one. */
export const PERTURBATION_MAX = 3;
/** Columns of the perturbation table: a cell key picks one, as the ABS and ONS tables do. */
export const CELL_KEY_RANGE = 256;

/**
 * Per row (the count's room above its threshold, capped at PERTURBATION_MAX), how many of the
 * 256 columns hold each perturbation from -3 to +3. Each row sums to 256 and is symmetric, so
 * zero-mean. Row 3 (every count at least 3 above its threshold): variance 2.75, mean absolute
 * change 1.25. Why ±3 and not ±2: with ±2, a reader who knows one person was added to a month and
 * compares the livelihood table before and after guessed "other livelihood" against "not
 * recorded" 15 points better than chance when the two are equally likely; with ±3, 10 (and 1 to
 * 4 points at the site's own proportions). See docs/statistics.md.
 */
const DISTRIBUTION: readonly (readonly [number, number][])[] = [
  [[0, 256]],
  [
    [-1, 80],
    [0, 96],
    [1, 80],
  ],
  [
    [-2, 32],
    [-1, 56],
    [0, 80],
    [1, 56],
    [2, 32],
  ],
  [
    [-3, 16],
    [-2, 32],
    [-1, 48],
    [0, 64],
    [1, 48],
    [2, 32],
    [3, 16],
  ],
];

/** The perturbation table: rows by room above the threshold, columns by cell key. */
export const PERTURBATION_TABLE: readonly Int8Array[] = DISTRIBUTION.map((row) => {
  const column = new Int8Array(CELL_KEY_RANGE);
  let at = 0;
  for (const [value, count] of row) column.fill(value, at, (at += count));
  if (at !== CELL_KEY_RANGE) throw new Error(`perturbation table row covers ${at} of ${CELL_KEY_RANGE} columns`);
  return column;
});

const TWO_32 = 4_294_967_296;

/** MurmurHash3's finaliser: a bijection on 32-bit integers that mixes every bit into every other. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A category's salt for the table key: a person's record key and category, mixed. */
export function categoryKey(recordKey: number, category: number): number {
  return mix32((recordKey + Math.imul(category + 1, 0x9e3779b9)) >>> 0);
}

const codeHashes = new Map<string, number>();
/** A stable number for a category code (FNV-1a), for table keys of categories named by code. */
export function codeNumber(code: string): number {
  let hash = codeHashes.get(code);
  if (hash !== undefined) return hash;
  hash = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) hash = Math.imul(hash ^ code.charCodeAt(i), 0x01000193) >>> 0;
  codeHashes.set(code, hash);
  return hash;
}

/**
 * The published value of a true count. `cellKey` is the sum of the members' record keys,
 * `tableKey` the table's content key (0 for numbers that must be the same in every table),
 * `threshold` the smallest count the position may publish. Zero stays zero.
 */
export function perturbedCount(count: number, cellKey: number, tableKey: number, threshold: number): number {
  if (count <= 0) return count;
  const room = Math.max(0, Math.min(PERTURBATION_MAX, count - threshold));
  const column = mix32(((cellKey % TWO_32) + mix32((tableKey % TWO_32) ^ 0x5bd1e995)) >>> 0) % CELL_KEY_RANGE;
  return count + (PERTURBATION_TABLE[room]?.[column] ?? 0);
}
