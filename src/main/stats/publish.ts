/**
 * From exact counts to what is published: totals, suppression markers, optional rounding, and
 * the thresholds that decide which numbers are too small to show.
 */
import { SUPPRESSED, type Cell, type PublishedTable } from '../../shared/stats';
import type { RawTable } from './tables';
import { perturbedCount } from './perturb';
import { positionKey, valueAt, type Position } from './structure';

export interface Thresholds {
  k: number;
  kSensitive: number;
}

/** A table's numbers with their totals, in the published shape. */
export interface Numbers<T> {
  cells: T[][];
  rowTotals?: T[];
  columnTotals?: T[];
  total?: T;
}

export function exactNumbers(table: RawTable): Numbers<number> {
  const cells = table.counts.map((row) => [...row]);
  if (!table.additive) return { cells };
  const total = cells.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (table.columns.length === 1) return { cells, total };
  return {
    cells,
    rowTotals: cells.map((row) => row.reduce((a, b) => a + b, 0)),
    columnTotals: table.columns.map((_, column) => cells.reduce((sum, row) => sum + (row[column] ?? 0), 0)),
    total,
  };
}

/** Tier-2 tables, and tier-2 rows of other tables, use the higher threshold; totals across rows do not. */
export function thresholdAt(
  table: { sensitive: boolean; rows: readonly { sensitive?: boolean }[] },
  position: Position,
  thresholds: Thresholds,
): number {
  if (table.sensitive) return thresholds.kSensitive;
  if (position.row !== 'total' && table.rows[position.row]?.sensitive) return thresholds.kSensitive;
  return thresholds.k;
}

/**
 * Tier-2 breakdowns (sensitive tables and rows, their totals excepted) hide zeros too: a 0
 * beside a hidden count would say who is in it, and a 0 that turns into a hidden count between
 * two exports would say who was added.
 */
export function zeroHiddenAt(table: { sensitive?: boolean; rows: readonly { sensitive?: boolean }[] }, position: Position): boolean {
  if (position.row === 'total') return false;
  return table.sensitive === true || table.rows[position.row]?.sensitive === true;
}

/**
 * How published numbers are perturbed (perturb.ts): `shared` maps the position key of each
 * number that appears in several tables to the highest threshold among them; those use the plain
 * cell key, so they are one number everywhere.
 */
export interface Perturbation {
  shared: ReadonlyMap<string, number>;
}

/** The published (perturbed) value of every number of a table, before suppression. */
function perturbedNumbers(table: RawTable, thresholds: Thresholds, perturbation: Perturbation): Numbers<number> | undefined {
  if (!table.keys) return undefined;
  const counts = exactNumbers(table);
  const keys = exactNumbers({ ...table, counts: table.keys });
  return mapNumbers(counts, (count, position) => {
    const key = positionKey(table.id, position);
    const shared = perturbation.shared.get(key);
    const cellKey = valueAt(keys, position) ?? 0;
    if (shared !== undefined) return perturbedCount(count, cellKey, 0, shared);
    return perturbedCount(count, cellKey, table.tableKey ?? 0, thresholdAt(table, position, thresholds));
  });
}

/** Base-5 rounding: each number on its own, so a rounded total need not equal its rounded parts. */
export function roundTo5(value: number): number {
  return Math.round(value / 5) * 5;
}

function mapNumbers<A, B>(numbers: Numbers<A>, map: (value: A, position: Position) => B): Numbers<B> {
  return {
    cells: numbers.cells.map((row, r) => row.map((value, column) => map(value, { row: r, column }))),
    ...(numbers.rowTotals ? { rowTotals: numbers.rowTotals.map((value, row) => map(value, { row, column: 'total' })) } : {}),
    ...(numbers.columnTotals ? { columnTotals: numbers.columnTotals.map((value, column) => map(value, { row: 'total', column })) } : {}),
    ...(numbers.total !== undefined ? { total: map(numbers.total, { row: 'total', column: 'total' }) } : {}),
  };
}

/**
 * The table as published: hidden numbers marked, the others perturbed when `perturbation` is
 * given (and the table carries record keys), then rounded if asked. Without `perturbation`, the
 * exact numbers: what the attacker's audit works on.
 */
export function publishTable(
  table: RawTable,
  suppressed: ReadonlySet<string>,
  options: Thresholds & { roundTo5: boolean; perturbation?: Perturbation },
): PublishedTable {
  const source = (options.perturbation && perturbedNumbers(table, options, options.perturbation)) ?? exactNumbers(table);
  const numbers = mapNumbers<number, Cell>(source, (value, position) => {
    if (suppressed.has(positionKey(table.id, position))) return SUPPRESSED;
    return options.roundTo5 ? roundTo5(value) : value;
  });
  const threshold = table.sensitive ? options.kSensitive : options.k;
  return {
    id: table.id,
    countOf: table.countOf,
    sensitive: table.sensitive,
    threshold,
    rowDimension: table.rowDimension,
    rows: table.rows.map((row) => ({
      code: row.code,
      ...(row.labelKey ? { labelKey: row.labelKey } : {}),
      ...(row.label ? { label: row.label } : {}),
      ...(row.sensitive ? { sensitive: true } : {}),
    })),
    columns: table.columns.map((column) => ({ code: column.code, ...(column.labelKey ? { labelKey: column.labelKey } : {}) })),
    ...numbers,
  };
}
