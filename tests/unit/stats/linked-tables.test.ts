/**
 * Linked tables (issue 11): family units are made of people, so the units table and the people
 * tables bound each other. The attack the issue found: a week of 7 single adults published 7
 * units beside a hidden people total, which a reader then knew was 7, and from it that "other
 * nationality" was 1. The attacker's audit must know those relations, and disclosure control must
 * hide enough that they pin nothing.
 */
import { describe, expect, it } from 'vitest';
import { SUPPRESSED, type Cell, type StatsTableId } from '../../../src/shared/stats';
import { assessRelease, auditRelease, type PublishedLike } from '../../../src/main/stats/audit';
import { COMPOSITIONS, UNIT_SIZES } from '../../../src/main/stats/classify';
import { publishTable, thresholdAt } from '../../../src/main/stats/publish';
import { linksOf } from '../../../src/main/stats/tables';
import { protect, truthOf } from '../../../src/main/stats/suppress';
import type { Link } from '../../../src/main/stats/structure';
import { rawTable } from './helpers';

const AGES = ['0-4', '5-11', '12-17', '18-59', '60+', 'not-recorded'];
const GENDERS = ['f', 'm', 'i', 'not-recorded'];
const S = SUPPRESSED;

/** A published one-column table, with its total. */
function column(id: StatsTableId, rows: readonly string[], cells: Cell[], total: Cell): PublishedLike {
  return { id, rows: rows.map((code) => ({ code })), columns: [{ code: 'people' }], cells: cells.map((cell) => [cell]), total };
}

/** The family units table as published: every unit given as [composition, size, count]. */
function units(entries: readonly [string, string, Cell][], hidden: ReadonlySet<string> = new Set()): PublishedLike {
  const cells = COMPOSITIONS.map((composition) =>
    UNIT_SIZES.map((size): Cell => {
      const entry = entries.find(([c, s]) => c === composition && s === size);
      return entry ? entry[2] : 0;
    }),
  );
  const sum = (values: Cell[]): Cell => (values.includes(S) ? S : values.reduce<number>((a, b) => a + (b as number), 0));
  const rowTotals = cells.map((row, r) => (hidden.has(`row:${COMPOSITIONS[r]}`) ? S : sum(row)));
  const columnTotals = UNIT_SIZES.map((size, c) => (hidden.has(`column:${size}`) ? S : sum(cells.map((row) => row[c]!))));
  return {
    id: 'familyUnits',
    rows: COMPOSITIONS.map((code) => ({ code })),
    columns: UNIT_SIZES.map((code) => ({ code })),
    cells,
    rowTotals,
    columnTotals,
    total: hidden.has('total') ? S : sum(rowTotals),
  };
}

/** The week of the issue: 7 people, all single adults; one of another nationality. */
function weekOfSevenSingleAdults(sixOrMore: Cell = 0): PublishedLike[] {
  const familyUnits = units([['single-adult', 'size1', 7]]);
  if (sixOrMore !== 0) {
    familyUnits.cells[COMPOSITIONS.indexOf('other')]![UNIT_SIZES.indexOf('size6+')] = sixOrMore;
    familyUnits.rowTotals![COMPOSITIONS.indexOf('other')] = sixOrMore;
    familyUnits.columnTotals![UNIT_SIZES.indexOf('size6+')] = sixOrMore;
    familyUnits.total = typeof sixOrMore === 'number' ? 7 + sixOrMore : S;
  }
  return [column('registrations', ['2026-W45'], [S], S), column('nationality', ['SY', 'other', 'not-recorded'], [6, S, 0], S), familyUnits];
}

const withoutUnitLinks = (links: readonly Link[]): Link[] =>
  links.filter((link) => link.kind === 'equal' || ![...link.small, ...link.large].some((ref) => ref.table === 'familyUnits'));

describe('linked tables: family units are made of people', () => {
  it("the attacker's audit reads a hidden people total from the units published beside it, and what it unlocks", () => {
    const bounds = auditRelease(weekOfSevenSingleAdults(), linksOf());
    const people = bounds.find((bound) => bound.table === 'registrations' && bound.position.row === 'total')!;
    expect([people.lower, people.upper]).toEqual([7, 7]);
    // "other nationality" = 7 - 6.
    const other = bounds.find((bound) => bound.table === 'nationality' && bound.position.row === 1)!;
    expect([other.lower, other.upper]).toEqual([1, 1]);
    // An audit that did not know units are made of people (as before) saw nothing: no upper bound.
    const blind = auditRelease(weekOfSevenSingleAdults(), withoutUnitLinks(linksOf()));
    expect(blind.find((bound) => bound.table === 'registrations' && bound.position.row === 'total')!.upper).toBe(Infinity);
  });

  it('a unit of six or more has no upper bound on its people: then the units say only that there are at least as many people', () => {
    const bounds = auditRelease(weekOfSevenSingleAdults(5), linksOf());
    const people = bounds.find((bound) => bound.table === 'registrations' && bound.position.row === 'total')!;
    expect(people.lower).toBe(12);
    expect(people.upper).toBe(Infinity);
  });

  it('ages bound units: a hidden child-headed count is at most the children, a unit of one without an age at most the people without one', () => {
    const ageGender: PublishedLike = {
      id: 'ageGender',
      rows: AGES.map((code) => ({ code })),
      columns: GENDERS.map((code) => ({ code })),
      // 40 adults, 6 children aged 12-17 and 6 people without an age; the child rows hide their genders.
      cells: [[0, 0, 0, 0], [0, 0, 0, 0], [S, S, 0, 0], [20, 20, 0, 0], [0, 0, 0, 0], [S, S, 0, 0]],
      rowTotals: [0, 0, 6, 40, 0, 6],
      columnTotals: [S, S, 0, 0],
      total: 52,
    };
    // Units: 30 single adults of one, 4 units of one without an age ('other'), 6 child-headed
    // units of one, and couples; the child-headed and other units of one are hidden.
    const familyUnits = units(
      [
        ['single-adult', 'size1', 30],
        ['child-headed', 'size1', S],
        ['other', 'size1', S],
        ['couple', 'size2', 5],
      ],
      new Set(['row:child-headed', 'row:other', 'column:size1', 'total']),
    );
    const bounds = auditRelease([column('registrations', ['2026-10'], [52], 52), ageGender, familyUnits], linksOf());
    const childHeaded = bounds.find((bound) => bound.table === 'familyUnits' && bound.position.row === COMPOSITIONS.indexOf('child-headed') && bound.position.column === 'total')!;
    expect(childHeaded.upper).toBeLessThanOrEqual(6);
    const otherOfOne = bounds.find((bound) => bound.table === 'familyUnits' && bound.position.row === COMPOSITIONS.indexOf('other') && bound.position.column === 0)!;
    expect(otherOfOne.upper).toBeLessThanOrEqual(6);
  });

  it('disclosure control hides enough that the units pin nothing, where a release blind to the links would be read', () => {
    // k = 5, nine people registered in the period, each living alone: six adults and three whose
    // age is not recorded. Three from Syria, two of another nationality, four not recorded.
    const rules = { k: 5, kSensitive: 10 };
    const grid = COMPOSITIONS.map((composition) =>
      UNIT_SIZES.map((size) => (size !== 'size1' ? 0 : composition === 'single-adult' ? 6 : composition === 'other' ? 3 : 0)),
    );
    const tables = [
      rawTable('registrations', ['2026-10'], ['people'], [[9]]),
      rawTable('nationality', ['SY', 'other', 'not-recorded'], ['people'], [[3], [2], [4]]),
      rawTable('familyUnits', COMPOSITIONS, UNIT_SIZES, grid),
      rawTable('ageGender', AGES, GENDERS, [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 1, 0, 4], [1, 0, 0, 0], [1, 1, 0, 1]]),
    ];
    const thresholdOf = (id: StatsTableId, position: Parameters<typeof thresholdAt>[1]) => thresholdAt(tables.find((t) => t.id === id)!, position, rules);
    const failuresUnder = (suppressed: ReadonlySet<string>, links: readonly Link[]) => {
      const published = tables.map((table) => publishTable(table, suppressed, { ...rules, roundTo5: false }));
      return assessRelease(published, truthOf(tables), thresholdOf, auditRelease(published, links));
    };
    const guarded = protect(tables, linksOf(), rules);
    expect(failuresUnder(guarded.suppressed, linksOf())).toEqual([]);
    const blind = protect(tables, withoutUnitLinks(linksOf()), rules);
    expect(failuresUnder(blind.suppressed, withoutUnitLinks(linksOf()))).toEqual([]);
    // The blind release hides the people total but publishes nine units of one: a reader who knows
    // that units are made of people reads the total, then the small age-by-gender counts.
    const read = failuresUnder(blind.suppressed, linksOf());
    expect(read).toContainEqual(expect.objectContaining({ table: 'registrations', position: { row: 'total', column: 'total' }, lower: 9, upper: 9, kind: 'recoverable' }));
    expect(read.filter((failure) => failure.table === 'ageGender' && failure.kind === 'pinned-below-threshold').length).toBeGreaterThan(0);
  });
});
