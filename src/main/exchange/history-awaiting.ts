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
  // The account by its gid, or the local account it is read as (the same user name made at two desks: exchange_aliases).
  const settled = `(SELECT w.id, p.id AS person_id, coalesce(a.id, x.local_id) AS account_id
       FROM person_history_awaiting w JOIN people p ON p.gid = w.person_gid
       LEFT JOIN accounts a ON a.gid = w.account_gid
       LEFT JOIN exchange_aliases x ON x.entity = 'account' AND x.row = lower(hex(w.account_gid))
      WHERE coalesce(a.id, x.local_id) IS NOT NULL)`;
  // Under the record it was made for, as an entry written at once would be (a merge moves it, an undo moves it back).
  const { changes } = prepared(
    db,
    `INSERT INTO person_history (person_id, field, tier, changed_at, changed_by, old_value, new_value, erased)
     SELECT s.person_id, w.field, w.tier, w.changed_at, s.account_id, w.old_value, w.new_value, w.erased
       FROM ${settled} s JOIN person_history_awaiting w ON w.id = s.id ORDER BY w.id`,
  ).run();
  prepared(db, `DELETE FROM person_history_awaiting WHERE id IN (SELECT id FROM ${settled})`).run();
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
