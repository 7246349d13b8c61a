import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { EXCHANGED_TABLES } from '../db/migrations';
import { GENESIS_HASH, type AuditRow } from '../audit/audit-log';
import { eraseAwaitingHistory } from './history-awaiting';
import type { ChainHead } from './operation-chain';
import { eraseValues, isSealText } from './operation-seals';

/** One change of one field (or the making of one row) at one desk: a line of an operations log. */
export interface Operation {
  /** The number of the desk that made it. */
  desk: number;
  /** That desk's operation number: 1, 2, 3, … without gaps. */
  seq: number;
  hlc: string;
  /** The gid (32 hex digits) of the account that made it; null for changes no account made. */
  account: string | null;
  entity: string;
  row: string;
  /** '' for the making of the row, else a column or an object's key ("tier1.birth"). */
  field: string;
  version: number;
  /** JSON text; null for a key removed from its object. */
  value: string | null;
  /** The salt of its erasable values, or their digests once erased (operation-seals.ts); null when it holds none. */
  seal: string | null;
  /** Its hash in its desk's chain (operation-chain.ts), once checked; absent for operations made before chains. */
  chain?: string;
}

/** A line of this desk's own log: the desk is this one, so it is not kept. */
type OperationRow = Omit<Operation, 'desk' | 'chain'>;

export function lastOwnSeq(db: Db): number {
  return prepared<[], number | null>(db, 'SELECT max(seq) FROM own_operations').pluck(true).get() ?? 0;
}

/**
 * The last of this desk's own operations it holds with none missing before it. Less than the last
 * only at a desk put back from an older backup that numbered new operations past what it lost,
 * until the other desks send those back.
 */
export function ownOperationsHeld(db: Db): number {
  const last = lastOwnSeq(db);
  if ((prepared<[], number>(db, 'SELECT count(*) FROM own_operations').pluck(true).get() ?? 0) === last) return last;
  // The end of the run that starts at 1; none when the first is missing (a desk backed up before it made any).
  return (
    prepared<[], number | null>(
      db,
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM own_operations WHERE seq = 1)
         THEN (SELECT min(seq) FROM own_operations o WHERE NOT EXISTS (SELECT 1 FROM own_operations n WHERE n.seq = o.seq + 1)) ELSE 0 END`,
    )
      .pluck(true)
      .get() ?? 0
  );
}

/**
 * The last number this desk gave one of its own operations: its last held, or past it at a desk put
 * back from an older backup that heard, at an exchange, how many it had made (numberPastLostOperations).
 */
export function ownOperationsNumbered(db: Db): number {
  return Math.max(lastOwnSeq(db), prepared<[], number | null>(db, "SELECT seq FROM sqlite_sequence WHERE name = 'own_operations'").pluck(true).get() ?? 0);
}

/** How many of its own operations this desk numbered and does not hold: 0 but at a desk put back from an older backup, until the others send them back. */
export function ownOperationsMissing(db: Db): number {
  return ownOperationsNumbered(db) - (prepared<[], number>(db, 'SELECT count(*) FROM own_operations').pluck(true).get() ?? 0);
}

/** The operations of another desk held here after `afterSeq` and up to `upToSeq`, in order. */
export function receivedOperationsBetween(db: Db, desk: number, afterSeq: number, upToSeq: number): Operation[] {
  return prepared<[number, number, number], Operation>(
    db,
    'SELECT desk, seq, hlc, account, entity, row, field, version, value, seal FROM received_operations WHERE desk = ? AND seq > ? AND seq <= ? ORDER BY seq',
  ).all(desk, afterSeq, upToSeq);
}

/**
 * Keeps one of this desk's own operations that another desk sent back (this desk lost it: put back
 * from an older backup) under its own number; false when it is held already. Written while capture
 * is off, so no trigger takes it for a change made now: it is merged as a received one is.
 */
export function storeOwnSentBack(db: Db, op: Operation): boolean {
  const { changes } = prepared(
    db,
    'INSERT OR IGNORE INTO own_operations (seq, hlc, account, entity, row, field, version, value, seal, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(op.seq, op.hlc, op.account, op.entity, op.row, op.field, op.version, op.value, op.seal, chainBytes(op));
  return changes === 1;
}

/** This desk's operations after `afterSeq`, in order. */
export function ownOperationsAfter(db: Db, deskNumber: number, afterSeq: number): Operation[] {
  return prepared<[number], OperationRow>(db, 'SELECT seq, hlc, account, entity, row, field, version, value, seal FROM own_operations WHERE seq > ? ORDER BY seq')
    .all(afterSeq)
    .map((row) => ({ desk: deskNumber, ...row }));
}

/**
 * The value an operation set, wherever it is kept (this desk's log or the received one). Given a
 * field, the operation that made a row (a setting first set at two desks, merged as the first
 * version of its columns) gives that column's value out of the whole row it holds.
 */
export function operationValue(db: Db, thisDesk: number, desk: number, seq: number, field?: string): string | null | undefined {
  const row =
    desk === thisDesk
      ? prepared<[number], { field: string; value: string | null }>(db, 'SELECT field, value FROM own_operations WHERE seq = ?').get(seq)
      : prepared<[number, number], { field: string; value: string | null }>(db, 'SELECT field, value FROM received_operations WHERE desk = ? AND seq = ?').get(desk, seq);
  if (!row) return undefined;
  if (field === undefined || field === '' || row.field !== '' || row.value === null) return row.value;
  return columnOfRowValue(row.value, field);
}

/** One column's value (as JSON text) out of a making operation's whole row; null when the row is not a JSON object (a misused desk). */
export function columnOfRowValue(rowValue: string, column: string): string {
  let values: unknown;
  try {
    values = JSON.parse(rowValue);
  } catch {
    return 'null';
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return 'null';
  return JSON.stringify((values as Record<string, unknown>)[column] ?? null);
}

export interface MakingOperation {
  desk: number;
  seq: number;
  hlc: string;
  value: string | null;
}

/** Every operation that made a row, as this desk holds them: its own in order, then those received, by desk and order. */
export function makingOperations(db: Db, thisDesk: number, entity: string, row: string): MakingOperation[] {
  const own = prepared<[string, string], { seq: number; hlc: string; value: string | null }>(
    db,
    "SELECT seq, hlc, value FROM own_operations WHERE entity = ? AND row = ? AND field = '' ORDER BY seq",
  ).all(entity, row);
  const received = prepared<[string, string], MakingOperation>(
    db,
    "SELECT desk, seq, hlc, value FROM received_operations WHERE entity = ? AND row = ? AND field = '' ORDER BY desk, seq",
  ).all(entity, row);
  return [...own.map((operation) => ({ desk: thisDesk, ...operation })), ...received];
}

/** The operation that made a row, as this desk holds it (its own, or received); undefined if none has come. */
export function makingOperation(db: Db, thisDesk: number, entity: string, row: string): MakingOperation | undefined {
  return makingOperations(db, thisDesk, entity, row)[0];
}

/** Keeps a received operation; false when it was already there (a bundle read twice). */
export function storeReceived(db: Db, op: Operation): boolean {
  const { changes } = prepared(
    db,
    'INSERT OR IGNORE INTO received_operations (desk, seq, hlc, account, entity, row, field, version, value, seal, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(op.desk, op.seq, op.hlc, op.account, op.entity, op.row, op.field, op.version, op.value, op.seal, chainBytes(op));
  return changes === 1;
}

const chainBytes = (op: Operation): Buffer | null => (op.chain === undefined ? null : Buffer.from(op.chain, 'hex'));

const ENTITIES = new Set(EXCHANGED_TABLES.map((table) => table.entity));
const HLC = /^\d{15}-\d{5}$/;
const ROW = /^[\x20-\x7e]{1,64}$/;

const DESK_NUMBER_KEY = z.string().regex(/^[1-9][0-9]*$/);
const operationTuple = z.tuple([
  z.number().int().min(1),
  z.string().regex(HLC),
  z.string().regex(/^[0-9a-f]{32}$/).nullable(),
  z.string().regex(/^[a-z_]{1,64}$/),
  z.string().regex(ROW),
  z.string().max(128),
  z.number().int().min(0),
  z.string().nullable(),
  // The seal (operation-seals.ts): absent in an operation of a bundle of a version before seals.
  z.string().max(16_384).nullable().optional(),
]);

/** A desk's signed chain head (operation-chain.ts) and the hash before the first of its operations the bundle carries. */
const chainTuple = z.tuple([
  z.number().int().min(0),
  z.string().regex(/^[0-9a-f]{64}$/),
  z.string().max(128),
  z.string().regex(/^[0-9a-f]{64}$/),
]);

/** What a bundle carries inside its encryption. Checked though signed: a desk's bug must not become ours. */
const payloadShape = {
    format: z.literal(1),
    desk: z.number().int().min(1),
    operations: z.array(operationTuple),
    /**
     * Operations of other desks the writer sends on to a desk that lacks them (exchange-run.ts,
     * relayChunks): per desk number, a gap-free run. Absent when there are none, so a bundle
     * without any reads as before.
     */
    relayed: z.array(z.tuple([z.number().int().min(1), z.array(operationTuple).min(1)])).optional(),
    /** For each desk number, the highest of its operations the writer has applied (its own: all it holds, gap-free). */
    applied: z.record(DESK_NUMBER_KEY, z.number().int().min(0)),
    /** The writer's own audit entries not yet acknowledged, as its chain holds them. */
    audit: z.array(
      z.tuple([
        z.number().int().min(1),
        z.string(),
        z.number().int().nullable(),
        z.string().nullable(),
        z.string(),
        z.number().int().nullable(),
        z.string().nullable(),
        z.string(),
        z.string().regex(/^[0-9a-f]{64}$/),
        z.string().regex(/^[0-9a-f]{64}$/),
      ]),
    ),
    /** For each desk number, the last entry of its audit chain the writer holds (its own: its last). */
    auditApplied: z.record(DESK_NUMBER_KEY, z.number().int().min(0)),
    /**
     * For each desk number, the hash of that last entry (migration 20): a desk reads the others'
     * "I hold your chain up to entry n" only if its own entry n is the one they hold, so a desk put
     * back from a backup sends again the entries it wrote on from there. Absent from older bundles.
     */
    auditHeads: z.record(DESK_NUMBER_KEY, z.string().regex(/^[0-9a-f]{64}$/)).optional(),
    /**
     * For the writer and each desk whose operations it sends on, that desk's signed chain head
     * covering the operations carried, and the chain's hash before the first of them (migration 23).
     */
    chains: z.record(DESK_NUMBER_KEY, chainTuple).optional(),
};
const payloadSchema = z.object(payloadShape).strict();
/** The same without the parts a newer version may add: a payload that passes only this was written by one. */
const payloadOfNewerVersion = z.object(payloadShape);

/** An audit entry as a desk's chain holds it (src/main/audit/audit-log.ts). */
export type AuditChainEntry = AuditRow;

export interface BundlePayload {
  desk: number;
  operations: Operation[];
  /** Other desks' operations sent on, by desk number: each a gap-free run in order. */
  relayed?: Map<number, Operation[]>;
  applied: Map<number, number>;
  audit: AuditChainEntry[];
  auditApplied: Map<number, number>;
  /** The hash of each entry `auditApplied` names; absent in a bundle of a version before it. */
  auditHeads?: Map<number, string>;
  /** By desk number: the head that signs the operations of that desk carried, and the hash before them; absent in a bundle of a version before it. */
  chains?: Map<number, CarriedChain>;
}

export interface CarriedChain {
  head: ChainHead;
  /** The chain's hash before the first operation carried (CHAIN_GENESIS when that is the chain's first). */
  prev: string;
}

const deskMap = <T>(map: ReadonlyMap<number, T>) => Object.fromEntries([...map].map(([desk, value]) => [String(desk), value]));
const fromDeskMap = <T>(record: Record<string, T>) => new Map(Object.entries(record).map(([key, value]) => [Number(key), value]));

type OperationTuple = z.infer<typeof operationTuple>;
const tupleOf = (op: Operation): OperationTuple => [op.seq, op.hlc, op.account, op.entity, op.row, op.field, op.version, op.value, op.seal];
const operationOf = (desk: number, [seq, hlc, account, entity, row, field, version, value, seal]: OperationTuple): Operation => ({
  desk,
  seq,
  hlc,
  account,
  entity,
  row,
  field,
  version,
  value,
  seal: seal ?? null,
});

export function encodePayload(payload: BundlePayload): Buffer {
  const body = {
    format: 1,
    desk: payload.desk,
    operations: payload.operations.map(tupleOf),
    ...(payload.relayed && payload.relayed.size > 0 ? { relayed: [...payload.relayed].map(([desk, ops]) => [desk, ops.map(tupleOf)]) } : {}),
    applied: deskMap(payload.applied),
    audit: payload.audit.map((e) => [e.id, e.at, e.account_id, e.user_name, e.action, e.person_id, e.registration_number, e.details, e.prev_hash, e.hash]),
    auditApplied: deskMap(payload.auditApplied),
    ...(payload.auditHeads ? { auditHeads: deskMap(payload.auditHeads) } : {}),
    ...(payload.chains ? { chains: deskMap(new Map([...payload.chains].map(([desk, { head, prev }]) => [desk, [head.seq, head.hash, head.signature, prev]]))) } : {}),
  };
  return gzipSync(Buffer.from(JSON.stringify(body), 'utf8'));
}

/**
 * A kind of change (a table) of the payload this version does not know, if any: a newer version of
 * the app wrote it, and the bundle is refused as such, so the message says to update this desk
 * rather than to write the bundle anew.
 */
export function unknownKindIn(payload: BundlePayload): string | undefined {
  return [payload.operations, ...(payload.relayed?.values() ?? [])].flat().find((op) => !ENTITIES.has(op.entity))?.entity;
}

/**
 * The payload; the names of the parts a newer version added, around a payload this version reads
 * (the bundle is then refused as of a newer version, which tells the desk to update); or undefined
 * when it is not a payload (refused as damaged). It may carry kinds of change this version does not
 * know (see unknownKindIn).
 */
export function decodePayload(bytes: Buffer): BundlePayload | { unknownParts: string[] } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
  const result = payloadSchema.safeParse(parsed);
  if (!result.success) {
    // Parts this version does not know, around a payload it reads: a newer version wrote it.
    if (!payloadOfNewerVersion.safeParse(parsed).success || typeof parsed !== 'object' || parsed === null) return undefined;
    return { unknownParts: Object.keys(parsed).filter((key) => !(key in payloadShape)) };
  }
  const { desk, operations, relayed = [], applied, audit, auditApplied, auditHeads, chains } = result.data;
  // Every value is JSON: what cannot be read is refused with the bundle, never half-applied.
  for (const op of [operations, ...relayed.map(([, ops]) => ops)].flat()) {
    if (!isSealText(op[8] ?? null)) return undefined;
    if (op[7] === null) continue;
    try {
      JSON.parse(op[7]);
    } catch {
      return undefined;
    }
  }
  // Operations sent on are another desk's, once each desk, each run without a gap.
  const origins = relayed.map(([origin]) => origin);
  if (origins.includes(desk) || new Set(origins).size !== origins.length) return undefined;
  if (!relayed.every(([, ops]) => ops.every((op, index) => index === 0 || op[0] === (ops[index - 1]?.[0] ?? 0) + 1))) return undefined;
  return {
    desk,
    operations: operations.map((op) => operationOf(desk, op)),
    relayed: new Map(relayed.map(([origin, ops]) => [origin, ops.map((op) => operationOf(origin, op))])),
    applied: fromDeskMap(applied),
    audit: audit.map(([id, at, account_id, user_name, action, person_id, registration_number, details, prev_hash, hash]) => ({
      id,
      at,
      account_id,
      user_name,
      action: action as AuditChainEntry['action'],
      person_id,
      registration_number,
      details,
      prev_hash,
      hash,
    })),
    auditApplied: fromDeskMap(auditApplied),
    ...(auditHeads ? { auditHeads: fromDeskMap(auditHeads) } : {}),
    ...(chains
      ? { chains: new Map(Object.entries(chains).map(([key, [seq, hash, signature, prev]]) => [Number(key), { head: { seq, hash, signature }, prev }])) }
      : {}),
  };
}

/** The hash of this desk's own audit entry `id` (the chain's start for 0). */
export function ownAuditHead(db: Db, id: number): string {
  return prepared<[number], string>(db, 'SELECT hash FROM audit_log WHERE id = ?').pluck(true).get(id) ?? GENESIS_HASH;
}

/** This desk's own audit entries after `afterId`, as its chain holds them. */
export function ownAuditAfter(db: Db, afterId: number): AuditChainEntry[] {
  return prepared<[number], AuditChainEntry>(db, 'SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(afterId);
}

/**
 * Erases a record's values of the given catalogue fields from both operations logs, in the
 * transaction that erases them from the record (a consent withdrawn here, or the withdrawal
 * applied from another desk): the operations that set them say "removed" from then on, and the
 * operation that made the record no longer holds them. So a desk that joins later never receives
 * them, and a conflict over them has nothing left to show or bring back (it is closed).
 */
export function eraseFromLogs(db: Db, personGid: string, fields: ReadonlyArray<{ key: string; tier: number }>, now: string): void {
  if (fields.length === 0) return;
  const names = fields.map((field) => `tier${field.tier}.${field.key}`);
  const marks = names.map(() => '?').join(', ');
  const paths = fields.map((field) => `$.tier${field.tier}.${field.key}`);
  // Only a making operation that still holds one of them is rewritten (most hold none by now).
  const holds = paths.map(() => 'json_type(value, ?) IS NOT NULL').join(' OR ');
  const which = `entity = 'person' AND row = ? AND (field IN (${marks}) AND value IS NOT NULL OR field = '' AND (${holds}))`;
  // Each keeps the digest of what it loses, so its desk's chain still holds (operation-seals.ts).
  for (const table of ['own_operations', 'received_operations'] as const) {
    const key = table === 'own_operations' ? 'seq' : 'desk, seq';
    const rows = prepared<unknown[], { desk?: number; seq: number; field: string; value: string | null; seal: string | null }>(
      db,
      `SELECT ${key}, field, value, seal FROM ${table} WHERE ${which}`,
    ).all(personGid, ...names, ...paths);
    const write = prepared(db, `UPDATE ${table} SET value = ?, seal = ? WHERE ${table === 'own_operations' ? 'seq = ?' : 'desk = ? AND seq = ?'}`);
    for (const row of rows) {
      const erased = eraseValues({ entity: 'person', ...row }, names);
      write.run(erased.value, erased.seal, ...(row.desk === undefined ? [row.seq] : [row.desk, row.seq]));
    }
  }
  eraseAwaitingHistory(db, personGid, fields.map((field) => field.key));
  prepared(db, `UPDATE exchange_conflicts SET resolved_at = ? WHERE entity = 'person' AND row = ? AND field IN (${marks}) AND resolved_at IS NULL`).run(
    now,
    personGid,
    ...names,
  );
}
