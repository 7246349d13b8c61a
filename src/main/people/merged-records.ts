import { AppError } from '../../shared/errors';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

/**
 * The one rule for records merged into another (docs/search.md, "Duplicates"): such a record is
 * kept as it was, but it is read through the record kept, and nothing is written to it.
 */
export function keptRecordOf(db: Db, id: number): number {
  const row = prepared<[number], { merged_into: number | null }>(db, 'SELECT merged_into FROM people WHERE id = ?').get(id);
  return row?.merged_into ?? id;
}

export function assertNotMerged(db: Db, id: number): void {
  const row = prepared<[number], { registration_number: string; kept_number: string | null }>(
    db,
    `SELECT p.registration_number, k.registration_number AS kept_number
     FROM people p LEFT JOIN people k ON k.id = p.merged_into WHERE p.id = ?`,
  ).get(id);
  if (row?.kept_number) throw new AppError('person_merged', { registrationNumber: row.registration_number, keptNumber: row.kept_number });
}

/** Ids of every record merged into another: few, so statistics skip them from a set. */
export function mergedIds(db: Db): Set<number> {
  return new Set(prepared<[], number>(db, 'SELECT id FROM people WHERE merged_into IS NOT NULL').pluck(true).all());
}

export function mergedCount(db: Db): number {
  return prepared<[], number>(db, 'SELECT count(*) FROM people WHERE merged_into IS NOT NULL').pluck(true).get() ?? 0;
}

/** The registration numbers of the records merged into this one, which must find it. */
export function numbersMergedInto(db: Db, id: number): string[] {
  return prepared<[number], string>(db, 'SELECT registration_number FROM people WHERE merged_into = ? ORDER BY id').pluck(true).all(id);
}

export function idsMergedInto(db: Db, id: number): number[] {
  return prepared<[number], number>(db, 'SELECT id FROM people WHERE merged_into = ? ORDER BY id').pluck(true).all(id);
}
