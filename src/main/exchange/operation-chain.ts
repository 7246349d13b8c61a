import { hash as digestOf, sign, verify, type KeyObject } from 'node:crypto';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import type { CarriedChain, Operation } from './operations';
import { erasedOnlyByConsent, valueDigest } from './operation-seals';

/**
 * Each desk's operations form a hash chain, and the desk signs its head: a desk that passes on
 * another desk's operations (exchange-run.ts, sentOnRuns) can then pass them on only as their desk
 * made them. Without it, any desk's key (a lost laptop's, before its retirement is known) could put
 * changes to records under another desk's name at a desk that lacked them.
 *
 * hash(n) = sha256(hash(n-1), desk, seq, hlc, account, entity, row, field, version, value digest),
 * from GENESIS before the desk's operation 1. The value enters by its digest (operation-seals.ts),
 * so an erasure leaves the chain whole. A desk's operations made before migration 23 have no seal
 * and enter the chain without the values a withdrawn consent erases, which the desks hold unsalted
 * and erased or not: every desk computes the same hashes for them from what it holds, so a desk that
 * held them before the chain began can check them against a head and pass them on.
 */
export const CHAIN_GENESIS = '0'.repeat(64);

/** A desk's signed word for its operations up to `seq`: their chain ends in `hash`. */
export interface ChainHead {
  seq: number;
  hash: string;
  /** Ed25519 over headMessage, base64. */
  signature: string;
}

export function chainNext(prev: string, op: Operation): string | undefined {
  const digest = valueDigest(op);
  if (digest === undefined) return undefined;
  return digestOf('sha256', JSON.stringify([prev, op.desk, op.seq, op.hlc, op.account, op.entity, op.row, op.field, op.version, digest]), 'hex');
}

function headMessage(site: string, desk: number, head: Omit<ChainHead, 'signature'>): Buffer {
  return Buffer.from(`intake-operations-head/1\n${site}\n${desk}\n${head.seq}\n${head.hash}`, 'utf8');
}

export function signHead(site: string, desk: number, head: Omit<ChainHead, 'signature'>, privateKey: KeyObject): ChainHead {
  return { ...head, signature: sign(null, headMessage(site, desk, head), privateKey).toString('base64') };
}

export function isSignedHead(site: string, desk: number, publicKey: KeyObject, head: ChainHead): boolean {
  try {
    return verify(null, headMessage(site, desk, head), publicKey, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * A run of a desk's operations (gap-free, in order) with each one's chain hash set, when the head
 * carried with it is the desk's and the run, chained on from `prev` (the hash before its first
 * operation), ends in the hash it signed; undefined when not (altered, made up, cut elsewhere, or a
 * head not the desk's).
 */
export function checkedRun(site: string, desk: number, publicKey: KeyObject, ops: readonly Operation[], carried: CarriedChain): Operation[] | undefined {
  const { head, prev } = carried;
  if (!isSignedHead(site, desk, publicKey, head)) return undefined;
  const checked: Operation[] = [];
  let hash = ops[0]?.seq === 1 ? CHAIN_GENESIS : prev;
  for (const op of ops) {
    const next = chainNext(hash, op);
    if (next === undefined || !erasedOnlyByConsent(op.seal)) return undefined;
    hash = next;
    checked.push({ ...op, chain: hash });
  }
  const last = ops[ops.length - 1];
  if (last && (last.seq !== head.seq || hash !== head.hash)) return undefined;
  return checked;
}

/** The chain's hash before `seq`: GENESIS before operation 1, else the hash of the one before it. */
function hashBefore(seq: number, hashOf: (seq: number) => string | undefined): string | undefined {
  return seq <= 1 ? CHAIN_GENESIS : hashOf(seq - 1);
}

/**
 * Chains this desk's own operations not yet chained, in order, up to the first gap (a desk put back
 * from a backup until the others send back what it lost). Their seals were made with them, so a
 * desk put back from a backup chains the operations it holds again to the same hashes.
 */
export function chainOwnOperations(db: Db, desk: number): void {
  const chained = ownChainEnd(db);
  let hash = hashBefore(chained + 1, (seq) => ownChainHash(db, seq));
  if (hash === undefined) return;
  const ops = prepared<[number], Omit<Operation, 'desk'>>(db, 'SELECT seq, hlc, account, entity, row, field, version, value, seal FROM own_operations WHERE seq > ? ORDER BY seq').all(chained);
  const write = prepared(db, 'UPDATE own_operations SET chain = ? WHERE seq = ?');
  let last = chained;
  for (const op of ops) {
    if (op.seq !== last + 1) break;
    const next = chainNext(hash, { desk, ...op });
    // Only seals this desk's own trigger made are here: a digest fails only in a broken database.
    if (next === undefined) throw new Error(`Operation ${op.seq} of this desk cannot be chained: its seal does not match its value.`);
    hash = next;
    write.run(Buffer.from(hash, 'hex'), op.seq);
    last = op.seq;
  }
  if (last > chained) prepared(db, 'UPDATE this_desk SET chained_to = ? WHERE id = 1').run(last);
}

/** The last of this desk's own operations chained (all up to it are). */
function ownChainEnd(db: Db): number {
  return prepared<[], number>(db, 'SELECT chained_to FROM this_desk WHERE id = 1').pluck(true).get() ?? 0;
}

function ownChainHash(db: Db, seq: number): string | undefined {
  return prepared<[number], Buffer | null>(db, 'SELECT chain FROM own_operations WHERE seq = ?').pluck(true).get(seq)?.toString('hex');
}

/** The signed head and starting hash of the chain for what this desk's bundle carries of its own; undefined before it holds any operation. */
export function ownCarried(db: Db, site: string, desk: number, ops: readonly Operation[], privateKey: KeyObject): CarriedChain | undefined {
  const chained = ownChainEnd(db);
  // With no operation carried, the head of all it holds: a desk that holds its operations from
  // before the chain began can check them against it, and pass them on.
  const seq = ops[ops.length - 1]?.seq ?? chained;
  const hash = seq === 0 ? undefined : ownChainHash(db, seq);
  const prev = hashBefore(ops[0]?.seq ?? seq + 1, (before) => ownChainHash(db, before));
  if (hash === undefined || prev === undefined) return undefined;
  return { head: signHead(site, desk, { seq, hash }, privateKey), prev };
}

/**
 * The chain hash of another desk's operation `upTo` as held here, computing those not yet known
 * (operations held from before its chain began, or from a bundle that carried no head) from the
 * last known; undefined when an operation is missing or a hash held already disagrees.
 */
function receivedChainThrough(db: Db, desk: number, upTo: number): string | undefined {
  const known = receivedChainHash(db, desk, upTo);
  if (known !== undefined || upTo === 0) return upTo === 0 ? CHAIN_GENESIS : known;
  const start = prepared<[number, number], number | null>(db, 'SELECT max(seq) FROM received_operations WHERE desk = ? AND seq <= ? AND chain IS NOT NULL').pluck(true).get(desk, upTo) ?? 0;
  let hash = start === 0 ? CHAIN_GENESIS : receivedChainHash(db, desk, start);
  if (hash === undefined) return undefined;
  const ops = prepared<[number, number, number], Operation & { held: Buffer | null }>(
    db,
    'SELECT desk, seq, hlc, account, entity, row, field, version, value, seal, chain AS held FROM received_operations WHERE desk = ? AND seq > ? AND seq <= ? ORDER BY seq',
  ).all(desk, start, upTo);
  const write = prepared(db, 'UPDATE received_operations SET chain = ? WHERE desk = ? AND seq = ?');
  let last = start;
  for (const { held, ...op } of ops) {
    if (op.seq !== last + 1) return undefined;
    const next = chainNext(hash, op);
    if (next === undefined || (held !== null && held.toString('hex') !== next)) return undefined;
    hash = next;
    if (held === null) write.run(Buffer.from(hash, 'hex'), desk, op.seq);
    last = op.seq;
  }
  return last === upTo ? hash : undefined;
}

function receivedChainHash(db: Db, desk: number, seq: number): string | undefined {
  return prepared<[number, number], Buffer | null>(db, 'SELECT chain FROM received_operations WHERE desk = ? AND seq = ?').pluck(true).get(desk, seq)?.toString('hex');
}

/** The latest head of another desk's chain held here with the operations it signs. */
function heldHead(db: Db, desk: number): ChainHead | undefined {
  return prepared<[number], ChainHead>(db, 'SELECT seq, hash, signature FROM exchange_chain_heads WHERE desk = ?').get(desk);
}

/**
 * Keeps another desk's head, to pass its operations on with, once this desk holds every operation it
 * signs and they chain to it: a head that the desk signed but that does not match what is held here
 * (planted by whoever passed it on, or of a line of the desk's chain this desk does not hold) is not
 * kept, so it can never make this desk's own bundles refused at the next desk.
 */
export function settleHead(db: Db, site: string, desk: number, publicKey: KeyObject, head: ChainHead, held: number): void {
  if (held < head.seq || (heldHead(db, desk)?.seq ?? 0) >= head.seq || !isSignedHead(site, desk, publicKey, head)) return;
  if (receivedChainThrough(db, desk, head.seq) !== head.hash) return;
  prepared(
    db,
    `INSERT INTO exchange_chain_heads (desk, seq, hash, signature) VALUES (?, ?, ?, ?)
     ON CONFLICT (desk) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, signature = excluded.signature`,
  ).run(desk, head.seq, head.hash, head.signature);
}

/**
 * Of a run of another desk's operations held here, what can be passed on with proof: up to the
 * desk's head held here, with that head and the hash before the run. A desk whose head this desk
 * has never held (one retired before it wrote a bundle of this version) has nothing to show: its
 * operations are not passed on.
 */
export function carriedRun(db: Db, origin: number, run: readonly Operation[]): { run: Operation[]; carried: CarriedChain } | undefined {
  const head = heldHead(db, origin);
  if (!head) return undefined;
  const cut = run.filter((op) => op.seq <= head.seq);
  const first = cut[0];
  if (!first || cut[cut.length - 1]?.seq !== head.seq) return undefined;
  const prev = hashBefore(first.seq, (seq) => receivedChainThrough(db, origin, seq));
  if (prev === undefined) return undefined;
  return { run: cut, carried: { head, prev } };
}

/**
 * The writer's own operations in its bundle, with their chain hashes, when they chain on from the
 * hash this desk holds of the one before them (not the one the bundle says: a desk's key could
 * otherwise have hashes kept here that no run of its chain ends in, and get the bundles of every desk
 * passing its operations on refused) and end in the head it signed; undefined when not.
 */
export function checkedWriterRun(db: Db, site: string, desk: number, publicKey: KeyObject, ops: readonly Operation[], carried: CarriedChain, applied: number): Operation[] | undefined {
  const first = ops[0]?.seq;
  if (first === undefined) return [];
  const prev = first - 1 <= applied ? hashBefore(first, (seq) => receivedChainThrough(db, desk, seq)) : carried.prev;
  return prev === undefined ? undefined : checkedRun(site, desk, publicKey, ops, { head: carried.head, prev });
}

/**
 * How far this desk's own operations are held elsewhere, as far as a bundle shows it with a head this
 * desk signed (sent back with them): what a desk says of it beyond that is not taken, or any desk's
 * key could move this desk's numbering on by a million.
 */
export function ownHeadShown(site: string, desk: number, publicKey: KeyObject, carried: CarriedChain | undefined): number {
  return carried && isSignedHead(site, desk, publicKey, carried.head) ? carried.head.seq : 0;
}
