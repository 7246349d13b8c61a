import { randomInt } from 'node:crypto';
import { FIELD_KEYS, FIELDS, type FieldKey, type PersonFields, type Tier } from '../../shared/catalogue';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { birthYearOf } from './age';
import { keptRecordOf, numbersMergedInto } from './merged-records';
import { statusSql } from './record-status';
import { registrationTerms, termsFor, type SearchTerm } from './search-terms';
import { recordNearKeys } from './search-near-keys';

export interface PersonRow {
  id: number;
  registration_number: string;
  chosen_name: string;
  birth_year: number | null;
  registered_at: string;
  registered_by: number;
  updated_at: string;
  tier0: string;
  tier1: string;
  tier2: string;
  /** The record kept, when this one was merged into it as a duplicate. */
  merged_into: number | null;
}

/** What a list or a search result is made from: tier 0 and the birth field in tier 1, for the age. */
export type SummaryRow = Pick<PersonRow, 'id' | 'registration_number' | 'chosen_name' | 'registered_at' | 'tier1'> & { record_status: string };
/** Read from people (unaliased); the status is the record's latest change of status (record-status.ts). */
export const SUMMARY_COLUMNS = `id, registration_number, chosen_name, registered_at, tier1, ${statusSql('people.id')} AS record_status`;

export function summaryRowOf(db: Db, id: number): SummaryRow | undefined {
  return prepared<[number], SummaryRow>(db, `SELECT ${SUMMARY_COLUMNS} FROM people WHERE id = ?`).get(id);
}

const TIER_COLUMNS = ['tier0', 'tier1', 'tier2'] as const;

/** Reads only the tier columns asked for, so a reader's query never loads values above them. */
export function readPerson(db: Db, id: number, tiers: readonly Tier[]): { row: PersonRow; fields: PersonFields } | undefined {
  const row = prepared<[number], PersonRow>(db, 'SELECT * FROM people WHERE id = ?').get(id);
  if (!row) return undefined;
  const fields: Record<string, unknown> = {};
  for (const tier of tiers) Object.assign(fields, JSON.parse(row[TIER_COLUMNS[tier]]) as object);
  return { row, fields: fields as PersonFields };
}

export function allFieldsOf(row: PersonRow): PersonFields {
  return { ...JSON.parse(row.tier0), ...JSON.parse(row.tier1), ...JSON.parse(row.tier2) } as PersonFields;
}

function splitByTier(fields: PersonFields): [string, string, string] {
  const parts: [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>] = [{}, {}, {}];
  for (const key of FIELD_KEYS) {
    const value = fields[key];
    if (value !== undefined) parts[FIELDS[key].tier][key] = value;
  }
  return [JSON.stringify(parts[0]), JSON.stringify(parts[1]), JSON.stringify(parts[2])];
}

export function insertPerson(
  db: Db,
  person: { registrationNumber: string; fields: PersonFields; registeredBy: number; at: string },
): number {
  const [tier0, tier1, tier2] = splitByTier(person.fields);
  const { lastInsertRowid } = prepared(db, 
      `INSERT INTO people (registration_number, chosen_name, birth_year, registered_at, registered_by, updated_at, tier0, tier1, tier2, record_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      person.registrationNumber,
      person.fields.chosenName ?? '',
      birthYearOf(person.fields.birth) ?? null,
      person.at,
      person.registeredBy,
      person.at,
      tier0,
      tier1,
      tier2,
      // The statistics' record key (migration 7): random, never exported or shown.
      randomInt(0, 2 ** 32),
    );
  const id = Number(lastInsertRowid);
  // A new record is merged into none and has none merged into it: its own terms are all it has.
  insertTerms(db, id, termsFor(person.registrationNumber, person.fields));
  return id;
}

export function replaceFields(db: Db, id: number, registrationNumber: string, fields: PersonFields, at: string): void {
  const [tier0, tier1, tier2] = splitByTier(fields);
  prepared(db, 
    'UPDATE people SET chosen_name = ?, birth_year = ?, updated_at = ?, tier0 = ?, tier1 = ?, tier2 = ? WHERE id = ?',
  ).run(fields.chosenName ?? '', birthYearOf(fields.birth) ?? null, at, tier0, tier1, tier2, id);
  prepared(db, 'DELETE FROM search_terms WHERE person_id = ?').run(id);
  writeSearchTerms(db, id, registrationNumber, fields);
}

/**
 * A record is found by its own terms and by the registration numbers of the records merged into
 * it; a record merged into another is found by none (its number finds the record kept).
 */
export function writeSearchTerms(db: Db, id: number, registrationNumber: string, fields: PersonFields): void {
  if (keptRecordOf(db, id) !== id) return;
  insertTerms(db, id, [...termsFor(registrationNumber, fields), ...numbersMergedInto(db, id).flatMap(registrationTerms)]);
}

function insertTerms(db: Db, id: number, terms: readonly SearchTerm[]): void {
  const insert = prepared(db, 'INSERT OR IGNORE INTO search_terms (term, person_id, tier) VALUES (?, ?, ?)');
  for (const { term, tier } of terms) insert.run(term, id, tier);
  recordNearKeys(db, terms);
}

/** Writes a record's search terms anew from what is stored, after a merge or its undo. */
export function rewriteSearchTerms(db: Db, id: number): void {
  const row = prepared<[number], PersonRow>(db, 'SELECT * FROM people WHERE id = ?').get(id);
  prepared(db, 'DELETE FROM search_terms WHERE person_id = ?').run(id);
  if (row) writeSearchTerms(db, id, row.registration_number, allFieldsOf(row));
}

export function recordHistory(
  db: Db,
  entry: { personId: number; field: FieldKey; at: string; by: number; oldValue: unknown; newValue: unknown },
): void {
  prepared(db, 
    'INSERT INTO person_history (person_id, field, tier, changed_at, changed_by, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    entry.personId,
    entry.field,
    FIELDS[entry.field].tier,
    entry.at,
    entry.by,
    entry.oldValue === undefined ? null : JSON.stringify(entry.oldValue),
    entry.newValue === undefined ? null : JSON.stringify(entry.newValue),
  );
}
