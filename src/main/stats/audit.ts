/**
 * The attacker's audit: from the published numbers alone (every table of one export, their totals
 * and the relations between tables that any reader knows), the tightest range each suppressed
 * number can lie in. It solves, for every hidden number, two linear programs (largest and
 * smallest value) over all equations at once, then rounds inward since counts are whole: this is
 * at least as strong as subtracting along rows and columns, or across tables.
 *
 * It knows one more thing a careful reader knows: zeros are suppressed only in tier-2 breakdowns
 * (publish.ts, zeroHiddenAt), so every other hidden number is at least 1.
 */
import { SUPPRESSED, type Cell, type StatsTableId } from '../../shared/stats';
import { FeasibleRegion, type Constraint } from './lp';
import { zeroHiddenAt } from './publish';
import { equationsOf, positionKey, positionsOf, resolve, valueAt, type CellRef, type Link, type Position, type TableShape, type Term } from './structure';

/** What the audit reads: a published table, or one parsed back from an exported file. */
export interface PublishedLike {
  id: StatsTableId;
  /** A tier-2 table; with rows marked sensitive, where zeros are hidden too. Absent: neither. */
  sensitive?: boolean;
  rows: readonly { code: string; sensitive?: boolean }[];
  columns: readonly { code: string }[];
  cells: Cell[][];
  rowTotals?: Cell[];
  columnTotals?: Cell[];
  total?: Cell;
}

export interface CellBounds {
  table: StatsTableId;
  position: Position;
  lower: number;
  /** Infinity when nothing published bounds it from above. */
  upper: number;
}

function shapeOf(table: PublishedLike): TableShape {
  return { rows: table.rows, columns: table.columns, additive: table.total !== undefined };
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) ?? root;
    this.parent.set(key, root);
    return root;
  }
  union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

export function auditRelease(tables: readonly PublishedLike[], links: readonly Link[]): CellBounds[] {
  const byId = new Map(tables.map((table) => [table.id, table]));
  const cells = new Map<string, { table: StatsTableId; position: Position; value: Cell; mayBeZero: boolean }>();
  for (const table of tables) {
    for (const position of positionsOf(shapeOf(table))) {
      const value = valueAt(table, position);
      if (value !== undefined) cells.set(positionKey(table.id, position), { table: table.id, position, value, mayBeZero: zeroHiddenAt(table, position) });
    }
  }
  const keyOf = (ref: { table: StatsTableId; row: string; column: string }): string | undefined => {
    const table = byId.get(ref.table);
    const position = table && resolve(shapeOf(table), ref);
    return position ? positionKey(ref.table, position) : undefined;
  };

  // The same number in several tables is one unknown; published anywhere, it is known everywhere.
  const same = new UnionFind();
  for (const link of links) {
    if (link.kind !== 'equal') continue;
    const keys = link.cells.map(keyOf).filter((key): key is string => key !== undefined);
    for (const key of keys.slice(1)) same.union(keys[0] ?? key, key);
  }
  const known = new Map<string, number>();
  for (const [key, cell] of cells) if (cell.value !== SUPPRESSED) known.set(same.find(key), cell.value);
  const variables = new Map<string, number>();
  // A hidden number is at least 1, or at least 0 where zeros are hidden too (every cell it stands for).
  const smallest: number[] = [];
  for (const [key, cell] of cells) {
    const root = same.find(key);
    if (cell.value !== SUPPRESSED || known.has(root)) continue;
    let variable = variables.get(root);
    if (variable === undefined) {
      variable = variables.size;
      variables.set(root, variable);
      smallest.push(cell.mayBeZero ? 0 : 1);
    } else if (!cell.mayBeZero) smallest[variable] = 1;
  }

  // Each relation as Σ coefficient·x = or ≤ constant, with x = smallest + y and y ≥ 0.
  const equalities: Constraint[] = [];
  const atMost: Constraint[] = [];
  const addRelation = (terms: readonly (readonly [string, number])[], rhs: number, into: Constraint[]) => {
    const coefficients = new Map<number, number>();
    let constant = rhs;
    for (const [key, sign] of terms) {
      const root = same.find(key);
      const value = known.get(root);
      const variable = variables.get(root);
      if (value !== undefined) constant -= sign * value;
      else if (variable !== undefined) {
        constant -= sign * (smallest[variable] ?? 1);
        coefficients.set(variable, (coefficients.get(variable) ?? 0) + sign);
      }
    }
    for (const [variable, coefficient] of coefficients) if (coefficient === 0) coefficients.delete(variable);
    if (coefficients.size > 0) into.push({ terms: coefficients, rhs: constant });
  };
  for (const table of tables) {
    for (const equation of equationsOf(shapeOf(table))) {
      addRelation(
        [[positionKey(table.id, equation.total), -1], ...equation.parts.map((part) => [positionKey(table.id, part), 1] as const)],
        0,
        equalities,
      );
    }
  }
  const knownZero = (ref: CellRef) => {
    const key = keyOf(ref);
    return key !== undefined && known.get(same.find(key)) === 0;
  };
  for (const link of links) {
    if (link.kind !== 'atMost' || !(link.onlyWhenZero ?? []).every(knownZero)) continue;
    const terms = (refs: readonly Term[], sign: 1 | -1) => refs.map((ref) => [keyOf(ref), sign * (ref.times ?? 1)] as const);
    const relation = [...terms(link.small, 1), ...terms(link.large, -1)];
    if (relation.some(([key]) => key === undefined)) continue;
    addRelation(
      relation.map(([key, coefficient]) => [key ?? '', coefficient] as const),
      0,
      atMost,
    );
  }

  const bounds = boundsOf(smallest, equalities, atMost);
  const result: CellBounds[] = [];
  for (const [key, cell] of cells) {
    if (cell.value !== SUPPRESSED) continue;
    const root = same.find(key);
    const value = known.get(root);
    const variable = variables.get(root);
    const range = value !== undefined ? { lower: value, upper: value } : (bounds[variable ?? -1] ?? { lower: cell.mayBeZero ? 0 : 1, upper: Infinity });
    result.push({ table: cell.table, position: cell.position, ...range });
  }
  return result;
}

/** Bounds of every variable (as x = smallest + y), solving each connected group of constraints on its own. */
function boundsOf(smallest: readonly number[], equalities: Constraint[], atMost: Constraint[]): { lower: number; upper: number }[] {
  const count = smallest.length;
  const bounds = Array.from({ length: count }, (_, variable) => ({ lower: smallest[variable] ?? 1, upper: Infinity }));
  const groups = new UnionFind();
  for (const constraint of [...equalities, ...atMost]) {
    const [first, ...rest] = [...constraint.terms.keys()];
    for (const other of rest) groups.union(String(first), String(other));
  }
  const members = new Map<string, number[]>();
  for (let variable = 0; variable < count; variable++) {
    const root = groups.find(String(variable));
    members.set(root, [...(members.get(root) ?? []), variable]);
  }
  for (const group of members.values()) {
    const local = new Map(group.map((variable, index) => [variable, index]));
    const localise = (constraints: Constraint[]) =>
      constraints
        .filter((constraint) => local.has([...constraint.terms.keys()][0] ?? -1))
        .map((constraint) => ({ rhs: constraint.rhs, terms: new Map([...constraint.terms].map(([v, c]) => [local.get(v) ?? 0, c])) }));
    const region = new FeasibleRegion(group.length, localise(equalities), localise(atMost));
    group.forEach((variable, index) => {
      const objective = new Map([[index, 1]]);
      const max = region.maximize(objective);
      const min = region.minimize(objective);
      // Whole numbers: round inward, allowing for floating-point noise.
      const offset = smallest[variable] ?? 1;
      bounds[variable] = {
        lower: offset + (min.status === 'optimal' ? Math.ceil(min.value - 1e-6) : 0),
        upper: max.status === 'optimal' ? offset + Math.floor(max.value + 1e-6) : Infinity,
      };
    });
  }
  return bounds;
}

export interface AuditFailure {
  table: StatsTableId;
  position: Position;
  kind: 'published-below-threshold' | 'recoverable' | 'pinned-below-threshold';
  lower?: number;
  upper?: number;
}

/**
 * Judges the audit against the true counts: no published number in 1..t-1; no suppressed number
 * worked out exactly; and a suppressed number that is truly in 1..t-1 must be able to reach t,
 * so nobody can tell that the group is small.
 */
export function assessRelease(
  tables: readonly PublishedLike[],
  truth: (table: StatsTableId, position: Position) => number,
  thresholdAt: (table: StatsTableId, position: Position) => number,
  bounds: readonly CellBounds[],
): AuditFailure[] {
  const failures: AuditFailure[] = [];
  for (const table of tables) {
    for (const position of positionsOf(shapeOf(table))) {
      const published = valueAt(table, position);
      const value = truth(table.id, position);
      if (published !== SUPPRESSED && value >= 1 && value < thresholdAt(table.id, position)) {
        failures.push({ table: table.id, position, kind: 'published-below-threshold' });
      }
    }
  }
  for (const bound of bounds) {
    const value = truth(bound.table, bound.position);
    const threshold = thresholdAt(bound.table, bound.position);
    if (bound.lower >= bound.upper) failures.push({ ...bound, kind: 'recoverable' });
    else if (value >= 1 && value < threshold && bound.upper < threshold) failures.push({ ...bound, kind: 'pinned-below-threshold' });
  }
  return failures;
}
