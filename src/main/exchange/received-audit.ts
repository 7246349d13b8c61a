/**
 * Other desks' audit chains, kept as received (issue 13; migration 20).
 *
 * A desk put back from a backup (or from a copy of its data folder) writes its chain on from the
 * backup's last entry, under numbers it had already given to entries it sent before it was lost.
 * The other desks hold those first entries: dropping either line would lose entries, and joining
 * them would read as tampering. So a desk keeps another desk's chain as lines: line 0 is the first;
 * a later line starts at the entry where the desk's chain went on a second time, and follows the
 * entry before it in the line it left, checked by hash before it is kept. Each line is walked from
 * the chain's first entry by `intake verify`, so an entry changed in any line is still found.
 */
import { checkChain, GENESIS_HASH, type AuditRow, type ChainCheck } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

interface BranchRow {
  branch: number;
  parent: number | null;
  from_id: number;
  followed: number;
}

/** A run of one line's own entries: together, in order, the segments of a line are its whole chain. */
interface Segment {
  branch: number;
  from: number;
  to: number;
}

const ENTRY_COLUMNS = 'id, at, account_id, user_name, action, person_id, registration_number, details, prev_hash, hash';

function branchesOf(db: Db, desk: number): BranchRow[] {
  return prepared<[number], BranchRow>(db, 'SELECT branch, parent, from_id, followed FROM received_audit_branches WHERE desk = ? ORDER BY branch').all(desk);
}

/** The line a desk writes on now: the one followed last (line 0 until its chain went on twice). */
function followedLine(branches: readonly BranchRow[]): number {
  let line = 0;
  let followed = -1;
  for (const row of branches) {
    if (row.followed > followed) {
      followed = row.followed;
      line = row.branch;
    }
  }
  return line;
}

/** The runs of entries that make `branch`'s chain, from its first entry: its forebears' up to where each left. */
function segmentsOf(branches: readonly BranchRow[], branch: number): Segment[] {
  const segments: Segment[] = [];
  let line: number | null = branch;
  let to = Number.POSITIVE_INFINITY;
  while (line !== null) {
    const row = branches.find((b) => b.branch === line);
    const from = row && line !== 0 ? row.from_id : 1;
    segments.unshift({ branch: line, from, to });
    to = from - 1;
    line = line === 0 ? null : (row?.parent ?? 0);
  }
  return segments;
}

function entryOf(db: Db, desk: number, segments: readonly Segment[], id: number): AuditRow | undefined {
  const segment = segments.find((s) => id >= s.from && id <= s.to);
  if (!segment) return undefined;
  return prepared<[number, number, number], AuditRow>(db, `SELECT ${ENTRY_COLUMNS} FROM received_audit WHERE desk = ? AND branch = ? AND id = ?`).get(
    desk,
    segment.branch,
    id,
  );
}

function lastIdOf(db: Db, desk: number, segments: readonly Segment[]): number {
  for (let index = segments.length - 1; index >= 0; index -= 1) {
    const segment = segments[index];
    if (!segment) continue;
    const last = prepared<[number, number, number, number], number | null>(
      db,
      'SELECT max(id) FROM received_audit WHERE desk = ? AND branch = ? AND id BETWEEN ? AND ?',
    )
      .pluck(true)
      .get(desk, segment.branch, segment.from, Math.min(segment.to, Number.MAX_SAFE_INTEGER));
    if (last !== null && last !== undefined) return last;
  }
  return 0;
}

function* entriesOf(db: Db, desk: number, segments: readonly Segment[]): Generator<AuditRow> {
  const statement = prepared<[number, number, number, number], AuditRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM received_audit WHERE desk = ? AND branch = ? AND id BETWEEN ? AND ? ORDER BY id`,
  );
  for (const segment of segments) yield* statement.iterate(desk, segment.branch, segment.from, Math.min(segment.to, Number.MAX_SAFE_INTEGER));
}

function follow(db: Db, desk: number, branch: number, fromId: number, parent: number | null, now: string): void {
  const next = (prepared<[number], number | null>(db, 'SELECT max(followed) FROM received_audit_branches WHERE desk = ?').pluck(true).get(desk) ?? 0) + 1;
  prepared(
    db,
    `INSERT INTO received_audit_branches (desk, branch, parent, from_id, found_at, followed) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (desk, branch) DO UPDATE SET followed = excluded.followed`,
  ).run(desk, branch, parent, fromId, now, next);
}

/** The last entry two lines share: where the first run that differs between them begins, less one. */
function partingPoint(one: readonly Segment[], other: readonly Segment[]): number {
  for (let index = 0; ; index += 1) {
    const a = one[index];
    const b = other[index];
    if (!a || !b) return Math.min(a?.from ?? Number.MAX_SAFE_INTEGER, b?.from ?? Number.MAX_SAFE_INTEGER) - 1;
    if (a.branch !== b.branch) return Math.min(a.from, b.from) - 1;
  }
}

/** What this desk holds of a desk's chain as it writes it now: its last entry, and that entry's hash. */
export function receivedAuditHead(db: Db, desk: number): { id: number; hash: string } {
  const segments = segmentsOf(branchesOf(db, desk), followedLine(branchesOf(db, desk)));
  const id = lastIdOf(db, desk, segments);
  return { id, hash: id === 0 ? GENESIS_HASH : (entryOf(db, desk, segments, id)?.hash ?? GENESIS_HASH) };
}

/**
 * Keeps the entries of another desk's chain that follow those held, as received; returns the last
 * entry now held of the line the desk writes on. An entry under a number already held with other
 * content starts a line of its own when it follows the entry before it (the desk was put back and
 * wrote on from there), or goes back to a line held before that has it; one that follows nothing
 * held, or comes after a gap (an earlier bundle not come), is not kept, nor anything after it in
 * the bundle. Whether each line holds together is `intake verify`'s to say (checkChain).
 */
export function storeReceivedAudit(db: Db, desk: number, entries: readonly AuditRow[], now: string): number {
  const insert = prepared(
    db,
    `INSERT INTO received_audit (desk, branch, ${ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let branches = branchesOf(db, desk);
  let line = followedLine(branches);
  let segments = segmentsOf(branches, line);
  let last = lastIdOf(db, desk, segments);
  const takeLine = (branch: number, fromId: number, parent: number | null) => {
    follow(db, desk, branch, fromId, parent, now);
    branches = branchesOf(db, desk);
    line = branch;
    segments = segmentsOf(branches, line);
  };
  for (const e of entries) {
    if (e.id <= last) {
      if (entryOf(db, desk, segments, e.id)?.hash === e.hash) continue;
      const before = e.id === 1 ? GENESIS_HASH : entryOf(db, desk, segments, e.id - 1)?.hash;
      const heldLine = [0, ...branches.map((b) => b.branch)].find((b) => entryOf(db, desk, segmentsOf(branches, b), e.id)?.hash === e.hash);
      if (heldLine !== undefined) {
        // Entries of a line held before: the desk's bundles of that line came after those of this one.
        takeLine(heldLine, heldLine === 0 ? 1 : (branches.find((b) => b.branch === heldLine)?.from_id ?? 1), null);
        last = lastIdOf(db, desk, segments);
        continue;
      }
      if (before !== e.prev_hash) break;
      const branch = Math.max(0, ...branches.map((b) => b.branch)) + 1;
      takeLine(branch, e.id, line);
    } else if (e.id !== last + 1) {
      break;
    }
    insert.run(desk, line, e.id, e.at, e.account_id, e.user_name, e.action, e.person_id, e.registration_number, e.details, e.prev_hash, e.hash);
    last = e.id;
  }
  return last;
}

/** A desk's chain as held here: the line it writes on now, and every line it left, each walked from the first entry. */
export interface ReceivedChain {
  desk: number;
  audit: ChainCheck;
  /** Lines the desk's chain left when it went on a second time from an earlier entry (put back from a backup or a copy). */
  leftLines: Array<{
    /** The entries the line shares with the one that left it: the desk went on again after this entry. */
    wentOnAfter: number;
    audit: ChainCheck;
    /** Whether the line that left it starts with the desk's restore from a backup (else a copy of its folder put back by hand, or a chain rewritten). */
    byRestore: boolean;
  }>;
}

/** Every other desk's chain held here, each line walked with the same check as this desk's own. */
export function receivedChains(db: Db): ReceivedChain[] {
  const hasTable = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'received_audit_branches'").pluck(true).get() === 1;
  if (!hasTable) return [];
  const desks = db.prepare<[], number>('SELECT DISTINCT desk FROM received_audit ORDER BY desk').pluck(true).all();
  return desks.map((desk) => {
    const branches = branchesOf(db, desk);
    const followed = followedLine(branches);
    const lines = [...new Set([0, ...branches.map((b) => b.branch)])];
    const followedSegments = segmentsOf(branches, followed);
    const leftLines = lines
      .filter((line) => line !== followed)
      .map((line) => {
        const segments = segmentsOf(branches, line);
        const wentOnAfter = partingPoint(segments, followedSegments);
        const firstAfter = [entryOf(db, desk, followedSegments, wentOnAfter + 1), entryOf(db, desk, segments, wentOnAfter + 1)];
        return { wentOnAfter, audit: checkChain(entriesOf(db, desk, segments)), byRestore: firstAfter.some((e) => e?.action === 'backup-restore') };
      });
    return { desk, audit: checkChain(entriesOf(db, desk, segmentsOf(branches, followed))), leftLines };
  });
}
