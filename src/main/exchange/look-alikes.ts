import type { PersonFields } from '../../shared/catalogue';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { birthYearOf } from '../people/age';
import { DuplicateFinder } from '../people/duplicate-finder';
import { makingOperation } from './operations';

/**
 * Past this many records made by one exchange (a desk joining a large site), the look-alikes are
 * not counted: the duplicate review's whole-register scan finds them, and counting here, one
 * form-check per record, would add minutes to the exchange.
 */
export const LOOK_ALIKE_CHECK_LIMIT = 2000;

/** What the check reads of a record: as the registration form's check does, tiers 0 and 1. */
const TIERS = [0, 1] as const;

/**
 * How many pairs of a record that just came from another desk and a record registered at a
 * different desk look like one person (the registration form's duplicate check: most name words
 * in any script, birth year, nationality), leaving out merged records and pairs judged two people.
 * Those pairs are for a protection officer's decision in the duplicates review, where they are
 * listed; the exchange only says how many. Null when more records came than the check takes.
 */
export function countLookAlikes(db: Db, thisDesk: number, madeHere: readonly number[]): number | null {
  if (madeHere.length > LOOK_ALIKE_CHECK_LIMIT) return null;
  const finder = new DuplicateFinder(db);
  const deskOf = new Map<number, number | undefined>();
  const deskOfRecord = (id: number): number | undefined => {
    if (!deskOf.has(id)) {
      const gid = prepared<[number], Buffer>(db, 'SELECT gid FROM people WHERE id = ?').pluck(true).get(id);
      deskOf.set(id, gid ? makingOperation(db, thisDesk, 'person', gid.toString('hex'))?.desk : undefined);
    }
    return deskOf.get(id);
  };
  const judged = prepared<[number, number], number>(
    db,
    'SELECT 1 FROM not_duplicates WHERE min(first_id, second_id) = ? AND max(first_id, second_id) = ?',
  ).pluck(true);
  const pairs = new Set<string>();
  for (const id of madeHere) {
    const row = prepared<[number], { tier0: string; tier1: string; merged_into: number | null }>(db, 'SELECT tier0, tier1, merged_into FROM people WHERE id = ?').get(id);
    if (!row || row.merged_into !== null) continue;
    const fields = { ...JSON.parse(row.tier0), ...JSON.parse(row.tier1) } as PersonFields;
    const documentNames = (fields.documents ?? []).flatMap((document) => (document.nameOnDocument ? [document.nameOnDocument] : []));
    const birthYear = birthYearOf(fields.birth);
    const candidates = finder.find(
      {
        ...(fields.chosenName ? { chosenName: fields.chosenName } : {}),
        ...(documentNames.length > 0 ? { documentNames } : {}),
        ...(birthYear !== undefined ? { birthYear } : {}),
        ...(fields.nationalities ? { nationalities: fields.nationalities } : {}),
        excludeId: id,
      },
      TIERS,
      (candidate) => candidate.id,
    );
    for (const other of candidates) {
      if (deskOfRecord(other) === deskOfRecord(id)) continue;
      const [first, second] = [Math.min(id, other), Math.max(id, other)];
      if (judged.get(first, second) !== undefined) continue;
      const merged = prepared<[number], number | null>(db, 'SELECT merged_into FROM people WHERE id = ?').pluck(true).get(other);
      if (merged !== null && merged !== undefined) continue;
      pairs.add(`${first}:${second}`);
    }
  }
  return pairs.size;
}
