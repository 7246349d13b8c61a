/**
 * The tables a report publishes, with their exact counts (before disclosure control), and the
 * relations between tables that a reader can use against them.
 */
import { SHIPPED_NEEDS, UNACCOMPANIED_NEED, type NeedLabels, type SpecificNeedEntry } from '../../shared/catalogue';
import { STATS_K_SENSITIVE_DEFAULT, type PublishedTable, type StatsLabelKey, type StatsTableId } from '../../shared/stats';
import { AGE_BRACKETS, COMPOSITIONS, GENDER_COLUMNS, UNIT_SIZES, type AgeBracket, type Composition, type UnitSize } from './classify';
import { NO_NATIONALITY, UASC_ROWS, type Counts } from './count';
import type { CellRef, Link, TableShape } from './structure';
import { SENSITIVE_SERVICES, SERVICES } from '../../shared/referrals';
import type { ReferralCounts } from './count-referrals';

export interface RawHeading {
  code: string;
  labelKey?: StatsLabelKey;
  /** A site's own category, in the site's words. */
  label?: NeedLabels;
  /** Cells of this row are a tier-2 breakdown: the higher threshold applies. */
  sensitive?: boolean;
}

export interface RawTable extends TableShape {
  id: StatsTableId;
  countOf: PublishedTable['countOf'];
  sensitive: boolean;
  rowDimension: PublishedTable['rowDimension'];
  rows: RawHeading[];
  columns: { code: string; labelKey?: StatsLabelKey }[];
  /** Exact counts, rows by columns. */
  counts: number[][];
  /**
   * Internal, never published: per cell, the sum of its members' record keys; and the table's
   * content key (absent: the plain cell key only). perturb.ts turns them into the published
   * numbers. Tables built by hand (tests) have neither and are published exactly.
   */
  keys?: number[][];
  tableKey?: number;
}

/**
 * Which breakdowns a report publishes (statistics.ts decides from the period and its people):
 * every table; tier 1 only (the tier-2 tables left out, partners of the same gender counted in
 * "other composition"); or the registrations per period alone.
 */
export type Breakdowns = 'all' | 'tier1' | 'none';

/** The tier-2 tables, left out unless every month of the period has the minimum population. */
export const TIER2_TABLES: readonly StatsTableId[] = ['sogiesc', 'livelihood', 'protectionNeeds'];

/** Codes of merged categories. */
export const OTHER_NATIONALITIES = 'other';
const PEOPLE_COLUMN = [{ code: 'people', labelKey: 'stats.people' as const }];
const GENDER_HEADINGS = GENDER_COLUMNS.map((code) => ({ code, labelKey: `stats.gender.${code}` as StatsLabelKey }));

function categoryTable(
  id: StatsTableId,
  sensitive: boolean,
  prefix: string,
  entries: readonly (readonly [string, number, number])[],
  tableKey: number,
): RawTable {
  return {
    id,
    countOf: 'people',
    sensitive,
    rowDimension: 'category',
    additive: true,
    rows: entries.map(([code]) => ({ code, labelKey: `${prefix}.${code}` as StatsLabelKey })),
    columns: PEOPLE_COLUMN,
    counts: entries.map(([, count]) => [count]),
    keys: entries.map(([, , key]) => [key]),
    tableKey,
  };
}

/** A tally's entries with their cell keys. */
function withKeys<K extends string>(counts: Record<K, number>, keys: Record<K, number>): [string, number, number][] {
  return (Object.keys(counts) as K[]).map((code) => [code, counts[code], keys[code]]);
}

/**
 * Every category of the site's catalogue that is not sensitive, offered or not, so the table's
 * shape does not change with the form. Sensitive ones are merged in the protection-needs table.
 */
function specificNeedsTable(counts: Counts, needs: readonly SpecificNeedEntry[]): RawTable {
  const rows = needs.filter((need) => need.field === 'specificNeeds');
  return {
    id: 'specificNeeds',
    countOf: 'people',
    sensitive: false,
    rowDimension: 'category',
    additive: false,
    rows: rows.map((need) => (need.labels ? { code: need.code, label: need.labels } : { code: need.code, labelKey: `stats.needs.${need.code}` as StatsLabelKey })),
    columns: PEOPLE_COLUMN,
    counts: rows.map((need) => [counts.specificNeeds[need.code] ?? 0]),
    keys: rows.map((need) => [counts.keys.specificNeeds[need.code] ?? 0]),
    tableKey: counts.tableKeys.specificNeeds,
  };
}

/**
 * Nationalities with fewer than k people are merged into "other nationalities" before
 * suppression (global recoding): a row of its own would tell that someone of that nationality
 * registered. Rows are in code order, never by size, so a suppressed row's place tells nothing.
 */
function nationalityRows(counts: Counts, k: number): [RawHeading, number, number][] {
  let other = 0;
  let otherKey = 0;
  let notRecorded = 0;
  let notRecordedKey = 0;
  const shown: [RawHeading, number, number][] = [];
  for (const [code, count] of counts.nationality) {
    const key = counts.keys.nationality.get(code) ?? 0;
    if (code === NO_NATIONALITY) {
      notRecorded += count;
      notRecordedKey += key;
    } else if (count < k) {
      other += count;
      otherKey += key;
    } else shown.push([{ code }, count, key]);
  }
  shown.sort(([a], [b]) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return [
    ...shown,
    [{ code: OTHER_NATIONALITIES, labelKey: 'stats.nationality.other' }, other, otherKey],
    [{ code: NO_NATIONALITY, labelKey: 'stats.notRecorded' }, notRecorded, notRecordedKey],
  ];
}

/**
 * Family units by composition: without tier-2 breakdowns, partners of the same gender are
 * counted in "other composition", so no row tells anything of sexual orientation.
 */
function familyRows(counts: Counts, breakdowns: Breakdowns): { code: Composition; counts: number[]; keys: number[] }[] {
  const sizes = (grid: Counts['familyUnits'], composition: Composition) => UNIT_SIZES.map((size) => grid[composition][size]);
  const rows = COMPOSITIONS.map((code) => ({ code, counts: sizes(counts.familyUnits, code), keys: sizes(counts.keys.familyUnits, code) }));
  if (breakdowns === 'all') return rows;
  const merged = rows.find((row) => row.code === 'same-gender-partners');
  return rows
    .filter((row) => row.code !== 'same-gender-partners')
    .map((row) =>
      row.code === 'other' && merged
        ? { code: row.code, counts: row.counts.map((count, i) => count + (merged.counts[i] ?? 0)), keys: row.keys.map((key, i) => key + (merged.keys[i] ?? 0)) }
        : row,
    );
}

const ANOTHER = GENDER_COLUMNS.indexOf('i');
const GENDER_NOT_RECORDED = GENDER_COLUMNS.indexOf('not-recorded');

/**
 * "Another gender" says something of gender identity: in any row where fewer than kSensitive
 * people gave it (and at least one did), they are counted under "gender not recorded" instead,
 * with their record keys, so the column never shows a small number of them. A row where it is
 * merged publishes 0 in that column (the table's note says so).
 */
export function mergeAnotherGender(rows: { counts: number[]; keys: number[] }[], kSensitive: number): { counts: number[]; keys: number[]; merged: boolean }[] {
  return rows.map(({ counts, keys }) => {
    const another = counts[ANOTHER] ?? 0;
    if (another === 0 || another >= kSensitive) return { counts: [...counts], keys: [...keys], merged: false };
    const mergedCounts = [...counts];
    const mergedKeys = [...keys];
    mergedCounts[GENDER_NOT_RECORDED] = (mergedCounts[GENDER_NOT_RECORDED] ?? 0) + another;
    mergedKeys[GENDER_NOT_RECORDED] = (mergedKeys[GENDER_NOT_RECORDED] ?? 0) + (keys[ANOTHER] ?? 0);
    mergedCounts[ANOTHER] = 0;
    mergedKeys[ANOTHER] = 0;
    return { counts: mergedCounts, keys: mergedKeys, merged: true };
  });
}

/**
 * Referrals by service (rows) and month (columns). One referral may be for several services, so
 * the rows do not add up and the table publishes no totals: each cell stands alone, and no
 * relation ties it to the people tables (a person may be referred any number of times, in any
 * month). Never by provider: where a provider serves one group, its count would single them out.
 * Sensitive services take the higher threshold and hide zeros; without tier-2 breakdowns they
 * are left out.
 */
function referralsTable(referrals: ReferralCounts, buckets: readonly string[], breakdowns: Breakdowns): RawTable {
  const services = SERVICES.filter((service) => breakdowns === 'all' || !SENSITIVE_SERVICES.includes(service));
  return {
    id: 'referrals',
    countOf: 'referrals',
    sensitive: false,
    rowDimension: 'category',
    additive: false,
    rows: services.map((code) => ({ code, labelKey: `stats.service.${code}` as StatsLabelKey, ...(SENSITIVE_SERVICES.includes(code) ? { sensitive: true } : {}) })),
    // Months are named by their code (2026-11), as the registrations table names its rows.
    columns: buckets.map((code) => ({ code })),
    counts: services.map((service) => buckets.map((bucket) => referrals.counts.get(service)?.get(bucket) ?? 0)),
    keys: services.map((service) => buckets.map((bucket) => referrals.keys.get(service)?.get(bucket) ?? 0)),
    tableKey: referrals.tableKey,
  };
}

/**
 * `needs` is the site's catalogue of specific needs; the shipped one by default. `breakdowns`
 * says which tables the period may publish (all by default); `kSensitive` (10 unless given)
 * below which "another gender" is merged into "gender not recorded". `referrals`, when given,
 * adds the referrals table to a report with breakdowns.
 */
export function buildTables(
  counts: Counts,
  options: { k: number; kSensitive?: number; breakdowns?: Breakdowns; referrals?: ReferralCounts },
  needs: readonly SpecificNeedEntry[] = SHIPPED_NEEDS,
): RawTable[] {
  const breakdowns = options.breakdowns ?? 'all';
  const registrations: RawTable = {
    id: 'registrations',
    countOf: 'people',
    sensitive: false,
    rowDimension: 'period',
    additive: true,
    rows: counts.period.buckets.map((code) => ({ code })),
    columns: PEOPLE_COLUMN,
    counts: counts.period.buckets.map((bucket) => [counts.registrations.get(bucket) ?? 0]),
    // Tier 0, and the same month in any request: the plain cell key only.
    keys: counts.period.buckets.map((bucket) => [counts.keys.registrations.get(bucket) ?? 0]),
  };
  if (breakdowns === 'none') return [registrations];
  const nationality = nationalityRows(counts, options.k);
  const family = familyRows(counts, breakdowns);
  const kSensitive = options.kSensitive ?? STATS_K_SENSITIVE_DEFAULT;
  const ageGender = mergeAnotherGender(
    AGE_BRACKETS.map((bracket) => ({
      counts: GENDER_COLUMNS.map((gender) => counts.ageGender[bracket][gender]),
      keys: GENDER_COLUMNS.map((gender) => counts.keys.ageGender[bracket][gender]),
    })),
    kSensitive,
  );
  const unaccompanied = mergeAnotherGender(
    UASC_ROWS.map((row) => ({
      counts: GENDER_COLUMNS.map((gender) => counts.unaccompanied[row][gender]),
      keys: GENDER_COLUMNS.map((gender) => counts.keys.unaccompanied[row][gender]),
    })),
    kSensitive,
  );
  const tables: RawTable[] = [
    registrations,
    {
      id: 'ageGender',
      countOf: 'people',
      sensitive: false,
      rowDimension: 'age',
      additive: true,
      rows: AGE_BRACKETS.map((code) => ({ code, labelKey: `stats.age.${code}` as StatsLabelKey })),
      columns: GENDER_HEADINGS,
      counts: ageGender.map((row) => row.counts),
      keys: ageGender.map((row) => row.keys),
      tableKey: counts.tableKeys.ageGender,
    },
    {
      id: 'nationality',
      countOf: 'people',
      sensitive: false,
      rowDimension: 'nationality',
      additive: true,
      rows: nationality.map(([heading]) => heading),
      columns: PEOPLE_COLUMN,
      counts: nationality.map(([, count]) => [count]),
      keys: nationality.map(([, , key]) => [key]),
      tableKey: counts.tableKeys.nationality,
    },
    specificNeedsTable(counts, needs),
    {
      id: 'familyUnits',
      countOf: 'units',
      sensitive: false,
      rowDimension: 'category',
      additive: true,
      // Partners of the same gender tell something of sexual orientation: a tier-2 breakdown.
      rows: family.map(({ code }) => ({ code, labelKey: `stats.family.${code}` as StatsLabelKey, ...(code === 'same-gender-partners' ? { sensitive: true } : {}) })),
      columns: UNIT_SIZES.map((code) => ({ code, labelKey: `stats.family.${code}` as StatsLabelKey })),
      counts: family.map((row) => row.counts),
      keys: family.map((row) => row.keys),
      tableKey: counts.tableKeys.familyUnits,
    },
    categoryTable(
      'documentMismatch',
      false,
      'stats.mismatch',
      [
        ['recorded', counts.documentMismatch.recorded, counts.keys.documentMismatch.recorded],
        ['not-recorded', counts.documentMismatch.notRecorded, counts.keys.documentMismatch.notRecorded],
      ],
      counts.tableKeys.documentMismatch,
    ),
    // Tier 0, every person in one row: the same disclosure control as the other categories.
    categoryTable('recordStatus', false, 'stats.recordStatus', withKeys(counts.recordStatus, counts.keys.recordStatus), counts.tableKeys.recordStatus),
    {
      id: 'unaccompaniedChildren',
      countOf: 'people',
      sensitive: false,
      rowDimension: 'age',
      additive: true,
      rows: UASC_ROWS.map((code) => ({ code, labelKey: `stats.age.${code}` as StatsLabelKey })),
      columns: GENDER_HEADINGS,
      counts: unaccompanied.map((row) => row.counts),
      keys: unaccompanied.map((row) => row.keys),
      tableKey: counts.tableKeys.unaccompaniedChildren,
    },
    categoryTable('sogiesc', true, 'stats.sogiesc', withKeys(counts.sogiesc, counts.keys.sogiesc), counts.tableKeys.sogiesc),
    categoryTable('livelihood', true, 'stats.livelihood', withKeys(counts.livelihood, counts.keys.livelihood), counts.tableKeys.livelihood),
    categoryTable(
      'protectionNeeds',
      true,
      'stats.protection',
      [
        ['recorded', counts.protectionNeeds.recorded, counts.keys.protectionNeeds.recorded],
        ['not-recorded', counts.protectionNeeds.notRecorded, counts.keys.protectionNeeds.notRecorded],
      ],
      counts.tableKeys.protectionNeeds,
    ),
  ];
  if (options.referrals) tables.push(referralsTable(options.referrals, counts.period.buckets, breakdowns));
  return breakdowns === 'all' ? tables : tables.filter((table) => !TIER2_TABLES.includes(table.id));
}

const total = (table: StatsTableId): CellRef => ({ table, row: 'total', column: 'total' });

/** Tables whose rows partition the people registered in the period. */
const PEOPLE_PARTITIONS: readonly StatsTableId[] = [
  'registrations',
  'ageGender',
  'nationality',
  'documentMismatch',
  'recordStatus',
  'sogiesc',
  'livelihood',
  'protectionNeeds',
];

/**
 * What a reader knows that links the tables: every partition of the people has the same total;
 * unaccompanied children are the specific-needs row of that name, and each of their age and
 * gender cells is part of the same cell of the age table (for "another gender" and "gender not
 * recorded" taken together, since either table may merge the first into the second); no category
 * counts more people than registered. (Gender for reporting is tier 1 and has no link to the
 * SOGIESC table: "another" there is not a gender identity.)
 */
export function linksOf(needs: readonly SpecificNeedEntry[] = SHIPPED_NEEDS): Link[] {
  const specificNeedCodes = needs.filter((need) => need.field === 'specificNeeds').map((need) => need.code);
  const uascAges: readonly (readonly [string, readonly string[]])[] = [
    ['0-4', ['0-4']],
    ['5-11', ['5-11']],
    ['12-17', ['12-17']],
    ['18+', ['18-59', '60+']],
    ['not-recorded', ['not-recorded']],
  ];
  return [
    { kind: 'equal', cells: PEOPLE_PARTITIONS.map(total) },
    { kind: 'equal', cells: [total('unaccompaniedChildren'), { table: 'specificNeeds', row: UNACCOMPANIED_NEED, column: 'people' }] },
    ...uascAges.flatMap(([row, ageRows]) =>
      [['f'], ['m'], ['i', 'not-recorded']].map(
        (columns): Link => ({
          kind: 'atMost',
          small: columns.map((column) => ({ table: 'unaccompaniedChildren', row, column })),
          large: ageRows.flatMap((ageRow) => columns.map((column) => ({ table: 'ageGender', row: ageRow, column }))),
        }),
      ),
    ),
    ...specificNeedCodes.map((need): Link => ({ kind: 'atMost', small: [{ table: 'specificNeeds', row: need, column: 'people' }], large: [total('ageGender')] })),
    ...unitLinks(),
  ];
}

const CHILD_AGES: readonly AgeBracket[] = ['0-4', '5-11', '12-17'];
const unitsOfSize = (size: UnitSize): CellRef => ({ table: 'familyUnits', row: 'total', column: size });
const unitCell = (composition: Composition, size: UnitSize): CellRef => ({ table: 'familyUnits', row: composition, column: size });
const ageRowTotal = (age: AgeBracket): CellRef => ({ table: 'ageGender', row: age, column: 'total' });

/**
 * What links family units to people (count.ts, countUnits): a unit is counted when one of its
 * members was registered in the period, every such person is in exactly one counted unit (their
 * own, or a unit of one), and ages are taken on the reference day, never before registration. So:
 * no more units than people; no more people than places in units of one to five when no unit of
 * six or more is counted; a unit of one whose age is not recorded is a person without a birth
 * date; units of one with an age are people with one; a child-headed unit holds a child registered
 * in the period. (A single adult may have registered at 17, so adults are not bound by units.)
 */
function unitLinks(): Link[] {
  const sizesUpToFive = UNIT_SIZES.filter((size) => size !== 'size6+');
  return [
    { kind: 'atMost', small: [total('familyUnits')], large: [total('registrations')] },
    {
      kind: 'atMost',
      small: [total('registrations')],
      large: sizesUpToFive.map((size, index) => ({ ...unitsOfSize(size), times: index + 1 })),
      onlyWhenZero: [unitsOfSize('size6+')],
    },
    { kind: 'atMost', small: [unitCell('other', 'size1')], large: [ageRowTotal('not-recorded')] },
    {
      kind: 'atMost',
      small: [unitCell('single-adult', 'size1'), unitCell('child-headed', 'size1'), ageRowTotal('not-recorded')],
      large: [total('ageGender')],
    },
    { kind: 'atMost', small: [{ table: 'familyUnits', row: 'child-headed', column: 'total' }], large: CHILD_AGES.map(ageRowTotal) },
  ];
}

/** Every label key the tables use, so a test can check each one is defined. */
export function tableLabelKeys(tables: readonly RawTable[]): string[] {
  return tables.flatMap((table) => [...table.rows, ...table.columns].flatMap((heading) => (heading.labelKey ? [heading.labelKey] : [])));
}
