import type { ErrorParams } from '../../shared/errors';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import type { AuditDraft } from '../audit/audit-log';
import { BundleRefused, openBundle, sealBundle, bundleFileName, type KnownDesk } from './bundle-file';
import { SITE_SETTING_KEYS } from '../services/settings';
import { countLookAlikes } from './look-alikes';
import { exchangedTable, Materializer } from './materialize';
import { mergeFieldOperation, mergeMakingOperation } from './merge';
import { receiveTime, withoutCapture } from './operation-capture';
import {
  decodePayload,
  encodePayload,
  unknownKindIn,
  lastOwnSeq,
  ownAuditAfter,
  ownAuditHead,
  ownOperationsAfter,
  ownOperationsHeld,
  ownOperationsMissing,
  ownOperationsNumbered,
  receivedOperationsBetween,
  storeOwnSentBack,
  storeReceived,
  type BundlePayload,
  type CarriedChain,
  type Operation,
} from './operations';
import { skipRegistrationNumbers } from '../people/registration-number';
import { REFERRAL_MARKER } from '../referrals/referral-service';
import { SettingsService } from '../services/settings';
import { deskRegistrationPrefix, listDesks, siteExchangeKey, siteId, type DeskRecord } from './this-desk';
import type { BundleRef, BundleTransport } from './transport';
import { receivedAuditHead, storeReceivedAudit } from './received-audit';
import { heardFromEveryDesk, isHeldBack } from './held-back';
import { deskOperationTaken } from './desk-rows';
import { recordSent, settleSentRecord } from './sent-record';
import { ClockCheck, type ClockFindings } from './clock-check';
import { carriedRun, chainOwnOperations, checkedRun, checkedWriterRun, ownCarried, ownHeadShown, settleHead } from './operation-chain';

export interface ExchangeRefusal {
  file: string;
  /** The error code that says why (bundle_signature_invalid, bundle_retired_desk, …). */
  code: string;
  desk?: number;
  /** What the message names besides the desk (the bundle's format, a kind of change not known here). */
  params?: ErrorParams;
}

export interface ExchangeSummary extends ClockFindings {
  /** Operations of this desk in the bundle it wrote (0 when no other desk is enrolled). */
  written: number;
  /** Operations of other desks applied now (not counting those already applied before). */
  applied: number;
  /** Bundles refused whole. */
  refused: number;
  /** New conflicts: fields two desks changed concurrently. */
  conflicts: number;
  /** Rows that cannot be written yet: they name a row or come after operations not yet received. */
  waiting: number;
  /** Bundles that come after one not yet received from the same desk: kept for the next exchange. */
  gaps: number;
  bundleWritten: string | null;
  refusals: ExchangeRefusal[];
  /**
   * Pairs of a record that came now and a record of another desk that look like one person, for
   * the duplicates review (look-alikes.ts); null when too many records came to count them.
   */
  lookAlikes: number | null;
}

/** What one exchange gathers as it applies the folder's bundles. */
interface ExchangeRunState {
  summary: ExchangeSummary;
  /** Records this exchange made here: the look-alike check reads them. */
  madeHere: Set<number>;
  clock: ClockCheck;
}

export interface ExchangeOptions {
  now: () => Date;
  /** The desk's data folder: what it sent is recorded against it outside the folder (sent-record.ts). */
  dataDir: string;
  /** Appends an audit entry as the account exchanging, inside the transaction it is given in. */
  audit: (draft: AuditDraft) => void;
}

interface ExchangeDeskRow {
  desk: number;
  applied_seq: number;
  acknowledged_seq: number;
  audit_applied_id: number;
  audit_acknowledged_id: number;
}

function exchangeState(db: Db): Map<number, ExchangeDeskRow> {
  return new Map(
    prepared<[], ExchangeDeskRow>(db, 'SELECT desk, applied_seq, acknowledged_seq, audit_applied_id, audit_acknowledged_id FROM exchange_desks')
      .all()
      .map((row) => [row.desk, row]),
  );
}

const publicKeyOf = (desk: DeskRecord): KeyObject => createPublicKey({ key: Buffer.from(desk.publicKey, 'base64'), format: 'der', type: 'spki' });

function thisDeskOf(desks: DeskRecord[]): DeskRecord {
  const desk = desks.find((d) => d.thisDesk);
  if (!desk) throw new Error('This database has no desk identity: it was not set up.');
  return desk;
}

/**
 * One exchange through a transport (a folder on a stick, a shared folder): applies every bundle
 * of the other desks not yet applied, each whole in its own transaction or refused whole, then
 * writes this desk's bundle with everything the other desks have not acknowledged, and takes away
 * this desk's older bundles that the new one carries. Applying first lets the new bundle
 * acknowledge what just came in.
 */
export async function runExchange(db: Db, transport: BundleTransport, options: ExchangeOptions): Promise<ExchangeSummary> {
  const summary: ExchangeSummary = {
    written: 0,
    applied: 0,
    refused: 0,
    conflicts: 0,
    waiting: 0,
    gaps: 0,
    bundleWritten: null,
    refusals: [],
    lookAlikes: 0,
    clockBehind: null,
    clockAhead: [],
  };
  const madeHere = new Set<number>();
  const clock = new ClockCheck();
  await applyBundles(db, transport, options, { summary, madeHere, clock });
  Object.assign(summary, clock.findings());
  if (madeHere.size > 0) summary.lookAlikes = countLookAlikes(db, thisDeskOf(listDesks(db)).number, [...madeHere]);
  await writeBundle(db, transport, options, summary);
  summary.waiting = prepared<[], number>(db, 'SELECT count(*) FROM exchange_waiting').pluck(true).get() ?? 0;
  return summary;
}

/**
 * Applies the other desks' bundles in the folder. A bundle of a desk this desk does not know yet
 * (enrolled after this desk joined) is tried again once the others are applied: the bundle of the
 * desk that enrolled it, in the same folder, may introduce it. Only then is it refused.
 */
async function applyBundles(db: Db, transport: BundleTransport, options: ExchangeOptions, run: ExchangeRunState): Promise<void> {
  let pending = await transport.listFromOthers();
  for (;;) {
    const unknown: BundleRef[] = [];
    let progress = false;
    for (const ref of pending) {
      const outcome = await applyBundle(db, transport, ref, options, run, true);
      if (outcome === 'unknown-desk') unknown.push(ref);
      else if (outcome === 'applied') progress = true;
    }
    if (unknown.length === 0) return;
    if (!progress) {
      for (const ref of unknown) await applyBundle(db, transport, ref, options, run, false);
      return;
    }
    pending = unknown;
  }
}

type BundleOutcome = 'applied' | 'skipped' | 'refused' | 'unknown-desk';

async function applyBundle(
  db: Db,
  transport: BundleTransport,
  ref: BundleRef,
  options: ExchangeOptions,
  { summary, madeHere, clock }: ExchangeRunState,
  /** Whether a bundle of a desk not known here may wait for the rest of the folder rather than be refused. */
  unknownMayWait: boolean,
): Promise<BundleOutcome> {
  const desks = listDesks(db);
  const me = thisDeskOf(desks);
  const state = exchangeState(db);
  const named = desks.find((d) => d.id === ref.deskId);
  // Bundles wholly applied before are not read again; the latest is, for the acknowledgements it may carry anew.
  if (named && ref.lastSeq < (state.get(named.number)?.applied_seq ?? 0)) return 'skipped';
  const deskOf = (deskId: string): KnownDesk | undefined => {
    const desk = desks.find((d) => d.id === deskId);
    if (!desk) return undefined;
    return {
      publicKey: publicKeyOf(desk),
      retired: desk.retiredAt !== null,
      acceptsUpTo: state.get(desk.number)?.applied_seq ?? 0,
    };
  };
  let payload: BundlePayload;
  let firstSeq: number;
  let lastSeq: number;
  let createdAt: string;
  try {
    const opened = openBundle(await transport.read(ref.name), { siteId: siteId(db), exchangeKey: siteExchangeKey(db), deskOf });
    const decoded = decodePayload(opened.payload);
    const desk = desks.find((d) => d.id === opened.header.desk);
    if (decoded && 'unknownParts' in decoded) throw new BundleRefused('newer_app', { desk: desk?.number ?? 0, kind: decoded.unknownParts.join(', ') });
    if (
      !decoded ||
      !desk ||
      opened.header.desk !== ref.deskId ||
      opened.header.lastSeq !== ref.lastSeq ||
      decoded.desk !== desk.number ||
      !carriesRange(decoded, opened.header.firstSeq, opened.header.lastSeq)
    ) {
      throw new BundleRefused('damaged', { desk: opened.header.desk });
    }
    const unknownKind = unknownKindIn(decoded);
    if (unknownKind !== undefined) throw new BundleRefused('newer_app', { desk: desk.number, kind: unknownKind });
    // Its own operations are the writer's by the bundle's signature; their chain hashes are kept to
    // pass them on with, and must end in the head it signed, chained on from what is held here. A
    // bundle of a version before chains carries none; one of this version carries its head.
    const carried = decoded.chains?.get(desk.number);
    if (decoded.chains && !carried && decoded.operations.length > 0) throw new BundleRefused('damaged', { desk: desk.number });
    const operations = carried
      ? checkedWriterRun(db, siteId(db), desk.number, publicKeyOf(desk), decoded.operations, carried, state.get(desk.number)?.applied_seq ?? 0)
      : decoded.operations;
    if (!operations) throw new BundleRefused('damaged', { desk: desk.number });
    payload = { ...decoded, operations };
    ({ firstSeq, lastSeq, createdAt } = opened.header);
  } catch (error) {
    if (!(error instanceof BundleRefused)) throw error;
    if (error.reason === 'unknown_desk' && unknownMayWait) return 'unknown-desk';
    return refuse(db, ref, named, error, options, summary);
  }
  // A retired desk's bundle opens only up to what this desk had taken from it (bundle-file.ts), so
  // it brings nothing new of its own; what else it says (what it holds of each desk, another desk's
  // changes sent on) is not taken: whoever holds a lost laptop's key could otherwise put changes
  // under another desk's name here, or move this desk's numbering on.
  const writer = desks.find((d) => d.number === payload.desk);
  if (writer && writer.retiredAt !== null) {
    // Only its audit entries that follow, by hash, what is held of its chain: evidence of what was
    // done on the laptop (views, exports), kept as received like any desk's.
    db.transaction(() => storeReceivedAudit(db, payload.desk, payload.audit, options.now().toISOString())).immediate();
    return 'skipped';
  }
  clock.note(payload.desk, createdAt, options.now());
  const applied = state.get(payload.desk)?.applied_seq ?? 0;
  const auditKept = state.get(payload.desk)?.audit_applied_id ?? 0;
  // What it sends on is checked as it is applied (the desks it names may be made known by the
  // writer's own operations): a run not as its desk signed it refuses the bundle whole, and the
  // transaction, rolled back, leaves nothing of it.
  const counted = { ...summary, refusals: [...summary.refusals] };
  const made = new Set<number>();
  try {
    if (firstSeq > applied + 1) {
      // An earlier bundle of that desk has not come: its operations must be applied first.
      counted.gaps += 1;
      db.transaction(() => {
        numberPastLostOperations(db, me, payload);
        recordAcknowledgement(db, payload, me.number, { createdAt, lastSeq }, applied, auditKept);
        applySentOn(db, me.number, payload, ref.name, options, counted, made);
        endRestoredMark(db, me.number, payload, options);
      }).immediate();
    } else {
      db.transaction(() => {
        numberPastLostOperations(db, me, payload);
        const result = applyOperations(db, me.number, payload.operations, applied, options.now().toISOString());
        const auditLast = storeReceivedAudit(db, payload.desk, payload.audit, options.now().toISOString());
        recordAcknowledgement(db, payload, me.number, { createdAt, lastSeq }, Math.max(applied, lastSeq), auditLast);
        const head = payload.chains?.get(payload.desk)?.head;
        if (head && writer) settleHead(db, siteId(db), payload.desk, publicKeyOf(writer), head, Math.max(applied, lastSeq));
        countApplied(result, { desk: payload.desk, file: ref.name }, options, counted, made);
        // After the writer's own: they may make the desk whose operations it sends on known here.
        applySentOn(db, me.number, payload, ref.name, options, counted, made);
        endRestoredMark(db, me.number, payload, options);
      }).immediate();
    }
  } catch (error) {
    if (!(error instanceof BundleRefused)) throw error;
    return refuse(db, ref, named, error, options, summary);
  }
  Object.assign(summary, counted);
  for (const id of made) madeHere.add(id);
  return firstSeq > applied + 1 ? 'skipped' : 'applied';
}

/** Counts and audits a bundle refused whole. */
function refuse(db: Db, ref: BundleRef, named: DeskRecord | undefined, error: BundleRefused, options: ExchangeOptions, summary: ExchangeSummary): 'refused' {
  summary.refused += 1;
  summary.refusals.push({ file: ref.name, code: error.code, ...(error.params ? { params: error.params } : {}), ...(named ? { desk: named.number } : {}) });
  const { kind, origin } = error.params ?? {};
  db.transaction(() =>
    options.audit({
      action: 'exchange-refuse',
      details: { file: ref.name, reason: error.reason, ...(named ? { desk: named.number } : {}), ...(kind ? { kind } : {}), ...(origin ? { origin } : {}) },
    }),
  ).immediate();
  return 'refused';
}

/**
 * A desk put back from a backup changes nothing (migration 19) until every active desk has told it
 * how far it holds its operations (a bundle that names this desk; heardFromEveryDesk) and it holds
 * them all again.
 */
function endRestoredMark(db: Db, me: number, payload: BundlePayload, options: ExchangeOptions): void {
  // The mark is looked up first: counting this desk's own log is for a marked desk only, not every bundle.
  if (!payload.applied.has(me) || !isHeldBack(db)) return;
  if (heardFromEveryDesk(db, payload.desk) && ownOperationsMissing(db) === 0) {
    prepared(db, 'DELETE FROM exchange_restored').run();
    settleSentRecord(db, options.dataDir, options.now().toISOString());
  }
}

/**
 * Applies the operations of other desks the bundle sends on (see sentOnRuns), each after what this
 * desk holds of that desk: the same merge as the desk's own bundle would have, so the order they
 * come in changes nothing. This desk's own, sent back to it after it was put back from an older
 * backup, are kept in its own log. A retired desk's operations sent on by a desk in service are
 * taken (see sentOnRuns); nothing a retired desk's own bundle sends on is.
 */
function applySentOn(db: Db, me: number, payload: BundlePayload, file: string, options: ExchangeOptions, summary: ExchangeSummary, madeHere: Set<number>): void {
  if (!payload.relayed || payload.relayed.size === 0) return;
  const desks = listDesks(db);
  const site = siteId(db);
  for (const [origin, carriedOps] of payload.relayed) {
    const desk = desks.find((d) => d.number === origin);
    if (!desk) continue;
    // A version before chains: what it sends on is not taken (it comes from its desk, or a desk of this version).
    if (!payload.chains) continue;
    // Only as the desk that made them signed them (operation-chain.ts): the writer's key alone puts nothing under another desk's name.
    const carried = payload.chains.get(origin);
    const operations = carried && checkedRun(site, origin, publicKeyOf(desk), carriedOps, carried);
    if (!carried || !operations) throw new BundleRefused('sent_on_unsigned', { desk: payload.desk, origin });
    const held = origin === me ? ownOperationsHeld(db) : (exchangeState(db).get(origin)?.applied_seq ?? 0);
    if ((operations[0]?.seq ?? 0) > held + 1) continue;
    const result = applyOperations(db, me, operations, held, options.now().toISOString(), origin === me ? storeOwnSentBack : storeReceived);
    if (origin !== me) {
      prepared(
        db,
        'INSERT INTO exchange_desks (desk, applied_seq) VALUES (?, ?) ON CONFLICT (desk) DO UPDATE SET applied_seq = max(applied_seq, excluded.applied_seq)',
      ).run(origin, operations[operations.length - 1]?.seq ?? held);
      settleHead(db, site, origin, publicKeyOf(desk), carried.head, exchangeState(db).get(origin)?.applied_seq ?? 0);
    }
    countApplied(result, { desk: origin, sentOnBy: payload.desk, file }, options, summary, madeHere);
  }
}

/** Adds what was applied to the exchange's summary, and audits it (whose operations, which file). */
function countApplied(
  result: ReturnType<typeof applyOperations>,
  source: { desk: number; sentOnBy?: number; file: string },
  options: ExchangeOptions,
  summary: ExchangeSummary,
  madeHere: Set<number>,
): void {
  summary.applied += result.applied;
  summary.conflicts += result.conflicts;
  for (const id of result.made) madeHere.add(id);
  if (result.applied > 0) {
    options.audit({ action: 'exchange-apply', details: { ...source, operations: result.applied, conflicts: result.conflicts, waiting: result.waiting } });
  }
}

/**
 * A desk put back from a backup older than operations it had sent hears that the site holds more
 * of its operations than it does. It numbers its next operations after those (the others would take
 * new ones under those numbers for ones they hold, and drop them), and moves its registration
 * numbers on by as many (it cannot have given more numbers than it made operations), so no number
 * is given twice before the others send back what it lost.
 */
function numberPastLostOperations(db: Db, me: DeskRecord, payload: BundlePayload): void {
  const numbered = ownOperationsNumbered(db);
  const said = payload.applied.get(me.number) ?? 0;
  if (said <= numbered) return;
  // A desk in service takes it only as far as the writer shows this desk's own head for: any desk's
  // key could otherwise move its numbering on by a million (found by a second reading: the next
  // registration number was ATH-999993, and its bundles then started past a gap no desk could fill).
  // A desk held back takes the others at their word, as it must: its bundles are named by what it
  // hears, so the others read them, learn how little it holds, and send back what it lost.
  const heardOf = isHeldBack(db) ? said : Math.min(said, ownHeadShown(siteId(db), me.number, publicKeyOf(me), payload.chains?.get(me.number)));
  if (heardOf > numbered) {
    const { changes } = prepared(db, "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'own_operations'").run(heardOf);
    if (changes === 0) prepared(db, "INSERT INTO sqlite_sequence (name, seq) VALUES ('own_operations', ?)").run(heardOf);
    const people = deskRegistrationPrefix(new SettingsService(db).sitePrefix(), me.number);
    skipRegistrationNumbers(db, [people, `${people}-${REFERRAL_MARKER}`], heardOf - numbered);
  }
}

/** Whether the operations are exactly the desk's seqs firstSeq..lastSeq, in order. */
function carriesRange(payload: BundlePayload, firstSeq: number, lastSeq: number): boolean {
  if (payload.operations.length !== lastSeq - firstSeq + 1) return false;
  return payload.operations.every((op, index) => op.seq === firstSeq + index);
}

/**
 * How far the writer holds this desk's audit chain, when that is this desk's chain as it is: the
 * entry it names is this desk's own entry of that number (by hash). A desk put back from a backup
 * holds other entries under those numbers, and sends again what it wrote on from its backup; a
 * bundle of a version before migration 20 names no hash and is taken at its word.
 */
function ownAuditAcknowledged(db: Db, payload: BundlePayload, me: number): number | undefined {
  const id = payload.auditApplied.get(me) ?? 0;
  const hash = payload.auditHeads?.get(me);
  if (id === 0 || hash === undefined) return id;
  return ownAuditHead(db, id) === hash ? id : undefined;
}

function recordAcknowledgement(
  db: Db,
  payload: BundlePayload,
  thisDesk: number,
  { createdAt, lastSeq: saidInSeq }: { createdAt: string; lastSeq: number },
  appliedSeq: number,
  auditKept: number,
): void {
  const ownAuditHeld = ownAuditAcknowledged(db, payload, thisDesk);
  prepared(
    db,
    `INSERT INTO exchange_desks (desk, applied_seq, acknowledged_seq, last_bundle_at, audit_applied_id, audit_acknowledged_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (desk) DO UPDATE SET applied_seq = max(applied_seq, excluded.applied_seq),
       -- What the desk says it holds now, not the most it ever said: a desk restored from an older
       -- backup holds less, and is sent again what it lost (a lower value only means a larger bundle).
       acknowledged_seq = excluded.acknowledged_seq, last_bundle_at = max(coalesce(last_bundle_at, ''), excluded.last_bundle_at),
       -- The last entry held of the line of its chain the desk writes on now (received-audit.ts):
       -- lower than before when that desk was put back from a backup and wrote on from there.
       audit_applied_id = excluded.audit_applied_id,
       audit_acknowledged_id = CASE WHEN ? THEN excluded.audit_acknowledged_id ELSE audit_acknowledged_id END`,
  ).run(payload.desk, appliedSeq, payload.applied.get(thisDesk) ?? 0, createdAt, auditKept, ownAuditHeld ?? 0, ownAuditHeld === undefined ? 0 : 1);
  // What it holds of every desk, as it said it last (a bundle read late, older than one read
  // before, says nothing new): what this desk sends on follows it.
  const vector = prepared(
    db,
    `INSERT INTO exchange_vectors (desk, origin, applied_seq, said_in_seq, said_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (desk, origin) DO UPDATE SET applied_seq = excluded.applied_seq, said_in_seq = excluded.said_in_seq, said_at = excluded.said_at
       WHERE (excluded.said_in_seq, excluded.said_at) >= (said_in_seq, said_at)`,
  );
  for (const [origin, seq] of payload.applied) vector.run(payload.desk, origin, seq, saidInSeq, createdAt);
}

/**
 * Applies the operations after `appliedSeq`, without recording them as this desk's: each is kept,
 * each field change merged (merge.ts), then every row they touched written as the merge says, and
 * the rows that waited tried again.
 */
export function applyOperations(
  db: Db,
  thisDesk: number,
  operations: readonly Operation[],
  appliedSeq: number,
  now: string,
  /** Keeps an operation in its log; false when it was held already. */
  store: (db: Db, op: Operation) => boolean = storeReceived,
): { applied: number; conflicts: number; waiting: number; made: number[] } {
  return withoutCapture(db, () => {
    const touched = new Map<string, { entity: string; row: string }>();
    let applied = 0;
    let conflicts = 0;
    for (const op of operations) {
      if (op.seq <= appliedSeq || !store(db, op)) continue;
      applied += 1;
      receiveTime(db, op.hlc);
      // A laptop's own settings (its backup folder, …) never travel: kept in the log, never merged.
      if (op.entity === 'setting' && !SITE_SETTING_KEYS.includes(op.row)) continue;
      // Nor what a desk may not do to the desk rows (desk-rows.ts): kept in the log, never merged.
      if (!deskOperationTaken(db, op)) continue;
      if (op.field === '') {
        touched.set(`${op.entity}\t${op.row}`, op);
        const table = exchangedTable(op.entity);
        if (table.rowKey === 'key' && mergeMakingOperation(db, thisDesk, op, table.columns, now).conflict) conflicts += 1;
      } else {
        const outcome = mergeFieldOperation(db, thisDesk, op, now);
        if (outcome.conflict) conflicts += 1;
        if (outcome.won) touched.set(`${op.entity}\t${op.row}`, op);
      }
    }
    const materializer = new Materializer(db, thisDesk);
    for (const row of materializer.waitingRows()) touched.set(`${row.entity}\t${row.row}`, row);
    const waiting = materializer.writeRows([...touched.values()].map(({ entity, row }) => ({ entity, row })));
    return { applied, conflicts, waiting, made: [...materializer.madePeople] };
  });
}

async function writeBundle(db: Db, transport: BundleTransport, options: ExchangeOptions, summary: ExchangeSummary): Promise<void> {
  const desks = listDesks(db);
  const me = thisDeskOf(desks);
  const others = desks.filter((d) => !d.thisDesk && d.retiredAt === null);
  if (others.length === 0) return;
  const privateKeyText = prepared<[], string>(db, 'SELECT private_key FROM this_desk WHERE id = 1').pluck(true).get();
  if (!privateKeyText) throw new Error('This database has no desk key: it was not set up.');
  const privateKey = createPrivateKey({ key: Buffer.from(privateKeyText, 'base64'), format: 'der', type: 'pkcs8' });
  const site = siteId(db);
  const { header, payload, operations } = db.transaction(() => {
    chainOwnOperations(db, me.number);
    const state = exchangeState(db);
    // The last number given: past what it holds at a desk put back from a backup that heard the site
    // holds more of it. Its bundle then carries none of its own (the site holds them all) but is
    // named by that number, so the others read it (and write over its bundle from before the loss).
    const last = ownOperationsNumbered(db);
    const held = lastOwnSeq(db);
    // Everything some active desk has not acknowledged.
    const from = Math.min(last, ...others.map((d) => state.get(d.number)?.acknowledged_seq ?? 0));
    const ops = held < last ? [] : afterLastGap(ownOperationsAfter(db, me.number, from), from);
    // What it holds of its own is what it holds without a gap: the others send back what it lost.
    const applied = new Map<number, number>([[me.number, ownOperationsHeld(db)]]);
    for (const [desk, row] of state) if (desk !== me.number) applied.set(desk, row.applied_seq);
    const lastAudit = prepared<[], number | null>(db, 'SELECT max(id) FROM audit_log').pluck(true).get() ?? 0;
    const auditFrom = Math.min(lastAudit, ...others.map((d) => state.get(d.number)?.audit_acknowledged_id ?? 0));
    const auditApplied = new Map<number, number>([[me.number, lastAudit]]);
    const auditHeads = new Map<number, string>([[me.number, ownAuditHead(db, lastAudit)]]);
    for (const desk of state.keys()) {
      if (desk === me.number) continue;
      const head = receivedAuditHead(db, desk);
      auditApplied.set(desk, head.id);
      auditHeads.set(desk, head.hash);
    }
    const chains = new Map<number, CarriedChain>();
    const own = ownCarried(db, site, me.number, ops, privateKey);
    if (own) chains.set(me.number, own);
    const relayed = new Map<number, Operation[]>();
    for (const [origin, run] of sentOnRuns(db, me.number, state, others)) {
      const proven = carriedRun(db, origin, run);
      if (!proven) continue;
      relayed.set(origin, proven.run);
      chains.set(origin, proven.carried);
    }
    return {
      header: { site, desk: me.id, firstSeq: ops[0]?.seq ?? last + 1, lastSeq: last, createdAt: options.now().toISOString() },
      payload: encodePayload({ desk: me.number, operations: ops, relayed, applied, audit: ownAuditAfter(db, auditFrom), auditApplied, auditHeads, chains }),
      operations: ops.length,
    };
  }).immediate();
  const name = bundleFileName(header);
  // Outside the data folder too, before the bundle can reach another desk: a copy of the folder put back later is then known for one.
  db.transaction(() => recordSent(db, options.dataDir, header.lastSeq, header.createdAt)).immediate();
  await transport.write(name, sealBundle(header, payload, { exchangeKey: siteExchangeKey(db), privateKey }));
  // The new bundle carries everything the older ones did (what is acknowledged only grows).
  for (const own of await transport.listOwn()) if (own.lastSeq < header.lastSeq) await transport.remove(own.name);
  summary.written = operations;
  summary.bundleWritten = name;
  db.transaction(() =>
    options.audit({ action: 'exchange-write', details: { file: name, operations, firstSeq: header.firstSeq, lastSeq: header.lastSeq } }),
  ).immediate();
}

/**
 * The run of operations after the last gap: a desk put back from an older backup numbers its new
 * operations past those it lost, and a bundle carries a gap-free run (the others send the lost ones on).
 */
function afterLastGap(ops: Operation[], from: number): Operation[] {
  let start = 0;
  ops.forEach((op, index) => {
    if (op.seq !== (index === 0 ? from : (ops[index - 1]?.seq ?? 0)) + 1) start = index;
  });
  return ops.slice(start);
}

/**
 * Operations of other desks to send on (anti-entropy, as Bayou's and the like): for each desk whose
 * operations this desk holds, those after the least that an active desk said it holds of them, up
 * to what this desk holds. So a desk that joined after they were sent, or missed a bundle since
 * taken from the folder, or was put back from an older backup (its own come back to it), gets them
 * from any desk that has them. A desk not yet heard from holds none. A retired desk's are sent on
 * too: what each desk had taken from it before it heard of the retirement (work done before the
 * laptop was lost, as a rule) reaches every desk, so the desks in service end with the same data;
 * once a desk has heard, it takes nothing more from the retired desk's own bundles.
 */
function sentOnRuns(db: Db, me: number, state: Map<number, ExchangeDeskRow>, recipients: readonly DeskRecord[]): Map<number, Operation[]> {
  const said = new Map<string, number>();
  for (const row of prepared<[], { desk: number; origin: number; applied_seq: number }>(db, 'SELECT desk, origin, applied_seq FROM exchange_vectors').all()) {
    said.set(`${row.desk}:${row.origin}`, row.applied_seq);
  }
  const runs = new Map<number, Operation[]>();
  for (const [origin, { applied_seq: held }] of state) {
    if (origin === me || held === 0) continue;
    const lacking = Math.min(...recipients.map((d) => said.get(`${d.number}:${origin}`) ?? 0));
    if (lacking >= held) continue;
    // Received operations are kept gap-free up to what was applied; a run is cut at any gap all the same.
    const ops = receivedOperationsBetween(db, origin, lacking, held);
    const gap = ops.findIndex((op, index) => op.seq !== lacking + 1 + index);
    const run = gap === -1 ? ops : ops.slice(0, gap);
    if (run.length > 0) runs.set(origin, run);
  }
  return runs;
}
