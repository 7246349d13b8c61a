/**
 * History entries that wait for their account (issue 13: "both values stay in the history").
 *
 * A change that arrives from another desk is written into the record's history as the account that
 * made it. That account may not have reached this desk yet: made at desk 2, it changed a record at
 * desk 3, whose bundle came here first. The entry waits here, as the history holds it (values as
 * JSON), under the account's and the record's global ids, and is written into the history at the
 * first exchange after the account arrives. Erasure reaches it as it reaches the history
 * (eraseFromLogs): a withdrawn consent's values never come back through it.
 */
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';

export interface AwaitingHistoryEntry {
  personGid: string;
  field: string;
  tier: number;
  at: string;
  accountGid: string;
  oldValue: unknown;
  newValue: unknown;
}

export function awaitAccount(db: Db, entry: AwaitingHistoryEntry): void {
  prepared(
    db,
    `INSERT INTO person_history_awaiting (person_gid, field, tier, changed_at, account_gid, old_value, new_value)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    Buffer.from(entry.personGid, 'hex'),
    entry.field,
    entry.tier,
    entry.at,
    Buffer.from(entry.accountGid, 'hex'),
    entry.oldValue === undefined ? null : JSON.stringify(entry.oldValue),
    entry.newValue === undefined ? null : JSON.stringify(entry.newValue),
  );
}

/** Writes into the history every waiting entry whose account (and record) is here now, under the record kept; returns how many. */
export function settleAwaitingHistory(db: Db): number {
  if (prepared<[], number>(db, 'SELECT count(*) FROM person_history_awaiting').pluck(true).get() === 0) return 0;
  const { changes } = prepared(
    db,
    `INSERT INTO person_history (person_id, field, tier, changed_at, changed_by, old_value, new_value, erased)
     SELECT coalesce(p.merged_into, p.id), w.field, w.tier, w.changed_at, a.id, w.old_value, w.new_value, w.erased
       FROM person_history_awaiting w JOIN accounts a ON a.gid = w.account_gid JOIN people p ON p.gid = w.person_gid
      ORDER BY w.id`,
  ).run();
  prepared(
    db,
    `DELETE FROM person_history_awaiting
      WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.gid = account_gid) AND EXISTS (SELECT 1 FROM people p WHERE p.gid = person_gid)`,
  ).run();
  return changes;
}

/** The values of a record's fields a withdrawn consent covers, erased from its waiting entries as from its history. */
export function eraseAwaitingHistory(db: Db, personGid: string, keys: readonly string[]): void {
  if (keys.length === 0) return;
  prepared(
    db,
    `UPDATE person_history_awaiting SET old_value = NULL, new_value = NULL, erased = 1
      WHERE person_gid = ? AND field IN (${keys.map(() => '?').join(', ')})`,
  ).run(Buffer.from(personGid, 'hex'), ...keys);
}
