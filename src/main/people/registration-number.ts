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
