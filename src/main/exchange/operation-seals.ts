import { hash } from 'node:crypto';
import { FIELD_KEYS, fieldSpec } from '../../shared/catalogue';

/**
 * What an operation's value contributes to its desk's chain of operations (operation-chain.ts),
 * such that an erasure can take the value away and the chain still holds.
 *
 * A desk that passes on another desk's operations must not be able to change them, so each desk
 * chains its operations by hash and signs the head. But an erasure (a consent withdrawn) takes
 * values out of every desk's logs, after they were chained: a hash of the value could no longer be
 * checked, and a plain hash kept in its place would let whoever holds a log test guesses of a
 * low-entropy value ("sex work: yes") against it. So each erasable value (a person's tiered field)
 * is hashed with a random salt, the seal, made with the operation (migration 23's trigger); erasing
 * the value keeps its salted digest and forgets its salt, so what is left names nothing.
 *
 * Seal forms, as JSON text in the operation's `seal` column:
 * - `{"s": salt}`: one random salt for the operation; each value's salt is derived from it by path.
 * - `{"l": {path: salt}, "d": {path: digest}}`: after an erasure: the salt of each value still held,
 *   and the digest of each value erased.
 * Operations that hold no erasable value have no seal; theirs is hashed as it is. An erasable one
 * made before seals has none either, and is hashed without the values a consent erases.
 */

/** The objects of a person row whose keys are erasable fields (EXCHANGED_TABLES: person.objects). */
const TIERS = ['tier0', 'tier1', 'tier2'] as const;
/** A tiered value's path, as the trigger of migration 23 tells them (GLOB 'tier[0-2].*'). */
const PATH = /^tier[0-2]\..{1,128}$/s;
const HEX32 = /^[0-9a-f]{32}$/;
const HEX64 = /^[0-9a-f]{64}$/;

type Seal = { s: string } | { l: Record<string, string>; d: Record<string, string> };

/** An operation as far as its digest goes. */
export interface SealedValue {
  entity: string;
  field: string;
  /** JSON text; null for a key removed from its object, or a value erased. */
  value: string | null;
  seal: string | null;
}

/** One hash of several texts, each prefixed by its length so no two lists of texts give one input. */
const sha256 = (...parts: string[]): string => hash('sha256', parts.map((part) => `${part.length}:${part}`).join(''), 'hex');

/** Whether the operation sets one erasable value (a field op) or may hold several (a person's making op). */
function erasableShape(entity: string, field: string): 'leaf' | 'row' | undefined {
  if (entity !== 'person') return undefined;
  if (field === '') return 'row';
  return PATH.test(field) ? 'leaf' : undefined;
}

/** Whether a newly made operation of this shape gets a seal (the trigger of migration 23 says the same in SQL). */
export function isSealed(entity: string, field: string): boolean {
  return erasableShape(entity, field) !== undefined;
}

// Read once per operation chained or checked: a plain check of the two forms rather than a zod
// schema, which took a third of the time of chaining a desk's 325,000 operations.
const isHexMap = (value: unknown, hex: RegExp): value is Record<string, string> =>
  isObject(value) && Object.entries(value).every(([path, item]) => PATH.test(path) && typeof item === 'string' && hex.test(item));

function parseSeal(text: string | null): Seal | null | undefined {
  if (text === null) return null;
  const parsed = parseJson(text);
  if (!isObject(parsed)) return undefined;
  const keys = Object.keys(parsed);
  if (keys.length === 1 && typeof parsed.s === 'string' && HEX32.test(parsed.s)) return { s: parsed.s };
  if (keys.length === 2 && isHexMap(parsed.l, HEX32) && isHexMap(parsed.d, HEX64)) return { l: parsed.l, d: parsed.d };
  return undefined;
}

/** The values a withdrawn consent erases (fields.ts, `consent`): no others are ever erased. */
const CONSENT_BOUND: readonly string[] = FIELD_KEYS.filter((key) => fieldSpec(key).consent !== undefined).map((key) => `tier${fieldSpec(key).tier}.${key}`);

/**
 * Whether the values an operation comes without are only values a withdrawn consent erases. A desk
 * passing on another desk's operation can take a value out and keep its digest (the chain still
 * holds); it cannot take out a name or a date so, as no erasure ever does.
 */
export function erasedOnlyByConsent(seal: string | null): boolean {
  const parsed = parseSeal(seal);
  return !parsed || 's' in parsed || Object.keys(parsed.d).every((path) => CONSENT_BOUND.includes(path));
}

/** Whether a received seal is one of the forms above (checked with the bundle, before anything is applied). */
export function isSealText(text: string | null): boolean {
  return parseSeal(text) !== undefined;
}

function saltOf(seal: Seal, path: string): string | undefined {
  return 's' in seal ? sha256('salt', seal.s, path).slice(0, 32) : seal.l[path];
}

/** JSON with keys in order, so one value has one text whichever desk wrote or rewrote it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function leafDigest(salt: string, value: unknown): string {
  return sha256('leaf', salt, value === undefined ? '-' : `+${canonicalJson(value)}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const splitPath = (path: string): [string, string] => [path.slice(0, path.indexOf('.')), path.slice(path.indexOf('.') + 1)];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The digest the chain takes of an operation's value; undefined when the seal does not account for
 * what the value holds (a value without its salt, a salt or digest for a value that is not there):
 * such an operation was not made so, and a bundle carrying it is refused.
 */
export function valueDigest(op: SealedValue): string | undefined {
  const shape = erasableShape(op.entity, op.field);
  const seal = parseSeal(op.seal);
  if (seal === undefined) return undefined;
  // Not erasable: hashed as it is.
  if (shape === undefined) return sha256('plain', op.value === null ? '-' : `+${op.value}`);
  // Made before seals (migration 23), so without one: the desks hold the values a withdrawn consent
  // erases unsalted, some erased and some not, so the chain takes all but those; they are the one
  // part of such an operation a desk passing it on could change. Which form an operation has is in
  // the chain too: a seal taken off or put on changes its hash.
  if (seal === null) {
    if (shape === 'leaf') return ERASED_BEFORE_SEALS.includes(op.field) ? sha256('unsealed') : sha256('unsealed', op.value === null ? '-' : `+${op.value}`);
    return sha256('unsealed-row', canonicalJson(withoutErasable(op.value)));
  }
  if (shape === 'leaf') {
    const erased = 'd' in seal ? seal.d[op.field] : undefined;
    if (erased !== undefined) return op.value === null ? erased : undefined;
    const salt = saltOf(seal, op.field);
    return salt === undefined ? undefined : leafDigest(salt, op.value === null ? undefined : parseJson(op.value));
  }
  const row = op.value === null ? undefined : parseJson(op.value);
  if (!isObject(row)) return op.value === null && !('d' in seal && Object.keys(seal.d).length > 0) ? sha256('plain', '-') : undefined;
  const digests: Record<string, Record<string, string>> = {};
  for (const tier of TIERS) {
    const object = row[tier];
    if (object === undefined) continue;
    if (!isObject(object)) return undefined;
    digests[tier] = {};
    for (const [key, value] of Object.entries(object)) {
      const salt = saltOf(seal, `${tier}.${key}`);
      if (salt === undefined || ('d' in seal && seal.d[`${tier}.${key}`] !== undefined)) return undefined;
      digests[tier][key] = leafDigest(salt, value);
    }
  }
  for (const [path, digest] of Object.entries('d' in seal ? seal.d : {})) {
    const [tier, key] = splitPath(path);
    (digests[tier] ??= {})[key] = digest;
  }
  return sha256('row', canonicalJson({ ...dropTiers(row), ...digests }));
}

const dropTiers = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !(TIERS as readonly string[]).includes(key)));

/**
 * The values a withdrawn consent erased when seals began (fields.ts, `consent`), frozen with
 * migration 23: operations made before it are chained without them, and every desk, of whichever
 * version, must compute their hashes alike.
 */
export const ERASED_BEFORE_SEALS: readonly string[] = ['tier2.sexualOrientation', 'tier2.sexCharacteristics'];

/** A row's value without the values ERASED_BEFORE_SEALS (what is not an object, as it is). */
function withoutErasable(value: string | null): unknown {
  const row = value === null ? undefined : parseJson(value);
  if (!isObject(row)) return value;
  const copy = structuredClone(row);
  for (const path of ERASED_BEFORE_SEALS) {
    const [tier, key] = splitPath(path);
    const object = copy[tier];
    if (isObject(object)) delete object[key];
  }
  return copy;
}

/**
 * The operation with the given values erased: each leaves its salted digest in the seal and its
 * salt is forgotten, so the chain still holds and nothing is left to test a guess against. An
 * operation made before seals has its values taken away as before.
 */
export function eraseValues(op: SealedValue, paths: readonly string[]): { value: string | null; seal: string | null } {
  const seal = parseSeal(op.seal) ?? null;
  const shape = erasableShape(op.entity, op.field);
  if (shape === 'leaf') {
    if (!paths.includes(op.field) || op.value === null) return { value: op.value, seal: op.seal };
    if (seal === null) return { value: null, seal: null };
    const digest = valueDigest(op);
    const kept = expanded(seal, []);
    delete kept.l[op.field];
    return { value: null, seal: JSON.stringify({ l: kept.l, d: digest === undefined ? kept.d : { ...kept.d, [op.field]: digest } }) };
  }
  const row = op.value === null ? undefined : parseJson(op.value);
  if (shape !== 'row' || !isObject(row)) return { value: op.value, seal: op.seal };
  const held = paths.filter((path) => {
    const [tier, key] = splitPath(path);
    const object = row[tier];
    return isObject(object) && key in object;
  });
  if (held.length === 0) return { value: op.value, seal: op.seal };
  const leaves = TIERS.flatMap((tier) => (isObject(row[tier]) ? Object.keys(row[tier]).map((key) => `${tier}.${key}`) : []));
  const kept = seal === null ? null : expanded(seal, leaves);
  for (const path of held) {
    const [tier, key] = splitPath(path);
    const object = row[tier] as Record<string, unknown>;
    if (kept) {
      const salt = kept.l[path];
      if (salt !== undefined) kept.d[path] = leafDigest(salt, object[key]);
      delete kept.l[path];
    }
    delete object[key];
  }
  return { value: JSON.stringify(row), seal: kept === null ? null : JSON.stringify(kept) };
}

/** A seal in its second form: each of the given values' salts spelled out, so one can be forgotten alone. */
function expanded(seal: Seal, paths: readonly string[]): { l: Record<string, string>; d: Record<string, string> } {
  if ('l' in seal) return { l: { ...seal.l }, d: { ...seal.d } };
  const l: Record<string, string> = {};
  for (const path of paths) l[path] = saltOf(seal, path) ?? '';
  return { l, d: {} };
}
