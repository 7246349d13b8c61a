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
  parent: number;
  from_id: number;
}

/** A run of one line's own entries: together, in order, the segments of a line are its whole chain. */
interface Segment {
  branch: number;
  from: number;
  to: number;
}

interface EntryKey {
  id: number;
  hash: string;
  at: string;
}

const ENTRY_COLUMNS = 'id, at, account_id, user_name, action, person_id, registration_number, details, prev_hash, hash';
const NONE: EntryKey = { id: 0, hash: GENESIS_HASH, at: '' };

function branchesOf(db: Db, desk: number): BranchRow[] {
  return prepared<[number], BranchRow>(db, 'SELECT branch, parent, from_id FROM received_audit_branches WHERE desk = ? ORDER BY branch').all(desk);
}

const linesOf = (branches: readonly BranchRow[]): number[] => [0, ...branches.map((b) => b.branch)];

/** The runs of entries that make `line`'s chain, from its first entry: its forebears' up to where each was left. */
function segmentsOf(branches: readonly BranchRow[], line: number): Segment[] {
  const segments: Segment[] = [];
  let at: number | null = line;
  let to = Number.MAX_SAFE_INTEGER;
  while (at !== null) {
    const row: BranchRow | undefined = at === 0 ? undefined : branches.find((b) => b.branch === at);
    const from = row ? row.from_id : 1;
    // A line left before the point where a later one left it adds nothing between (two restores, the second from an older copy).
    if (from <= to) segments.unshift({ branch: at, from, to });
    to = Math.min(to, from - 1);
    at = row ? row.parent : null;
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

/** A line's last entry: in its own run, past where it left its parent (a line has one from the start). */
function lastOf(db: Db, desk: number, segments: readonly Segment[]): EntryKey {
  for (let index = segments.length - 1; index >= 0; index -= 1) {
    const segment = segments[index];
    if (!segment) continue;
    const last = prepared<[number, number, number, number], EntryKey>(
      db,
      'SELECT id, hash, at FROM received_audit WHERE desk = ? AND branch = ? AND id BETWEEN ? AND ? ORDER BY id DESC LIMIT 1',
    ).get(desk, segment.branch, segment.from, segment.to);
    if (last) return last;
  }
  return NONE;
}

function* entriesOf(db: Db, desk: number, segments: readonly Segment[]): Generator<AuditRow> {
  const statement = prepared<[number, number, number, number], AuditRow>(
    db,
    `SELECT ${ENTRY_COLUMNS} FROM received_audit WHERE desk = ? AND branch = ? AND id BETWEEN ? AND ? ORDER BY id`,
  );
  for (const segment of segments) yield* statement.iterate(desk, segment.branch, segment.from, segment.to);
}

/**
 * The line the desk writes on now: the one whose last entry it wrote last (by the desk's own clock).
 * A desk put back writes its new line after the entries of the line it left, so a bundle of the old
 * line read late (another stick) never turns this desk back to it. Ties: the later line.
 */
function followedLine(db: Db, desk: number, branches: readonly BranchRow[]): { line: number; last: EntryKey } {
  let followed = { line: 0, last: lastOf(db, desk, segmentsOf(branches, 0)) };
  for (const branch of branches) {
    const last = lastOf(db, desk, segmentsOf(branches, branch.branch));
    if (last.at >= followed.last.at) followed = { line: branch.branch, last };
  }
  return followed;
}

/** The last entry two lines share: where the first run that differs between them begins, less one. */
function partingPoint(one: readonly Segment[], other: readonly Segment[]): number {
  for (let index = 0; ; index += 1) {
    const a = one[index];
    const b = other[index];
    if (!a || !b) return Math.min(a?.from ?? Number.MAX_SAFE_INTEGER, b?.from ?? Number.MAX_SAFE_INTEGER) - 1;
    if (a.branch !== b.branch) return Math.min(a.from, b.from) - 1;
    if (a.to !== b.to) return Math.min(a.to, b.to);
  }
}

/** What this desk holds of a desk's chain as it writes it now: its last entry, and that entry's hash. */
export function receivedAuditHead(db: Db, desk: number): { id: number; hash: string } {
  const { last } = followedLine(db, desk, branchesOf(db, desk));
  return { id: last.id, hash: last.hash };
}

/**
 * Keeps the entries of another desk's chain that are not held yet, as received; returns the last
 * entry now held of the line the desk writes on. An entry is kept only when it follows, by hash, an
 * entry held (the chain's start for the first): at the end of a line it goes on that line; where
 * the line already holds another entry under its number, it starts a line of its own (the desk was
 * put back and wrote on from there). One that follows nothing held (a gap: an earlier bundle not
 * come; or entries made up) is not kept, nor anything after it in the bundle. Whether each line
 * holds together is `intake verify`'s to say (checkChain).
 */
export function storeReceivedAudit(db: Db, desk: number, entries: readonly AuditRow[], now: string): number {
  const insert = prepared(db, `INSERT INTO received_audit (desk, branch, ${ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let branches = branchesOf(db, desk);
  // The last entry of a line, where the entry before was held or kept: most entries of a bundle go on right after it.
  let tail: { line: number; id: number; hash: string } | undefined = (() => {
    const followed = followedLine(db, desk, branches);
    return { line: followed.line, id: followed.last.id, hash: followed.last.hash };
  })();
  for (const e of entries) {
    if (tail && e.id === tail.id + 1 && e.prev_hash === tail.hash) {
      insert.run(desk, tail.line, e.id, e.at, e.account_id, e.user_name, e.action, e.person_id, e.registration_number, e.details, e.prev_hash, e.hash);
      tail = { line: tail.line, id: e.id, hash: e.hash };
      continue;
    }
    const lines = linesOf(branches).map((line) => ({ line, segments: segmentsOf(branches, line) }));
    const holding = lines.filter(({ segments }) => entryOf(db, desk, segments, e.id)?.hash === e.hash);
    if (holding.length > 0) {
      const ending = holding.find(({ segments }) => lastOf(db, desk, segments).id === e.id);
      tail = ending ? { line: ending.line, id: e.id, hash: e.hash } : undefined;
      continue;
    }
    const following = lines.filter(({ segments }) => (e.id === 1 ? GENESIS_HASH : entryOf(db, desk, segments, e.id - 1)?.hash) === e.prev_hash);
    const atEnd = following.find(({ segments }) => lastOf(db, desk, segments).id === e.id - 1);
    const left = following[0];
    if (atEnd) {
      insert.run(desk, atEnd.line, e.id, e.at, e.account_id, e.user_name, e.action, e.person_id, e.registration_number, e.details, e.prev_hash, e.hash);
      tail = { line: atEnd.line, id: e.id, hash: e.hash };
    } else if (left) {
      const line = Math.max(...linesOf(branches)) + 1;
      prepared(db, 'INSERT INTO received_audit_branches (desk, branch, parent, from_id, found_at) VALUES (?, ?, ?, ?, ?)').run(desk, line, left.line, e.id, now);
      insert.run(desk, line, e.id, e.at, e.account_id, e.user_name, e.action, e.person_id, e.registration_number, e.details, e.prev_hash, e.hash);
      branches = branchesOf(db, desk);
      tail = { line, id: e.id, hash: e.hash };
    } else {
      break;
    }
  }
  return followedLine(db, desk, branches).last.id;
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
    const followed = followedLine(db, desk, branches).line;
    const followedSegments = segmentsOf(branches, followed);
    const leftLines = linesOf(branches)
      .filter((line) => line !== followed)
      .map((line) => {
        const segments = segmentsOf(branches, line);
        const wentOnAfter = partingPoint(segments, followedSegments);
        const firstAfter = [entryOf(db, desk, followedSegments, wentOnAfter + 1), entryOf(db, desk, segments, wentOnAfter + 1)];
        return { wentOnAfter, audit: checkChain(entriesOf(db, desk, segments)), byRestore: firstAfter.some((e) => e?.action === 'backup-restore') };
      });
    return { desk, audit: checkChain(entriesOf(db, desk, followedSegments)), leftLines };
  });
}
