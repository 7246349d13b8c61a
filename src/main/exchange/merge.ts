import type { Db } from '../db/connection';
import { LOCAL_BOOKKEEPING_COLUMNS } from '../db/migrations';
import { prepared } from '../db/prepared';
import { columnOfRowValue, makingOperations, operationValue, type Operation } from './operations';

/** Where a field's value comes from: the operation that won it so far. */
export interface FieldWinner {
  version: number;
  hlc: string;
  desk: number;
  seq: number;
}

/**
 * The merge order of two operations on one field: the greater version (a change made after seeing
 * the other), then the later hybrid clock time, then the greater desk number. A total order over
 * (version, hlc, desk), so every desk picks the same winner whatever order bundles came in.
 */
export function compareOperations(a: FieldWinner, b: FieldWinner): number {
  if (a.version !== b.version) return a.version - b.version;
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.desk - b.desk;
}

export function fieldWinner(db: Db, entity: string, row: string, field: string): FieldWinner | undefined {
  return prepared<[string, string, string], FieldWinner>(
    db,
    'SELECT version, hlc, desk, seq FROM field_versions WHERE entity = ? AND row = ? AND field = ?',
  ).get(entity, row, field);
}

/**
 * Columns that say when a row last changed (desks before migration 12 still send them): every
 * change at every desk set them, so they would always "conflict". Never listed for review.
 */
const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(Object.values(LOCAL_BOOKKEEPING_COLUMNS));

export interface MergeOutcome {
  /** The operation now holds the field: the row must be written again. */
  won: boolean;
  /** It was concurrent with the operation it met (same version, another desk) and their values differ. */
  conflict: boolean;
}

/**
 * Merges one received change of a field into the field's state. Concurrent changes (same version,
 * made at two desks neither of which had seen the other's) are recorded as a conflict, already
 * settled by the order above; the value that lost stays in the operations log, to be chosen again.
 */
export function mergeFieldOperation(db: Db, thisDesk: number, op: Operation, now: string): MergeOutcome {
  const current = fieldWinner(db, op.entity, op.row, op.field);
  const won = !current || compareOperations(op, current) > 0;
  let conflict = false;
  if (current && current.version === op.version && current.desk !== op.desk && !BOOKKEEPING_FIELDS.has(op.field)) {
    const currentValue = operationValue(db, thisDesk, current.desk, current.seq, op.field);
    if (currentValue !== op.value) {
      const [kept, other] = won ? [op, current] : [current, op];
      const { changes } = prepared(
        db,
        `INSERT OR IGNORE INTO exchange_conflicts (entity, row, field, kept_desk, kept_seq, other_desk, other_seq, found_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(op.entity, op.row, op.field, kept.desk, kept.seq, other.desk, other.seq, now);
      conflict = changes === 1;
    }
  }
  if (won && current && op.version > current.version) {
    // A change made after the conflict (at any desk) settles it: no longer a question for review.
    prepared(db, 'UPDATE exchange_conflicts SET resolved_at = ? WHERE entity = ? AND row = ? AND field = ? AND resolved_at IS NULL').run(
      now,
      op.entity,
      op.row,
      op.field,
    );
  }
  if (won) {
    prepared(db, 'INSERT OR REPLACE INTO field_versions (entity, row, field, version, hlc, desk, seq) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      op.entity,
      op.row,
      op.field,
      op.version,
      op.hlc,
      op.desk,
      op.seq,
    );
  }
  return { won, conflict };
}

/**
 * A received operation that made a row named by a key (a setting), merged as version 0 of each of
 * its columns: two desks that each first set the same setting before hearing of the other made two
 * rows of one key, and without this each would keep its own value for ever. The first time, the
 * making operation this desk already held (its own, or one received before) is put in the merge
 * state, so the two are ordered like any concurrent change, and listed as a conflict if they differ.
 */
export function mergeMakingOperation(db: Db, thisDesk: number, op: Operation, columns: readonly string[], now: string): MergeOutcome {
  const held = greatestOtherMaking(db, thisDesk, op);
  const outcome: MergeOutcome = { won: false, conflict: false };
  if (op.value === null) return outcome;
  for (const column of columns) {
    if (held && !fieldWinner(db, op.entity, op.row, column)) {
      prepared(db, 'INSERT INTO field_versions (entity, row, field, version, hlc, desk, seq) VALUES (?, ?, ?, 0, ?, ?, ?)').run(
        op.entity,
        op.row,
        column,
        held.hlc,
        held.desk,
        held.seq,
      );
    }
    const merged = mergeFieldOperation(db, thisDesk, { ...op, field: column, version: 0, value: columnOfRowValue(op.value, column) }, now);
    outcome.won ||= merged.won;
    outcome.conflict ||= merged.conflict;
  }
  return outcome;
}

/**
 * Of the operations that made the row this desk held before `op` (its own, and those received
 * from other desks, perhaps before this desk merged them), the one the merge order puts last.
 */
function greatestOtherMaking(db: Db, thisDesk: number, op: Operation): FieldWinner | undefined {
  let greatest: FieldWinner | undefined;
  for (const making of makingOperations(db, thisDesk, op.entity, op.row)) {
    if (making.desk === op.desk && making.seq === op.seq) continue;
    if (making.desk !== thisDesk && making.value === null) continue;
    const candidate = { version: 0, hlc: making.hlc, desk: making.desk, seq: making.seq };
    if (!greatest || compareOperations(candidate, greatest) > 0) greatest = candidate;
  }
  return greatest;
}
