/**
 * From exact counts to what is published: totals, suppression markers, optional rounding, and
 * the thresholds that decide which numbers are too small to show.
 */
import { SUPPRESSED, type Cell, type PublishedTable } from '../../shared/stats';
import type { RawTable } from './tables';
import { positionKey, type Position } from './structure';

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

export function publishTable(
  table: RawTable,
  suppressed: ReadonlySet<string>,
  options: Thresholds & { roundTo5: boolean },
): PublishedTable {
  const numbers = mapNumbers<number, Cell>(exactNumbers(table), (value, position) => {
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
    columns: table.columns.map((column) => ({ code: column.code, labelKey: column.labelKey })),
    ...numbers,
  };
}
