import type { Db } from '../db/connection';
import { decodeHlc, encodeHlc, HybridClock, type HlcTime } from './hybrid-clock';

/**
 * What the capture triggers of migration 11 ask the connection as they record an operation: the
 * hybrid clock's time, the account making the change, and whether the change is to be recorded at
 * all (a change applied from another desk's bundle is that desk's operation, not this one's).
 * Given to every connection before it migrates or writes (migrate() installs it).
 */
export interface CaptureState {
  capturing: boolean;
  /** Inside the applying of other desks' operations (withoutCapture), even where a decision is recorded (withCapture). */
  applying: boolean;
  /** The signed-in account's gid as 32 hex digits; null for changes no account makes (set-up, migrations). */
  actor: string | null;
  clock: HybridClock;
}

const states = new WeakMap<Db, CaptureState>();

export function installOperationCapture(db: Db): CaptureState {
  const existing = states.get(db);
  if (existing) return existing;
  const state: CaptureState = { capturing: true, applying: false, actor: null, clock: new HybridClock({ wall: 0, counter: 0 }) };
  db.function('exchange_capturing', () => (state.capturing ? 1 : 0));
  db.function('exchange_applying', () => (state.applying ? 1 : 0));
  db.function('exchange_actor', () => state.actor);
  db.function('exchange_hlc', () => encodeHlc(state.clock.now()));
  states.set(db, state);
  return state;
}

export function captureState(db: Db): CaptureState {
  return states.get(db) ?? installOperationCapture(db);
}

/**
 * Starts the clock after the latest time this database holds, so a laptop whose clock went back
 * (a flat battery) still gives later times than before. Run once the operation tables exist.
 */
export function resumeClock(db: Db): void {
  const state = captureState(db);
  const hasLog = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'own_operations'").pluck(true).get() === 1;
  if (!hasLog) return;
  // Index lookups only (an unlock must not scan logs of millions): this desk's last operation (its
  // clock only moves forward after the baseline, whose times are the rows' own, in the past), and
  // the last applied from each desk.
  const latest = db
    .prepare<[], string | null>(
      `SELECT max(hlc) FROM (
         SELECT (SELECT hlc FROM own_operations ORDER BY seq DESC LIMIT 1) AS hlc
         UNION ALL SELECT r.hlc FROM exchange_desks e JOIN received_operations r ON r.desk = e.desk AND r.seq = e.applied_seq)`,
    )
    .pluck(true)
    .get();
  if (latest) state.clock.receive(decodeHlc(latest));
}

/** Runs a change that is not this desk's own operation (applying another desk's; joining a site). */
export function withoutCapture<T>(db: Db, change: () => T): T {
  return withCapturing(db, false, change);
}

/**
 * Runs a change as this desk's own operation even while applying another desk's (the capture is
 * otherwise off then): a decision the merge takes at every desk alike, which must hold for good.
 */
export function withCapture<T>(db: Db, change: () => T): T {
  return withCapturing(db, true, change);
}

function withCapturing<T>(db: Db, capturing: boolean, change: () => T): T {
  const state = captureState(db);
  const before = { capturing: state.capturing, applying: state.applying };
  state.capturing = capturing;
  if (!capturing) state.applying = true;
  try {
    return change();
  } finally {
    state.capturing = before.capturing;
    state.applying = before.applying;
  }
}

/** Takes in the time of an operation received from another desk (see HybridClock.receive). */
export function receiveTime(db: Db, hlc: string): HlcTime {
  return captureState(db).clock.receive(decodeHlc(hlc));
}

/** Names the account whose changes the triggers record from now on, by its local id (null: none). */
export function setActor(db: Db, accountId: number | null): void {
  captureState(db).actor =
    accountId === null ? null : (db.prepare<[number], string | null>('SELECT lower(hex(gid)) FROM accounts WHERE id = ?').pluck(true).get(accountId) ?? null);
}
