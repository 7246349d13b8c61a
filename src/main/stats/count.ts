/**
 * Exact counts for every table, from one pass over the period's people and one over current
 * family memberships. Nothing here is published: these numbers go through disclosure control.
 */
import { RELATIONSHIPS, SPECIFIC_NEEDS, UNACCOMPANIED_NEED, type Relationship } from '../../shared/catalogue';
import type { Db } from '../db/connection';
import {
  AGE_BRACKETS,
  COMPOSITIONS,
  GENDER_COLUMNS,
  LIVELIHOOD_CLASSES,
  SOGIESC_CLASSES,
  UNIT_SIZES,
  ageOn,
  dayOf,
  ageBracketOf,
  compositionOf,
  livelihoodClassOf,
  reportingGenderColumnOf,
  sogiescClassOf,
  unitSizeOf,
  type AgeBracket,
  type Day,
  type Composition,
  type GenderColumn,
  type UnitMember,
  type UnitSize,
} from './classify';
import { forEachCurrentMembership, forEachMember, forEachPersonInPeriod, statusesOn, type PersonRecord } from './collect';
import { RECORD_STATUSES, type RecordStatus } from '../../shared/record-status';
import { bucketer, timestampRange, type Period } from './period';
import { categoryKey, codeNumber } from './perturb';

export const UASC_ROWS = ['0-4', '5-11', '12-17', '18+', 'not-recorded'] as const;
export type UascRow = (typeof UASC_ROWS)[number];

type Grid<R extends string, C extends string> = Record<R, Record<C, number>>;

function grid<R extends string, C extends string>(rows: readonly R[], columns: readonly C[]): Grid<R, C> {
  return Object.fromEntries(rows.map((row) => [row, Object.fromEntries(columns.map((column) => [column, 0]))])) as Grid<R, C>;
}

function tally<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

export interface Counts {
  period: Period;
  people: number;
  registrations: Map<string, number>;
  ageGender: Grid<AgeBracket, GenderColumn>;
  nationality: Map<string, number>;
  specificNeeds: Record<string, number>;
  documentMismatch: { recorded: number; notRecorded: number };
  /** Each person's record status on the reference day (collect.ts, statusesOn). */
  recordStatus: Record<RecordStatus, number>;
  unaccompanied: Grid<UascRow, GenderColumn>;
  sogiesc: Record<(typeof SOGIESC_CLASSES)[number], number>;
  livelihood: Record<(typeof LIVELIHOOD_CLASSES)[number], number>;
  protectionNeeds: { recorded: number; notRecorded: number };
  familyUnits: Grid<Composition, UnitSize>;
  /**
   * Internal, never published: per cell, the sum of its members' record keys (a family unit's
   * key is the sum of its members'); per breakdown, a key of its whole content (perturb.ts).
   */
  keys: Omit<Counts, 'period' | 'people' | 'keys' | 'tableKeys'>;
  tableKeys: TableKeys;
}

/** Per breakdown, the sum over its members of categoryKey(record key, category). */
export interface TableKeys {
  ageGender: number;
  nationality: number;
  specificNeeds: number;
  familyUnits: number;
  documentMismatch: number;
  recordStatus: number;
  unaccompaniedChildren: number;
  sogiesc: number;
  livelihood: number;
  protectionNeeds: number;
}

/** Every cell at zero, for the counts and for their keys. */
function emptyCells(period: Period): Counts['keys'] {
  return {
    registrations: new Map(period.buckets.map((bucket) => [bucket, 0])),
    ageGender: grid(AGE_BRACKETS, GENDER_COLUMNS),
    nationality: new Map(),
    // Shipped categories start at zero; a site's own are added as they are met.
    specificNeeds: tally<string>(SPECIFIC_NEEDS),
    documentMismatch: { recorded: 0, notRecorded: 0 },
    recordStatus: tally(RECORD_STATUSES),
    unaccompanied: grid(UASC_ROWS, GENDER_COLUMNS),
    sogiesc: tally(SOGIESC_CLASSES),
    livelihood: tally(LIVELIHOOD_CLASSES),
    protectionNeeds: { recorded: 0, notRecorded: 0 },
    familyUnits: grid(COMPOSITIONS, UNIT_SIZES),
  };
}

const AGE_INDEX = new Map<string, number>(AGE_BRACKETS.map((bracket, index) => [bracket, index]));
const GENDER_INDEX = new Map<string, number>(GENDER_COLUMNS.map((gender, index) => [gender, index]));
const SOGIESC_INDEX = new Map<string, number>(SOGIESC_CLASSES.map((value, index) => [value, index]));
const LIVELIHOOD_INDEX = new Map<string, number>(LIVELIHOOD_CLASSES.map((value, index) => [value, index]));
const COMPOSITION_INDEX = new Map<string, number>(COMPOSITIONS.map((value, index) => [value, index]));
const STATUS_INDEX = new Map<string, number>(RECORD_STATUSES.map((value, index) => [value, index]));
const SIZE_INDEX = new Map<string, number>(UNIT_SIZES.map((value, index) => [value, index]));

/** The code used for people whose nationality was not recorded. */
export const NO_NATIONALITY = 'not-recorded';

// Per person, what a family unit's composition needs: age at the reference date and gender for
// reporting (its column), packed in one Int16 (age * 4 + column) so a million people cost two megabytes.
const UNKNOWN_AGE = 200;
const NOT_SEEN = -1;
const TARGETED_BELOW_SHARE = 0.2;

function pack(age: number | undefined, gender: GenderColumn): number {
  return Math.min(age ?? UNKNOWN_AGE, UNKNOWN_AGE) * 4 + (GENDER_INDEX.get(gender) ?? GENDER_COLUMNS.length - 1);
}

function unpack(packed: number, relationship: Relationship): UnitMember {
  const age = Math.floor(packed / 4);
  return { relationship, age: age === UNKNOWN_AGE ? undefined : age, gender: GENDER_COLUMNS[packed % 4] ?? 'not-recorded' };
}


function uascRowOf(bracket: AgeBracket): UascRow {
  return bracket === '18-59' || bracket === '60+' ? '18+' : bracket;
}

/**
 * Counts for a period. Unit compositions use ages on the reference date: the end of the period,
 * or today if earlier, since units are taken as they are now; record statuses are those of that day.
 */
export function countPeriod(db: Db, period: Period, today: Date): Counts {
  const todayIso = today.toISOString().slice(0, 10);
  const referenceIso = period.to < todayIso ? period.to : todayIso;
  const referenceDay = dayOf(referenceIso);
  const bucketOf = bucketer(period.granularity);
  const days = new Map<string, Day>();
  const registrationDay = (timestamp: string): Day => {
    const key = timestamp.slice(0, 10);
    let day = days.get(key);
    if (!day) {
      day = dayOf(key);
      days.set(key, day);
    }
    return day;
  };
  const counts: Counts = {
    period,
    people: 0,
    ...emptyCells(period),
    keys: emptyCells(period),
    tableKeys: { ageGender: 0, nationality: 0, specificNeeds: 0, familyUnits: 0, documentMismatch: 0, recordStatus: 0, unaccompaniedChildren: 0, sogiesc: 0, livelihood: 0, protectionNeeds: 0 },
  };
  const { keys, tableKeys } = counts;
  const statuses = statusesOn(db, referenceIso);

  const maxId = (db.prepare('SELECT max(id) AS id FROM people').get() as { id: number | null }).id ?? 0;
  const members = new Int16Array(maxId + 1).fill(NOT_SEEN);
  const inPeriod = new Uint8Array(maxId + 1);
  const recordKeys = new Float64Array(maxId + 1);
  const ids: number[] = [];

  // Record keys are summed as plain numbers: a million keys below 2^32 stay exact below 2^53.
  const addPerson = (person: PersonRecord) => {
    const key = person.recordKey;
    counts.people += 1;
    const bucket = bucketOf(person.registeredAt);
    counts.registrations.set(bucket, (counts.registrations.get(bucket) ?? 0) + 1);
    keys.registrations.set(bucket, (keys.registrations.get(bucket) ?? 0) + key);
    const bracket = ageBracketOf(ageOn(person.birth, registrationDay(person.registeredAt)));
    const gender = reportingGenderColumnOf(person.reportingGender);
    const genderIndex = GENDER_INDEX.get(gender) ?? 0;
    counts.ageGender[bracket][gender] += 1;
    keys.ageGender[bracket][gender] += key;
    tableKeys.ageGender += categoryKey(key, (AGE_INDEX.get(bracket) ?? 0) * 8 + genderIndex);
    const nationality = person.nationality ?? NO_NATIONALITY;
    counts.nationality.set(nationality, (counts.nationality.get(nationality) ?? 0) + 1);
    keys.nationality.set(nationality, (keys.nationality.get(nationality) ?? 0) + key);
    tableKeys.nationality += categoryKey(key, codeNumber(nationality));
    if (person.specificNeeds.length > 0) {
      for (const need of new Set(person.specificNeeds)) {
        counts.specificNeeds[need] = (counts.specificNeeds[need] ?? 0) + 1;
        keys.specificNeeds[need] = (keys.specificNeeds[need] ?? 0) + key;
        tableKeys.specificNeeds += categoryKey(key, codeNumber(need));
      }
      if (person.specificNeeds.includes(UNACCOMPANIED_NEED)) {
        const row = uascRowOf(bracket);
        counts.unaccompanied[row][gender] += 1;
        keys.unaccompanied[row][gender] += key;
        tableKeys.unaccompaniedChildren += categoryKey(key, codeNumber(row) + genderIndex);
      }
    }
    if (person.documentMismatch) {
      counts.documentMismatch.recorded += 1;
      keys.documentMismatch.recorded += key;
    } else {
      counts.documentMismatch.notRecorded += 1;
      keys.documentMismatch.notRecorded += key;
    }
    tableKeys.documentMismatch += categoryKey(key, person.documentMismatch ? 1 : 0);
    const status = statuses.get(person.id) ?? 'active';
    counts.recordStatus[status] += 1;
    keys.recordStatus[status] += key;
    tableKeys.recordStatus += categoryKey(key, STATUS_INDEX.get(status) ?? 0);
    const sogiesc = sogiescClassOf(person.gender, person.orientation, person.sexCharacteristics);
    counts.sogiesc[sogiesc] += 1;
    keys.sogiesc[sogiesc] += key;
    tableKeys.sogiesc += categoryKey(key, SOGIESC_INDEX.get(sogiesc) ?? 0);
    const livelihood = livelihoodClassOf(person.livelihood);
    counts.livelihood[livelihood] += 1;
    keys.livelihood[livelihood] += key;
    tableKeys.livelihood += categoryKey(key, LIVELIHOOD_INDEX.get(livelihood) ?? 0);
    if (person.protectionNeeds > 0) {
      counts.protectionNeeds.recorded += 1;
      keys.protectionNeeds.recorded += key;
    } else {
      counts.protectionNeeds.notRecorded += 1;
      keys.protectionNeeds.notRecorded += key;
    }
    tableKeys.protectionNeeds += categoryKey(key, person.protectionNeeds > 0 ? 1 : 0);
    members[person.id] = pack(ageOn(person.birth, referenceDay), gender);
    inPeriod[person.id] = 1;
    recordKeys[person.id] = key;
    ids.push(person.id);
  };
  forEachPersonInPeriod(db, timestampRange(period), addPerson);

  // A short period's units are looked up through its people; a long one's read in one scan.
  const unitsOf = ids.length < TARGETED_BELOW_SHARE * maxId ? ids : undefined;
  countUnits(db, counts, { members, inPeriod, recordKeys, unitsOf }, referenceDay);
  return counts;
}

function countUnits(
  db: Db,
  counts: Counts,
  people: { members: Int16Array; inPeriod: Uint8Array; recordKeys: Float64Array; unitsOf: readonly number[] | undefined },
  referenceDay: Day,
): void {
  const { members, inPeriod, recordKeys } = people;
  const unitIds: number[] = [];
  const personIds: number[] = [];
  const relationships: number[] = [];
  let maxUnit = 0;
  forEachCurrentMembership(db, (membership) => {
    unitIds.push(membership.unitId);
    personIds.push(membership.personId);
    relationships.push(RELATIONSHIPS.indexOf(membership.relationship));
    if (membership.unitId > maxUnit) maxUnit = membership.unitId;
  }, people.unitsOf);

  // A unit counts when any current member was registered in the period.
  const included = new Uint8Array(maxUnit + 1);
  const hasUnit = new Uint8Array(inPeriod.length);
  const sizes = new Int32Array(maxUnit + 1);
  for (let i = 0; i < unitIds.length; i++) {
    const unit = unitIds[i] ?? 0;
    const person = personIds[i] ?? 0;
    sizes[unit] = (sizes[unit] ?? 0) + 1;
    if (person < inPeriod.length && inPeriod[person] === 1) {
      included[unit] = 1;
      hasUnit[person] = 1;
    }
  }

  const outside: number[] = [];
  for (let i = 0; i < unitIds.length; i++) {
    const person = personIds[i] ?? 0;
    if (included[unitIds[i] ?? 0] === 1 && members[person] === NOT_SEEN) outside.push(person);
  }
  forEachMember(db, outside, (member) => {
    if (member.id < members.length) {
      members[member.id] = pack(ageOn(member.birth, referenceDay), reportingGenderColumnOf(member.reportingGender));
      recordKeys[member.id] = member.recordKey;
    }
  });

  // Group the included units' members: offsets by unit, then fill (a compressed sparse layout).
  const offsets = new Int32Array(maxUnit + 2);
  for (let unit = 0; unit <= maxUnit; unit++) offsets[unit + 1] = (offsets[unit] ?? 0) + (included[unit] === 1 ? (sizes[unit] ?? 0) : 0);
  const fill = offsets.slice(0, maxUnit + 1);
  const grouped = new Int32Array(offsets[maxUnit + 1] ?? 0);
  for (let i = 0; i < unitIds.length; i++) {
    const unit = unitIds[i] ?? 0;
    if (included[unit] !== 1) continue;
    grouped[fill[unit] ?? 0] = i;
    fill[unit] = (fill[unit] ?? 0) + 1;
  }

  // A unit's key is the sum of its members' record keys.
  const addUnit = (unitMembers: UnitMember[], unitKey: number) => {
    const composition = compositionOf(unitMembers);
    const size = unitSizeOf(unitMembers.length);
    counts.familyUnits[composition][size] += 1;
    counts.keys.familyUnits[composition][size] += unitKey;
    counts.tableKeys.familyUnits += categoryKey(unitKey % 4_294_967_296, (COMPOSITION_INDEX.get(composition) ?? 0) * 8 + (SIZE_INDEX.get(size) ?? 0));
  };
  for (let unit = 0; unit <= maxUnit; unit++) {
    if (included[unit] !== 1) continue;
    const unitMembers: UnitMember[] = [];
    let unitKey = 0;
    for (let j = offsets[unit] ?? 0; j < (offsets[unit + 1] ?? 0); j++) {
      const index = grouped[j] ?? 0;
      unitKey += recordKeys[personIds[index] ?? 0] ?? 0;
      const packed = members[personIds[index] ?? 0] ?? NOT_SEEN;
      const relationship = RELATIONSHIPS[relationships[index] ?? -1] ?? 'other';
      unitMembers.push(packed === NOT_SEEN ? { relationship, age: undefined, gender: 'not-recorded' } : unpack(packed, relationship));
    }
    addUnit(unitMembers, unitKey);
  }
  // A person registered in the period without a unit is a unit of one.
  for (let person = 0; person < inPeriod.length; person++) {
    if (inPeriod[person] === 1 && hasUnit[person] === 0) addUnit([unpack(members[person] ?? 0, 'focal-point')], recordKeys[person] ?? 0);
  }
}
