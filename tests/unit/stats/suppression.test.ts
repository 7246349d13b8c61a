import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../../src/shared/stats';
import { assessRelease, auditRelease } from '../../../src/main/stats/audit';
import { publishTable, roundTo5, thresholdAt } from '../../../src/main/stats/publish';
import { positionKey, type Link } from '../../../src/main/stats/structure';
import { protect, truthOf } from '../../../src/main/stats/suppress';
import type { RawTable } from '../../../src/main/stats/tables';
import { rawTable } from './helpers';

const RULES = { k: 5, kSensitive: 10 };

function publishAll(tables: RawTable[], suppressed: ReadonlySet<string>) {
  return tables.map((table) => publishTable(table, suppressed, { ...RULES, roundTo5: false }));
}

function failuresOf(tables: RawTable[], links: Link[], suppressed: ReadonlySet<string>) {
  const published = publishAll(tables, suppressed);
  const bounds = auditRelease(published, links);
  return assessRelease(published, truthOf(tables), (id, position) => thresholdAt(tables.find((t) => t.id === id)!, position, RULES), bounds);
}

/** The numbers a naive "hide only what is small" release would hide. */
function primaryOnly(tables: RawTable[]): Set<string> {
  const truth = truthOf(tables);
  const keys = new Set<string>();
  for (const table of tables) {
    const positions = [
      ...table.rows.flatMap((_, row) => table.columns.map((__, column) => ({ row, column }) as const)),
      ...(table.columns.length > 1 ? table.rows.map((_, row) => ({ row, column: 'total' as const })) : []),
      ...(table.columns.length > 1 ? table.columns.map((_, column) => ({ row: 'total' as const, column })) : []),
      { row: 'total' as const, column: 'total' as const },
    ];
    for (const position of positions) {
      const value = truth(table.id, position);
      if (value >= 1 && value < thresholdAt(table, position, RULES)) keys.add(positionKey(table.id, position));
    }
  }
  return keys;
}

describe('primary and complementary suppression, hand-worked', () => {
  it('hides a small count and the smallest other count of its line, and keeps zeros', () => {
    // SY 20, AF 3, IQ 15, PS 0; total 38. AF is hidden; with the total published, AF = 38 - 35
    // unless a second count is hidden too: the smallest non-zero one, IQ (15). PS stays 0.
    const tables = [rawTable('nationality', ['SY', 'AF', 'IQ', 'PS'], ['people'], [[20], [3], [15], [0]])];
    const { suppressed, bounds } = protect(tables, [], RULES);
    const published = publishAll(tables, suppressed)[0]!;
    expect(published.cells).toEqual([[20], [SUPPRESSED], [SUPPRESSED], [0]]);
    expect(published.total).toBe(38);
    // A reader knows AF + IQ = 18 and each is at least 1: AF could be anything from 1 to 17.
    const af = bounds.find((bound) => bound.position.row === 1)!;
    expect([af.lower, af.upper]).toEqual([1, 17]);
  });

  it('catches what naive primary suppression leaves: a hidden cell recovered from its row total', () => {
    //           f    m   total
    //   A       2   10     12
    //   B       8    9     17
    //   total  10   19     29
    const tables = [rawTable('ageGender', ['A', 'B'], ['f', 'm'], [[2, 10], [8, 9]])];
    const naive = primaryOnly(tables);
    expect([...naive]).toEqual([positionKey('ageGender', { row: 0, column: 0 })]);
    // The attack: A/f = 12 - 10 = 2, and the audit finds it.
    const naiveAudit = auditRelease(publishAll(tables, naive), []);
    expect(naiveAudit).toEqual([{ table: 'ageGender', position: { row: 0, column: 0 }, lower: 2, upper: 2 }]);
    expect(failuresOf(tables, [], naive).map((failure) => failure.kind)).toContain('recoverable');

    const { suppressed, bounds } = protect(tables, [], RULES);
    // Complementary suppression hides a whole rectangle: A/f, A/m, B/f, B/m.
    const published = publishAll(tables, suppressed)[0]!;
    expect(published.cells).toEqual([
      [SUPPRESSED, SUPPRESSED],
      [SUPPRESSED, SUPPRESSED],
    ]);
    expect(published.rowTotals).toEqual([12, 17]);
    expect(published.columnTotals).toEqual([10, 19]);
    const hidden = bounds.find((bound) => bound.position.row === 0 && bound.position.column === 0)!;
    expect(hidden.upper).toBeGreaterThanOrEqual(RULES.k);
    expect(hidden.lower).toBeLessThan(hidden.upper);
    expect(failuresOf(tables, [], suppressed)).toEqual([]);
  });

  it('does not let two small hidden counts give each other away through their sum', () => {
    // 1 + 2 + 50 = 53: hiding 1 and 2 alone tells a reader both are below 3.
    const tables = [rawTable('nationality', ['X', 'Y', 'Z'], ['people'], [[1], [2], [50]])];
    const naive = primaryOnly(tables);
    expect(failuresOf(tables, [], naive).map((failure) => failure.kind)).toContain('pinned-below-threshold');
    const { suppressed, bounds } = protect(tables, [], RULES);
    expect(suppressed.has(positionKey('nationality', { row: 2, column: 0 }))).toBe(true);
    for (const bound of bounds) expect(bound.upper).toBeGreaterThanOrEqual(RULES.k);
  });

  it('hides a total shared by two tables in both, and protects it in each', () => {
    // The same number (unaccompanied children, 4) is the grand total of one table and a row of
    // another: hidden in one and published in the other would give it away.
    const uasc = rawTable('unaccompaniedChildren', ['12-17'], ['f', 'm'], [[1, 3]]);
    const needs = rawTable('specificNeeds', ['disability', 'unaccompanied-or-separated-child'], ['people'], [[30], [4]], { additive: false });
    const links: Link[] = [
      {
        kind: 'equal',
        cells: [
          { table: 'unaccompaniedChildren', row: 'total', column: 'total' },
          { table: 'specificNeeds', row: 'unaccompanied-or-separated-child', column: 'people' },
        ],
      },
    ];
    const tables = [uasc, needs];
    const { suppressed } = protect(tables, links, RULES);
    expect(suppressed.has(positionKey('unaccompaniedChildren', { row: 'total', column: 'total' }))).toBe(true);
    expect(suppressed.has(positionKey('specificNeeds', { row: 1, column: 0 }))).toBe(true);
    expect(suppressed.has(positionKey('specificNeeds', { row: 0, column: 0 }))).toBe(false);
    expect(failuresOf(tables, links, suppressed)).toEqual([]);

    // Had only the one table hidden it, the other table would disclose it.
    const leaky = new Set([...suppressed].filter((key) => !key.startsWith('specificNeeds|')));
    expect(failuresOf(tables, links, leaky).some((failure) => failure.kind === 'recoverable')).toBe(true);
  });

  it('uses the cross-table relation "part of" in the attack', () => {
    // Children 12-17 of another gender identity: 3 in the age table, of whom 3 unaccompanied.
    // Hiding the unaccompanied cell is not enough when its upper bound comes from a published cell.
    const age = rawTable('ageGender', ['12-17', '18-59'], ['f', 'i'], [[40, 3], [60, 20]]);
    const uasc = rawTable('unaccompaniedChildren', ['12-17'], ['f', 'i'], [[12, 3]]);
    const links: Link[] = [
      { kind: 'atMost', small: [{ table: 'unaccompaniedChildren', row: '12-17', column: 'i' }], large: [{ table: 'ageGender', row: '12-17', column: 'i' }] },
    ];
    const tables = [age, uasc];
    const { suppressed } = protect(tables, links, RULES);
    expect(failuresOf(tables, links, suppressed)).toEqual([]);
  });

  it('applies the higher threshold to tier-2 tables and tier-2 rows only', () => {
    const sensitive = rawTable('sogiesc', ['lgbtiq', 'other', 'not-recorded'], ['people'], [[7], [12], [200]], { sensitive: true });
    const family = rawTable('familyUnits', ['single-adult', 'same-gender-partners'], ['size1', 'size2'], [[40, 0], [0, 7]], { sensitiveRows: ['same-gender-partners'] });
    const plain = rawTable('documentMismatch', ['recorded', 'not-recorded'], ['people'], [[7], [212]]);
    const { suppressed } = protect([sensitive, family, plain], [], RULES);
    expect(suppressed.has(positionKey('sogiesc', { row: 0, column: 0 }))).toBe(true);
    expect(suppressed.has(positionKey('familyUnits', { row: 1, column: 1 }))).toBe(true);
    expect(suppressed.has(positionKey('documentMismatch', { row: 0, column: 0 }))).toBe(false);
  });

  it('publishes a table without small numbers untouched', () => {
    const tables = [rawTable('ageGender', ['A', 'B'], ['f', 'm'], [[0, 10], [8, 9]])];
    expect(protect(tables, [], RULES).suppressed.size).toBe(0);
  });

  it('rounds published numbers to base 5 after suppression, each on its own', () => {
    expect([0, 3, 5, 7, 8, 12, 13, 1234].map(roundTo5)).toEqual([0, 5, 5, 5, 10, 10, 15, 1235]);
    const table = rawTable('ageGender', ['A', 'B'], ['f', 'm'], [[2, 11], [8, 9]]);
    const { suppressed } = protect([table], [], RULES);
    const published = publishTable(table, suppressed, { ...RULES, roundTo5: true });
    for (const value of [...published.cells.flat(), ...(published.rowTotals ?? []), ...(published.columnTotals ?? []), published.total]) {
      if (value !== SUPPRESSED) expect((value as number) % 5).toBe(0);
    }
    expect(published.total).toBe(30);
  });
});

describe('the audit', () => {
  it('finds a value hidden in two tables from a third relation', () => {
    // Row: x + y = 20 published; column: x + z = 6 published, z published as 5: x = 1.
    const tables = [rawTable('ageGender', ['A', 'B'], ['f', 'm'], [[1, 19], [5, 30]])];
    const suppressed = new Set([positionKey('ageGender', { row: 0, column: 0 }), positionKey('ageGender', { row: 0, column: 1 })]);
    const bounds = auditRelease(publishAll(tables, suppressed), []);
    expect(bounds.find((bound) => bound.position.column === 0)).toMatchObject({ lower: 1, upper: 1 });
  });

  it('reports an unbounded number when nothing published limits it', () => {
    const tables = [rawTable('ageGender', ['A', 'B'], ['f', 'm'], [[2, 10], [8, 9]])];
    const all = new Set<string>();
    for (const row of [0, 1, 'total'] as const) for (const column of [0, 1, 'total'] as const) all.add(positionKey('ageGender', { row, column }));
    const bounds = auditRelease(publishAll(tables, all), []);
    expect(bounds.every((bound) => bound.upper === Infinity)).toBe(true);
    // Each hidden count is at least 1, so a total of two of them is at least 2, the grand total 4.
    expect(bounds.find((bound) => bound.position.row === 'total' && bound.position.column === 'total')?.lower).toBe(4);
  });
});
