import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

const DIGITS = 6;

/** The next registration number: site prefix and a sequence that only ever grows, so none is reused. */
export function nextRegistrationNumber(db: Db, prefix: string): string {
  const row = prepared<[string], { next_value: number }>(db, 
      `INSERT INTO registration_sequence (prefix, next_value) VALUES (?, 2)
       ON CONFLICT (prefix) DO UPDATE SET next_value = next_value + 1
       RETURNING next_value`,
    )
    .get(prefix);
  const value = (row?.next_value ?? 2) - 1;
  return `${prefix}-${String(value).padStart(DIGITS, '0')}`;
}

/**
 * Moves every numbering of this desk on by `count` (a desk put back from an older backup gave, after
 * that backup, at most as many numbers as it made operations the site holds and it lost): no
 * number is given twice, at the cost of a gap. `prefixes` are the ones this desk gives now, which
 * the backup may not have used yet.
 */
export function skipRegistrationNumbers(db: Db, prefixes: readonly string[], count: number): void {
  const held = prepared<[], string>(db, 'SELECT prefix FROM registration_sequence').pluck(true).all();
  const skip = prepared(
    db,
    `INSERT INTO registration_sequence (prefix, next_value) VALUES (?, ?)
     ON CONFLICT (prefix) DO UPDATE SET next_value = next_value + ?`,
  );
  for (const prefix of new Set([...held, ...prefixes])) skip.run(prefix, 1 + count, count);
}
