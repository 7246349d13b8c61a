import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import type { CarriedChain, Operation } from './operations';
import { valueDigest } from './operation-seals';

/**
 * Each desk's operations form a hash chain, and the desk signs its head: a desk that passes on
 * another desk's operations (exchange-run.ts, sentOnRuns) can then pass them on only as their desk
 * made them. Without it, any desk's key (a lost laptop's, before its retirement is known) could put
 * changes to records under another desk's name at a desk that lacked them.
 *
 * hash(n) = sha256(hash(n-1), desk, seq, hlc, account, entity, row, field, version, value digest),
 * from GENESIS before the desk's first chained operation (`from`). The value enters by its digest
 * (operation-seals.ts), so an erasure leaves the chain whole. Operations a desk made before
 * migration 23 are not chained (they are below its `from`) and are passed on as before.
 */
export const CHAIN_GENESIS = '0'.repeat(64);

/** A desk's signed word for its operations up to `seq`: their chain ends in `hash`. */
export interface ChainHead {
  /** The desk's first chained operation. */
  from: number;
  seq: number;
  hash: string;
  /** Ed25519 over headMessage, base64. */
  signature: string;
}

export function chainNext(prev: string, op: Operation): string | undefined {
  const digest = valueDigest(op);
  if (digest === undefined) return undefined;
  return createHash('sha256')
    .update(JSON.stringify([prev, op.desk, op.seq, op.hlc, op.account, op.entity, op.row, op.field, op.version, digest]), 'utf8')
    .digest('hex');
}

function headMessage(site: string, desk: number, head: Omit<ChainHead, 'signature'>): Buffer {
  return Buffer.from(`intake-operations-head/1\n${site}\n${desk}\n${head.from}\n${head.seq}\n${head.hash}`, 'utf8');
}

export function signHead(site: string, desk: number, head: Omit<ChainHead, 'signature'>, privateKey: KeyObject): ChainHead {
  return { ...head, signature: sign(null, headMessage(site, desk, head), privateKey).toString('base64') };
}

/**
 * The chain hash of each operation of a run of `desk`'s (gap-free, in order) that its head signs,
 * starting from `prev` (the hash before the run's first chained operation); undefined when the
 * signature is not the desk's or the run does not end in the hash it signed. Operations below the
 * head's `from` were made before chains and get none.
 */
export function checkRun(site: string, desk: number, publicKey: KeyObject, ops: readonly Operation[], head: ChainHead, prev: string): Map<number, string> | undefined {
  let signed: boolean;
  try {
    signed = verify(null, headMessage(site, desk, head), publicKey, Buffer.from(head.signature, 'base64'));
  } catch {
    signed = false;
  }
  if (!signed) return undefined;
  const hashes = new Map<number, string>();
  let hash = prev;
  for (const op of ops) {
    if (op.seq < head.from) continue;
    if (op.seq === head.from) hash = CHAIN_GENESIS;
    const next = chainNext(hash, op);
    if (next === undefined) return undefined;
    hash = next;
    hashes.set(op.seq, hash);
  }
  const last = ops[ops.length - 1];
  if (hashes.size > 0 && (last?.seq !== head.seq || hash !== head.hash)) return undefined;
  return hashes;
}

/**
 * Chains this desk's own operations not yet chained, in order, up to the first gap (a desk put back
 * from a backup until the others send back what it lost). Their seals were made with them, so a
 * desk put back from a backup chains the operations it holds again to the same hashes.
 */
export function chainOwnOperations(db: Db, desk: number): void {
  const { from, chained } = prepared<[], { from: number; chained: number }>(db, 'SELECT chain_from AS "from", chained_to AS chained FROM this_desk WHERE id = 1').get() ?? {
    from: 1,
    chained: 0,
  };
  const start = Math.max(from, chained + 1);
  let hash = start === from ? CHAIN_GENESIS : ownChainHash(db, start - 1);
  if (hash === undefined) return;
  const ops = prepared<[number], Omit<Operation, 'desk'>>(db, 'SELECT seq, hlc, account, entity, row, field, version, value, seal FROM own_operations WHERE seq >= ? ORDER BY seq').all(start);
  const write = prepared(db, 'UPDATE own_operations SET chain = ? WHERE seq = ?');
  let last = start - 1;
  for (const op of ops) {
    if (op.seq !== last + 1) break;
    const next = chainNext(hash, { desk, ...op });
    // Only a seal this desk's own trigger made is here: a digest fails only for a broken database.
    if (next === undefined) throw new Error(`Operation ${op.seq} of this desk cannot be chained: its seal does not match its value.`);
    hash = next;
    write.run(Buffer.from(hash, 'hex'), op.seq);
    last = op.seq;
  }
  if (last >= start) prepared(db, 'UPDATE this_desk SET chained_to = ? WHERE id = 1').run(last);
}

/**
 * A desk put back from a backup made before its chain began (before migration 23 ran there) has
 * started its chain anew after the backup's operations; its own head, sent back to it with what it
 * lost, says where the chain it signed began, and it chains from there again.
 */
export function adoptOwnChainStart(db: Db, from: number): void {
  prepared(db, 'UPDATE this_desk SET chain_from = ?, chained_to = min(chained_to, ? - 1) WHERE id = 1 AND chain_from < ?').run(from, from, from);
}

/** Where this desk's chain starts (migration 23: after the operations it made before it). */
export function ownChainStart(db: Db): number {
  return prepared<[], number>(db, 'SELECT chain_from FROM this_desk WHERE id = 1').pluck(true).get() ?? 1;
}

export function ownChainHash(db: Db, seq: number): string | undefined {
  return prepared<[number], Buffer | null>(db, 'SELECT chain FROM own_operations WHERE seq = ?').pluck(true).get(seq)?.toString('hex');
}

export function receivedChainHash(db: Db, desk: number, seq: number): string | undefined {
  return prepared<[number, number], Buffer | null>(db, 'SELECT chain FROM received_operations WHERE desk = ? AND seq = ?').pluck(true).get(desk, seq)?.toString('hex');
}

/** The latest head of another desk's chain held here with the operations it signs. */
export function heldHead(db: Db, desk: number): ChainHead | undefined {
  return prepared<[number], ChainHead>(db, 'SELECT from_seq AS "from", seq, hash, signature FROM exchange_chain_heads WHERE desk = ?').get(desk);
}

/** Keeps a desk's head once the operations it signs are all held here (a later one replaces it). */
export function keepHead(db: Db, desk: number, head: ChainHead): void {
  prepared(
    db,
    `INSERT INTO exchange_chain_heads (desk, from_seq, seq, hash, signature) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (desk) DO UPDATE SET from_seq = excluded.from_seq, seq = excluded.seq, hash = excluded.hash, signature = excluded.signature WHERE excluded.seq > seq`,
  ).run(desk, head.from, head.seq, head.hash, head.signature);
}

/**
 * A run of a desk's operations with each one's chain hash set, when the head carried with it signs
 * them; undefined when it does not (altered, made up, or a head not the desk's). Operations made
 * before chains pass as they are.
 */
export function checkedRun(site: string, desk: number, publicKey: KeyObject, ops: readonly Operation[], carried: CarriedChain | undefined): Operation[] | undefined {
  if (!carried) return ops.length === 0 ? [] : undefined;
  const hashes = checkRun(site, desk, publicKey, ops, carried.head, carried.prev);
  if (!hashes) return undefined;
  return ops.map((op) => {
    const chain = hashes.get(op.seq);
    return chain === undefined ? op : { ...op, chain };
  });
}

/** The chain's hash before `seq`: the start of the chain, else the hash of the operation before it. */
function hashBefore(from: number, seq: number, hashOf: (seq: number) => string | undefined): string | undefined {
  return seq <= from ? CHAIN_GENESIS : hashOf(seq - 1);
}

/** The signed head and starting hash of this desk's own operations a bundle carries; undefined when none is chained. */
export function ownCarried(db: Db, site: string, desk: number, ops: readonly Operation[], privateKey: KeyObject): CarriedChain | undefined {
  const last = ops[ops.length - 1];
  const from = ownChainStart(db);
  if (!last || last.seq < from) return undefined;
  const hash = ownChainHash(db, last.seq);
  const prev = hashBefore(from, Math.max(from, ops[0]?.seq ?? from), (seq) => ownChainHash(db, seq));
  if (hash === undefined || prev === undefined) return undefined;
  return { head: signHead(site, desk, { from, seq: last.seq, hash }, privateKey), prev };
}

/**
 * Of a run of another desk's operations held here, what can be passed on with proof: up to the
 * desk's head held here, with that head and the hash before the run. Operations made before chains
 * go as they are; a desk never heard from since its chain began has nothing to show, so none of its
 * operations are passed on until it is.
 */
export function carriedRun(db: Db, origin: number, run: readonly Operation[]): { run: Operation[]; carried: CarriedChain } | undefined {
  const head = heldHead(db, origin);
  if (!head) return undefined;
  const cut = run.filter((op) => op.seq <= head.seq);
  const last = cut[cut.length - 1];
  if (!last || (last.seq >= head.from && last.seq !== head.seq)) return undefined;
  const prev = hashBefore(head.from, Math.max(head.from, cut[0]?.seq ?? head.from), (seq) => receivedChainHash(db, origin, seq));
  if (prev === undefined) return undefined;
  return { run: cut, carried: { head, prev } };
}
