/**
 * A small dense simplex solver: the attacker's tool in the disclosure audit. It finds the
 * largest and smallest value each hidden cell can take given every published number, which is
 * exactly what a reader with a spreadsheet solver can do.
 *
 * Variables are non-negative; constraints are equalities and "at most" inequalities. Phase one
 * finds a feasible basis once per region; phase two then optimises any number of objectives
 * from it. Bland's rule (lowest index enters and leaves) rules out cycling.
 */

export interface Constraint {
  /** Coefficients by variable index; missing ones are zero. */
  terms: ReadonlyMap<number, number>;
  rhs: number;
}

export type LpResult = { status: 'optimal'; value: number } | { status: 'unbounded' };

const EPS = 1e-9;

export class InfeasibleError extends Error {
  constructor() {
    super('The published numbers are inconsistent: no table fits them.');
    this.name = 'InfeasibleError';
  }
}

/** The set of x ≥ 0 with every equality and inequality met. */
export class FeasibleRegion {
  private readonly tableau: Float64Array[];
  private readonly basis: number[];
  private readonly width: number;
  /** Columns that may enter the basis in phase two: variables and slacks, never artificials. */
  private readonly enterable: number;

  constructor(
    private readonly variables: number,
    equalities: readonly Constraint[],
    atMost: readonly Constraint[],
  ) {
    const rows = equalities.length + atMost.length;
    const slacks = atMost.length;
    this.enterable = variables + slacks;
    this.width = variables + slacks + rows + 1;
    const rhsColumn = this.width - 1;
    this.tableau = [];
    this.basis = [];
    [...equalities, ...atMost].forEach((constraint, i) => {
      const row = new Float64Array(this.width);
      for (const [variable, coefficient] of constraint.terms) row[variable] = coefficient;
      if (i >= equalities.length) row[variables + i - equalities.length] = 1;
      row[rhsColumn] = constraint.rhs;
      if (constraint.rhs < 0) for (let j = 0; j < this.width; j++) row[j] = -(row[j] ?? 0);
      row[this.enterable + i] = 1;
      this.tableau.push(row);
      this.basis.push(this.enterable + i);
    });
    this.phaseOne();
  }

  /** The largest value of Σ objective[v]·x[v] over the region. */
  maximize(objective: ReadonlyMap<number, number>): LpResult {
    const tableau = this.tableau.map((row) => row.slice());
    const basis = [...this.basis];
    const costs = new Float64Array(this.width);
    for (const [variable, coefficient] of objective) costs[variable] = coefficient;
    return this.optimise(tableau, basis, costs, this.enterable);
  }

  minimize(objective: ReadonlyMap<number, number>): LpResult {
    const negated = new Map([...objective].map(([variable, coefficient]) => [variable, -coefficient]));
    const result = this.maximize(negated);
    return result.status === 'optimal' ? { status: 'optimal', value: -result.value } : result;
  }

  private phaseOne(): void {
    const costs = new Float64Array(this.width);
    for (let j = this.enterable; j < this.width - 1; j++) costs[j] = -1;
    const result = this.optimise(this.tableau, this.basis, costs, this.width - 1);
    if (result.status !== 'optimal' || result.value < -1e-7) throw new InfeasibleError();
    // Artificials left in the basis at zero: swap each for any real column of its row. A row
    // with none is a redundant constraint; its artificial stays, at zero, and never leaves.
    this.basis.forEach((basic, i) => {
      if (basic < this.enterable) return;
      const row = this.tableau[i];
      if (!row) return;
      for (let j = 0; j < this.enterable; j++) {
        if (Math.abs(row[j] ?? 0) > EPS) {
          pivot(this.tableau, this.basis, i, j);
          return;
        }
      }
    });
  }

  private optimise(tableau: Float64Array[], basis: number[], costs: Float64Array, enterable: number): LpResult {
    const rhs = this.width - 1;
    // Reduced costs: c_j minus the basic costs times the column, kept as an extra tableau row.
    const objective = costs.slice();
    basis.forEach((basic, i) => {
      const cost = costs[basic] ?? 0;
      const row = tableau[i];
      if (cost === 0 || !row) return;
      for (let j = 0; j < this.width; j++) objective[j] = (objective[j] ?? 0) - cost * (row[j] ?? 0);
    });
    const rows = [...tableau, objective];
    for (;;) {
      let entering = -1;
      for (let j = 0; j < enterable; j++) {
        if ((objective[j] ?? 0) > EPS) {
          entering = j;
          break;
        }
      }
      if (entering === -1) return { status: 'optimal', value: -(objective[rhs] ?? 0) };
      let leaving = -1;
      let best = Infinity;
      tableau.forEach((row, i) => {
        const a = row[entering] ?? 0;
        if (a <= EPS) return;
        const ratio = (row[rhs] ?? 0) / a;
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && (basis[i] ?? 0) < (basis[leaving] ?? Infinity))) {
          best = ratio;
          leaving = i;
        }
      });
      if (leaving === -1) return { status: 'unbounded' };
      pivot(rows, basis, leaving, entering);
    }
  }
}

function pivot(rows: Float64Array[], basis: number[], leaving: number, entering: number): void {
  const pivotRow = rows[leaving];
  if (!pivotRow) return;
  const factor = pivotRow[entering] ?? 1;
  for (let j = 0; j < pivotRow.length; j++) pivotRow[j] = (pivotRow[j] ?? 0) / factor;
  rows.forEach((row, i) => {
    if (i === leaving) return;
    const a = row[entering] ?? 0;
    if (Math.abs(a) <= EPS) return;
    for (let j = 0; j < row.length; j++) row[j] = (row[j] ?? 0) - a * (pivotRow[j] ?? 0);
  });
  basis[leaving] = entering;
}
