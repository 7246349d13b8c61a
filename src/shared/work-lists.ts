/**
 * Work lists (issue 15): the people a clerk or a protection officer works through, chosen by one
 * criterion. A list whose criterion is itself a tier-1 or tier-2 value is offered only to a reader
 * of that tier, in the view mode in use; main refuses it to anyone else.
 */
import { z } from 'zod';
import { FIELDS, needCodeSchema, type SpecificNeedEntry, type Tier } from './catalogue';
import { ageSchema } from './people';
import { RECORD_STATUSES } from './record-status';

export const WORK_LIST_KINDS = ['arrived-this-week', 'unaccompanied-children', 'specific-need', 'document-mismatch', 'no-family-unit'] as const;
export type WorkListKind = (typeof WORK_LIST_KINDS)[number];

export const workListSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('arrived-this-week') }).strict(),
  z.object({ kind: z.literal('unaccompanied-children') }).strict(),
  z.object({ kind: z.literal('specific-need'), need: needCodeSchema }).strict(),
  z.object({ kind: z.literal('document-mismatch') }).strict(),
  z.object({ kind: z.literal('no-family-unit') }).strict(),
]);
export type WorkList = z.infer<typeof workListSchema>;

export const WORK_LIST_SORT_KEYS = ['registeredAt', 'chosenName', 'registrationNumber'] as const;
export type WorkListSortKey = (typeof WORK_LIST_SORT_KEYS)[number];
export const workListSortSchema = z
  .object({ by: z.enum(WORK_LIST_SORT_KEYS), direction: z.enum(['ascending', 'descending']) })
  .strict();
export type WorkListSort = z.infer<typeof workListSortSchema>;
export const DEFAULT_WORK_LIST_SORT: WorkListSort = { by: 'registeredAt', direction: 'descending' };

/**
 * The columns a list may carry, each with the tier of what it shows: the registration number, the
 * chosen name, the registration and arrival dates are tier 0; a child's age is derived from the
 * tier-1 birth field and is the children's list's own column.
 */
export const WORK_LIST_COLUMNS = {
  registrationNumber: 0,
  chosenName: 0,
  registeredAt: 0,
  arrivalDate: FIELDS.arrivalDate.tier,
  age: FIELDS.birth.tier,
} as const satisfies Record<string, Tier>;
export type WorkListColumn = keyof typeof WORK_LIST_COLUMNS;

export const workListRowSchema = z.object({
  id: z.number().int().positive(),
  registrationNumber: z.string(),
  chosenName: z.string(),
  registeredAt: z.string(),
  arrivalDate: z.string().optional(),
  age: ageSchema.optional(),
  /** The record's status when it is not active (a list showing them too). */
  status: z.enum(RECORD_STATUSES).optional(),
});
export type WorkListRow = z.infer<typeof workListRowSchema>;

const tierSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);

export const workListResultSchema = z.object({
  list: workListSchema,
  /** The tier of the list's criterion (workListTier): what the audit may say of it. */
  tier: tierSchema,
  columns: z.array(z.enum(Object.keys(WORK_LIST_COLUMNS) as [WorkListColumn, ...WorkListColumn[]])),
  rows: z.array(workListRowSchema),
});
export type WorkListResult = z.infer<typeof workListResultSchema>;

/**
 * The tier of a list's criterion: who may be told that a person is on it. A specific need's is the
 * tier of the field it is recorded in (the sensitive ones are tier 2); undefined for a need the
 * site's catalogue does not hold.
 */
export function workListTier(list: WorkList, catalogue: readonly SpecificNeedEntry[]): Tier | undefined {
  switch (list.kind) {
    case 'arrived-this-week':
    case 'no-family-unit':
      return 0;
    case 'unaccompanied-children':
      return FIELDS.specificNeeds.tier;
    case 'document-mismatch':
      return FIELDS.documentMismatch.tier;
    case 'specific-need': {
      const entry = catalogue.find((need) => need.code === list.need);
      return entry ? FIELDS[entry.field].tier : undefined;
    }
  }
}

/** The columns of a list for a reader of these tiers: the list's own column only where it may be read. */
export function workListColumns(list: WorkList, tiers: readonly Tier[]): WorkListColumn[] {
  const columns: WorkListColumn[] = ['registrationNumber', 'chosenName', 'registeredAt', 'arrivalDate'];
  if (list.kind === 'unaccompanied-children') columns.push('age');
  return columns.filter((column) => tiers.includes(WORK_LIST_COLUMNS[column]));
}

/** The one order of a list, on screen and in its CSV: names compared as the reader's language sorts them. */
export function sortWorkListRows(rows: readonly WorkListRow[], sort: WorkListSort, language: string): WorkListRow[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  const compare = (a: WorkListRow, b: WorkListRow): number => {
    const first =
      sort.by === 'chosenName'
        ? collator.compare(a.chosenName, b.chosenName)
        : sort.by === 'registrationNumber'
          ? collator.compare(a.registrationNumber, b.registrationNumber)
          : a.registeredAt < b.registeredAt
            ? -1
            : a.registeredAt > b.registeredAt
              ? 1
              : 0;
    return first !== 0 ? first : a.id - b.id;
  };
  const sorted = [...rows].sort(compare);
  return sort.direction === 'ascending' ? sorted : sorted.reverse();
}

/** What the audit log keeps of a list, never a name: its kind, and how many rows for a tier-0 list or its tier otherwise. */
export function workListAuditDetails(list: WorkList, tier: Tier, rows: number): Record<string, string | number> {
  // Supervisors read the audit log and only tier 0: a list chosen by a tier-1 or tier-2 value is
  // logged by its kind and tier alone. Its need and how many people are on it would give exact,
  // small counts of survivors or children (which statistics hide), and with the openings logged
  // after it, who they are.
  return tier === 0 ? { list: list.kind, rows } : { list: list.kind, tier };
}
