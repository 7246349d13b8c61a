/**
 * What a table's totals mean, in one place: which published numbers add up to which. The
 * suppression, the attacker's audit and the parsers of exported files all read tables through
 * this, so they agree on the equations a reader can write down.
 */
import type { StatsTableId } from '../../shared/stats';

/** A number in a table: a cell, a row or column total, or the grand total. */
export interface Position {
  row: number | 'total';
  column: number | 'total';
}

export interface TableShape {
  rows: readonly { code: string }[];
  columns: readonly { code: string }[];
  /** The rows add up to a total (false where one person may be in several rows). */
  additive: boolean;
}

/** total = sum of parts. */
export interface Equation {
  total: Position;
  parts: Position[];
}

const TOTAL = 'total' as const;

function multiColumn(shape: TableShape): boolean {
  return shape.columns.length > 1;
}

/** Every number a table publishes. One-column tables have no separate row or column totals. */
export function positionsOf(shape: TableShape): Position[] {
  const positions: Position[] = [];
  shape.rows.forEach((_, row) => shape.columns.forEach((__, column) => positions.push({ row, column })));
  if (shape.additive && multiColumn(shape)) {
    shape.rows.forEach((_, row) => positions.push({ row, column: TOTAL }));
    shape.columns.forEach((_, column) => positions.push({ row: TOTAL, column }));
  }
  if (shape.additive) positions.push({ row: TOTAL, column: TOTAL });
  return positions;
}

export function equationsOf(shape: TableShape): Equation[] {
  if (!shape.additive) return [];
  const rows = shape.rows.map((_, row) => row);
  const columns = shape.columns.map((_, column) => column);
  if (!multiColumn(shape)) return [{ total: { row: TOTAL, column: TOTAL }, parts: rows.map((row) => ({ row, column: 0 })) }];
  return [
    ...rows.map((row) => ({ total: { row, column: TOTAL }, parts: columns.map((column) => ({ row, column })) })),
    ...columns.map((column) => ({ total: { row: TOTAL, column }, parts: rows.map((row) => ({ row, column })) })),
    { total: { row: TOTAL, column: TOTAL }, parts: rows.map((row) => ({ row, column: TOTAL })) },
    { total: { row: TOTAL, column: TOTAL }, parts: columns.map((column) => ({ row: TOTAL, column })) },
  ];
}

export function positionKey(table: StatsTableId, position: Position): string {
  return `${table}|${position.row}|${position.column}`;
}

/** A number named by codes rather than places, so links survive a table's rows changing. */
export interface CellRef {
  table: StatsTableId;
  row: string;
  column: string;
}

/** A number in a relation, counted `times` over (once when absent). */
export interface Term extends CellRef {
  times?: number;
}

/**
 * Relations between tables that any reader knows: the same number in two tables, or one sum
 * that cannot exceed another (children counted as unaccompanied are also counted by age; no more
 * people than places in the units counted). An "at most" with `onlyWhenZero` holds only where
 * each of those numbers is published as 0 (people in units of six or more have no upper bound).
 */
export type Link =
  | { kind: 'equal'; cells: CellRef[] }
  | { kind: 'atMost'; small: Term[]; large: Term[]; onlyWhenZero?: CellRef[] };

/** The position a reference names, or undefined when the table has no such row or column. */
export function resolve(shape: TableShape, ref: Pick<CellRef, 'row' | 'column'>): Position | undefined {
  const row = ref.row === TOTAL ? TOTAL : shape.rows.findIndex((heading) => heading.code === ref.row);
  let column: number | 'total' = ref.column === TOTAL ? TOTAL : shape.columns.findIndex((heading) => heading.code === ref.column);
  if (row === -1 || column === -1) return undefined;
  // In a one-column table the row total is the cell itself, and the column total the grand total.
  if (!multiColumn(shape)) column = row === TOTAL ? TOTAL : 0;
  if (row === TOTAL || column === TOTAL) {
    if (!shape.additive) return undefined;
    if (row === TOTAL && column === TOTAL) return { row, column };
  }
  return { row, column };
}

export function valueAt<T>(
  table: { cells: T[][]; rowTotals?: T[]; columnTotals?: T[]; total?: T },
  position: Position,
): T | undefined {
  if (position.row === TOTAL && position.column === TOTAL) return table.total;
  if (position.row === TOTAL) return table.columnTotals?.[position.column as number];
  if (position.column === TOTAL) return table.rowTotals?.[position.row];
  return table.cells[position.row]?.[position.column];
}
