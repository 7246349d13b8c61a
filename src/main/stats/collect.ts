/**
 * Reading what the statistics need, and nothing more: JSON paths pulled out in SQL, so a row
 * never brings its names, documents or free text into JavaScript. One range scan of the
 * registration index for the period, one scan of current family memberships, and a look-up of
 * unit members registered outside the period.
 */
import type { Birth, Relationship } from '../../shared/catalogue';
import type { Db } from '../db/connection';
import { migrationSql } from '../db/migrations';
import { mergedIds } from '../people/merged-records';
import { prepared } from '../db/prepared';
import type { Answer } from './classify';
import { readStatus, type RecordStatus } from '../../shared/record-status';

export interface PersonRecord {
  id: number;
  registeredAt: string;
  birth: Birth | null;
  nationality: string | null;
  specificNeeds: readonly string[];
  documentMismatch: boolean;
  /** Gender for reporting (tier 1): what the age-by-gender table and partner units count. */
  reportingGender: string | null;
  /** The self-described gender identity (tier 2): only the SOGIESC table reads it. */
  gender: Answer;
  orientation: Answer;
  sexCharacteristics: Answer;
  livelihood: Answer;
  protectionNeeds: number;
  /** The record key (migration 7): random, internal, never published. */
  recordKey: number;
}

/** What a family unit's composition needs of a member registered outside the period. */
export interface MemberRecord {
  id: number;
  birth: Birth | null;
  reportingGender: string | null;
  recordKey: number;
}

// One json_extract per tier with several paths returns one small JSON array: cheaper than a call
// per path, and `kind`/`value` paths keep self-described words out of the result.
const TIER1_EXTRACT = `json_extract(tier1, '$.birth', '$.nationalities[0]', '$.specificNeeds', '$.documentMismatch', '$.genderForReporting')`;
const TIER2_EXTRACT = `json_extract(tier2, '$.genderIdentity.kind', '$.genderIdentity.value', '$.sexualOrientation.kind', '$.sexualOrientation.value', '$.sexCharacteristics.kind', '$.sexCharacteristics.value', '$.livelihood.kind', '$.livelihood.value', '$.protectionNeeds')`;

export const STATISTICS_INDEX_NAME = 'people_statistics';
/**
 * A covering index on exactly the expressions the statistics read. With it, a period is one
 * range scan of a narrow index (about a sixth of the table's pages to decrypt, and no JSON to
 * parse in SQL); without it, the same query reads the table. Migration 4 created it, migration
 * 7 rebuilt it with the record key and migration 9 with gender for reporting, its SQL frozen
 * there: the expressions above must stay identical to the index's for SQLite to use it
 * (tests/unit/stats/counts.test.ts checks the query plan). Changing them needs a new migration.
 */
export const STATISTICS_INDEX_SQL = `${migrationSql(9)
  .split(';')
  .map((statement) => statement.trim())
  .find((statement) => statement.startsWith(`CREATE INDEX ${STATISTICS_INDEX_NAME} `)) ?? migrationSql(4)};`;

const PEOPLE_COLUMNS = `id, registered_at, ${TIER1_EXTRACT}, ${TIER2_EXTRACT}, record_key`;
const RANGE = 'registered_at >= ? AND registered_at < ?';
export const PEOPLE_BY_STATISTICS_INDEX = `SELECT ${PEOPLE_COLUMNS} FROM people INDEXED BY ${STATISTICS_INDEX_NAME} WHERE ${RANGE}`;
const PEOPLE_BY_INDEX = `SELECT ${PEOPLE_COLUMNS} FROM people WHERE ${RANGE}`;
// Without the statistics index, reading most of the table through the registration index costs
// a B-tree look-up per row; a straight scan reads each page once.
const PEOPLE_BY_SCAN = `SELECT ${PEOPLE_COLUMNS} FROM people NOT INDEXED WHERE ${RANGE}`;
const SCAN_ABOVE_SHARE = 0.2;

function peopleQuery(db: Db, range: { fromInclusive: string; toExclusive: string }): string {
  const hasIndex = prepared<[string], number>(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?").pluck(true).get(STATISTICS_INDEX_NAME);
  if (hasIndex) return PEOPLE_BY_STATISTICS_INDEX;
  const inRange = prepared<[string, string], number>(db, `SELECT count(*) FROM people WHERE ${RANGE}`).pluck(true).get(range.fromInclusive, range.toExclusive);
  const all = prepared<[], number>(db, 'SELECT count(*) FROM people').pluck(true).get();
  return (inRange ?? 0) > SCAN_ABOVE_SHARE * (all ?? 0) ? PEOPLE_BY_SCAN : PEOPLE_BY_INDEX;
}

type Tier1 = [Birth | null, string | null, string[] | null, boolean | null, string | null];
type Tier2 = [
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string[] | null,
];

export function forEachPersonInPeriod(
  db: Db,
  range: { fromInclusive: string; toExclusive: string },
  visit: (person: PersonRecord) => void,
): void {
  const statement = prepared<[string, string], [number, string, string, string, number | null]>(db, peopleQuery(db, range)).raw(true);
  // A record merged into another is the same person as the record kept: counted once, as that one.
  const merged = mergedIds(db);
  for (const [id, registeredAt, tier1Json, tier2Json, recordKey] of statement.iterate(range.fromInclusive, range.toExclusive)) {
    if (merged.has(id)) continue;
    const [birth, nationality, needs, mismatch, reportingGender] = JSON.parse(tier1Json) as Tier1;
    const [gk, gv, ok, ov, sk, sv, lk, lv, protection] = JSON.parse(tier2Json) as Tier2;
    visit({
      id,
      registeredAt,
      birth,
      nationality,
      specificNeeds: needs ?? [],
      documentMismatch: mismatch === true,
      reportingGender,
      gender: { kind: gk, value: gv },
      orientation: { kind: ok, value: ov },
      sexCharacteristics: { kind: sk, value: sv },
      livelihood: { kind: lk, value: lv },
      protectionNeeds: protection?.length ?? 0,
      recordKey: recordKey ?? 0,
    });
  }
}

/**
 * Each record's status on a day (YYYY-MM-DD): its latest change dated on or before it, in the
 * one order every desk uses (people/record-status.ts). Records without one are not in the map
 * (active). The table is small (a row per change of status): read whole, in order.
 */
export function statusesOn(db: Db, day: string): Map<number, RecordStatus> {
  const statuses = new Map<number, RecordStatus>();
  const rows = prepared<[string], [number, string]>(
    db,
    'SELECT person_id, status FROM record_statuses WHERE effective_on <= ? ORDER BY person_id, effective_on, recorded_at, gid',
  ).raw(true);
  for (const [personId, status] of rows.iterate(day)) statuses.set(personId, readStatus(status));
  return statuses;
}

export interface Membership {
  unitId: number;
  personId: number;
  relationship: Relationship;
}

const MEMBERSHIP_COLUMNS = 'SELECT unit_id, person_id, relationship FROM family_memberships WHERE left_at IS NULL';
const MEMBERSHIPS_OF_UNITS_OF = `${MEMBERSHIP_COLUMNS} AND unit_id IN (
  SELECT unit_id FROM family_memberships WHERE left_at IS NULL AND person_id IN (SELECT value FROM json_each(?)))`;

/**
 * Current memberships of every unit that has one of the given people in it, or of every unit
 * when no list is given: for a long period the narrow table is scanned whole, faster than looked
 * up person by person.
 */
export function forEachCurrentMembership(db: Db, visit: (membership: Membership) => void, unitsOf?: readonly number[]): void {
  const statement = prepared<string[], [number, number, Relationship]>(db, unitsOf ? MEMBERSHIPS_OF_UNITS_OF : MEMBERSHIP_COLUMNS).raw(true);
  const rows = unitsOf ? statement.iterate(JSON.stringify(unitsOf)) : statement.iterate();
  for (const [unitId, personId, relationship] of rows) visit({ unitId, personId, relationship });
}

const MEMBERS_BY_ID = `
  SELECT id, json_extract(tier1, '$.birth'), json_extract(tier1, '$.genderForReporting'), record_key
  FROM people WHERE id IN (SELECT value FROM json_each(?))`;

/** Members of the period's units who were registered before or after it. */
export function forEachMember(db: Db, ids: readonly number[], visit: (member: MemberRecord) => void): void {
  if (ids.length === 0) return;
  const statement = prepared<[string], [number, string | null, string | null, number | null]>(db, MEMBERS_BY_ID).raw(true);
  for (const [id, birthJson, reportingGender, recordKey] of statement.iterate(JSON.stringify(ids))) {
    visit({ id, birth: birthJson === null ? null : (JSON.parse(birthJson) as Birth), reportingGender, recordKey: recordKey ?? 0 });
  }
}
