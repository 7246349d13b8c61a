/**
 * A desk held back (migration 19): put back from a backup or an older copy of its data folder, it
 * changes nothing until it has heard from the site how far the site holds its operations (see
 * exchange-run.ts, numberPastLostOperations and endRestoredMark). Only a desk of a site with another
 * active desk is held back: no other desk can hold anything of the only desk of a site.
 */
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

/** Holds this desk back; returns whether it was not held back before and is now. */
export function holdBack(db: Db, now: string): boolean {
  const { changes } = prepared(
    db,
    `INSERT OR IGNORE INTO exchange_restored (id, restored_at)
     SELECT 1, ? WHERE EXISTS (SELECT 1 FROM desks d WHERE d.retired_at IS NULL AND d.gid NOT IN (SELECT desk_gid FROM this_desk))`,
  ).run(now);
  return changes === 1;
}

export function isHeldBack(db: Db): boolean {
  return prepared<[], number>(db, 'SELECT count(*) FROM exchange_restored').pluck(true).get() === 1;
}
