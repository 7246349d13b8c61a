/**
 * A desk held back (migration 19): put back from a backup or an older copy of its data folder, it
 * changes nothing until it has heard from every active desk how far it holds its operations (see
 * exchange-run.ts, numberPastLostOperations and endRestoredMark). Only a desk of a site with another
 * active desk is held back: no other desk can hold anything of the only desk of a site.
 */
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

/**
 * Holds this desk back; returns whether it was not held back before and is now. Held back anew (or
 * `anew`: put back from a backup, which may have been taken while held back), it has heard from no
 * desk yet.
 */
export function holdBack(db: Db, now: string, { anew = false }: { anew?: boolean } = {}): boolean {
  const { changes } = prepared(
    db,
    `INSERT OR IGNORE INTO exchange_restored (id, restored_at)
     SELECT 1, ? WHERE EXISTS (SELECT 1 FROM desks d WHERE d.retired_at IS NULL AND d.gid NOT IN (SELECT desk_gid FROM this_desk))`,
  ).run(now);
  if (changes === 1 || anew) prepared(db, 'DELETE FROM exchange_restored_heard').run();
  return changes === 1;
}

/**
 * Records that a desk has told this desk, held back, how far it holds its operations; true once
 * every active desk that has exchanged has. With three desks or more, the desks it has heard from
 * may hold less of it than one it has not: numbering on past only what they hold would give numbers
 * that desk holds other changes under, and those changes would be dropped there. A desk has
 * exchanged when a bundle of it was read here, or a desk said it holds operations of it; one
 * enrolled and never set up holds nothing of anyone, and is not waited for.
 */
export function heardFromEveryDesk(db: Db, desk: number): boolean {
  prepared(db, 'INSERT OR IGNORE INTO exchange_restored_heard (desk) VALUES (?)').run(desk);
  return (
    prepared<[], number>(
      db,
      `SELECT count(*) FROM desks d WHERE d.retired_at IS NULL AND d.gid NOT IN (SELECT desk_gid FROM this_desk)
         AND d.number NOT IN (SELECT desk FROM exchange_restored_heard)
         AND (EXISTS (SELECT 1 FROM exchange_desks e WHERE e.desk = d.number AND e.last_bundle_at IS NOT NULL)
           OR EXISTS (SELECT 1 FROM exchange_vectors v WHERE v.origin = d.number AND v.applied_seq > 0))`,
    )
      .pluck(true)
      .get() === 0
  );
}

export function isHeldBack(db: Db): boolean {
  return prepared<[], number>(db, 'SELECT count(*) FROM exchange_restored').pluck(true).get() === 1;
}
