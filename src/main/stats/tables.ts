/**
 * The tables a report publishes, with their exact counts (before disclosure control), and the
 * relations between tables that a reader can use against them.
 */
import { SHIPPED_NEEDS, type NeedLabels, type SpecificNeedEntry } from '../../shared/catalogue';
import type { PublishedTable, StatsLabelKey, StatsTableId } from '../../shared/stats';
import { AGE_BRACKETS, COMPOSITIONS, GENDER_COLUMNS, UNIT_SIZES } from './classify';
import { NO_NATIONALITY, UASC_ROWS, type Counts } from './count';
import type { CellRef, Link, TableShape } from './structure';

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
  columns: { code: string; labelKey: StatsLabelKey }[];
  /** Exact counts, rows by columns. */
  counts: number[][];
}

/** Codes of merged categories. */
export const OTHER_NATIONALITIES = 'other';
const PEOPLE_COLUMN = [{ code: 'people', labelKey: 'stats.people' as const }];
const GENDER_HEADINGS = GENDER_COLUMNS.map((code) => ({ code, labelKey: `stats.gender.${code}` as StatsLabelKey }));

function categoryTable(
  id: StatsTableId,
  sensitive: boolean,
  prefix: string,
  entries: readonly (readonly [string, number])[],
  additive = true,
): RawTable {
  return {
    id,
    countOf: 'people',
    sensitive,
    rowDimension: 'category',
    additive,
    rows: entries.map(([code]) => ({ code, labelKey: `${prefix}.${code}` as StatsLabelKey })),
    columns: PEOPLE_COLUMN,
    counts: entries.map(([, count]) => [count]),
  };
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
  };
}

/**
 * Nationalities with fewer than k people are merged into "other nationalities" before
 * suppression (global recoding): a row of its own would tell that someone of that nationality
 * registered. Rows are in code order, never by size, so a suppressed row's place tells nothing.
 */
function nationalityRows(counts: Counts, k: number): [RawHeading, number][] {
  let other = 0;
  let notRecorded = 0;
  const shown: [RawHeading, number][] = [];
  for (const [code, count] of counts.nationality) {
    if (code === NO_NATIONALITY) notRecorded += count;
    else if (count < k) other += count;
    else shown.push([{ code }, count]);
  }
  shown.sort(([a], [b]) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return [
    ...shown,
    [{ code: OTHER_NATIONALITIES, labelKey: 'stats.nationality.other' }, other],
    [{ code: NO_NATIONALITY, labelKey: 'stats.notRecorded' }, notRecorded],
  ];
}

/** `needs` is the site's catalogue of specific needs; the shipped one by default. */
export function buildTables(counts: Counts, options: { k: number }, needs: readonly SpecificNeedEntry[] = SHIPPED_NEEDS): RawTable[] {
  const nationality = nationalityRows(counts, options.k);
  return [
    {
      id: 'registrations',
      countOf: 'people',
      sensitive: false,
      rowDimension: 'period',
      additive: true,
      rows: counts.period.buckets.map((code) => ({ code })),
      columns: PEOPLE_COLUMN,
      counts: counts.period.buckets.map((bucket) => [counts.registrations.get(bucket) ?? 0]),
    },
    {
      id: 'ageGender',
      countOf: 'people',
      sensitive: false,
      rowDimension: 'age',
      additive: true,
      rows: AGE_BRACKETS.map((code) => ({ code, labelKey: `stats.age.${code}` as StatsLabelKey })),
      columns: GENDER_HEADINGS,
      counts: AGE_BRACKETS.map((bracket) => GENDER_COLUMNS.map((gender) => counts.ageGender[bracket][gender])),
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
    },
    specificNeedsTable(counts, needs),
    {
      id: 'familyUnits',
      countOf: 'units',
      sensitive: false,
      rowDimension: 'category',
      additive: true,
      // Partners of the same gender tell something of sexual orientation: a tier-2 breakdown.
      rows: COMPOSITIONS.map((code) => ({ code, labelKey: `stats.family.${code}` as StatsLabelKey, ...(code === 'same-gender-partners' ? { sensitive: true } : {}) })),
      columns: UNIT_SIZES.map((code) => ({ code, labelKey: `stats.family.${code}` as StatsLabelKey })),
      counts: COMPOSITIONS.map((composition) => UNIT_SIZES.map((size) => counts.familyUnits[composition][size])),
    },
    categoryTable('documentMismatch', false, 'stats.mismatch', [
      ['recorded', counts.documentMismatch.recorded],
      ['not-recorded', counts.documentMismatch.notRecorded],
    ]),
    {
      id: 'unaccompaniedChildren',
      countOf: 'people',
      sensitive: false,
      rowDimension: 'age',
      additive: true,
      rows: UASC_ROWS.map((code) => ({ code, labelKey: `stats.age.${code}` as StatsLabelKey })),
      columns: GENDER_HEADINGS,
      counts: UASC_ROWS.map((row) => GENDER_COLUMNS.map((gender) => counts.unaccompanied[row][gender])),
    },
    categoryTable('sogiesc', true, 'stats.sogiesc', Object.entries(counts.sogiesc)),
    categoryTable('livelihood', true, 'stats.livelihood', Object.entries(counts.livelihood)),
    categoryTable('protectionNeeds', true, 'stats.protection', [
      ['recorded', counts.protectionNeeds.recorded],
      ['not-recorded', counts.protectionNeeds.notRecorded],
    ]),
  ];
}

const total = (table: StatsTableId): CellRef => ({ table, row: 'total', column: 'total' });

/** Tables whose rows partition the people registered in the period. */
const PEOPLE_PARTITIONS: readonly StatsTableId[] = [
  'registrations',
  'ageGender',
  'nationality',
  'documentMismatch',
  'sogiesc',
  'livelihood',
  'protectionNeeds',
];

/**
 * What a reader knows that links the tables: every partition of the people has the same total;
 * unaccompanied children are the specific-needs row of that name, and each of their age and
 * gender cells is part of the same cell of the age table; a person of another gender identity
 * is counted as LGBTIQ+; no category counts more people than registered.
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
    { kind: 'equal', cells: [total('unaccompaniedChildren'), { table: 'specificNeeds', row: 'unaccompanied-or-separated-child', column: 'people' }] },
    ...uascAges.flatMap(([row, ageRows]) =>
      GENDER_COLUMNS.map(
        (column): Link => ({
          kind: 'atMost',
          small: [{ table: 'unaccompaniedChildren', row, column }],
          large: ageRows.map((ageRow) => ({ table: 'ageGender', row: ageRow, column })),
        }),
      ),
    ),
    { kind: 'atMost', small: [{ table: 'ageGender', row: 'total', column: 'i' }], large: [{ table: 'sogiesc', row: 'lgbtiq', column: 'people' }] },
    ...specificNeedCodes.map((need): Link => ({ kind: 'atMost', small: [{ table: 'specificNeeds', row: need, column: 'people' }], large: [total('ageGender')] })),
  ];
}

/** Every label key the tables use, so a test can check each one is defined. */
export function tableLabelKeys(tables: readonly RawTable[]): string[] {
  return tables.flatMap((table) => [...table.rows, ...table.columns].flatMap((heading) => (heading.labelKey ? [heading.labelKey] : [])));
}
