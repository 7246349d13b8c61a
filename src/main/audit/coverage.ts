import type { Db } from '../db/connection';

/** What was created without the audit entry that records its creation. */
export type MissingEntry =
  | { kind: 'person'; registrationNumber: string }
  | { kind: 'account'; accountId: number }
  | { kind: 'consent'; registrationNumber: string; purpose: string; change: 'given' | 'withdrawn' };

export type CoverageCheck =
  | { complete: true; people: number; accounts: number; consents: number }
  | { complete: false; firstMissing: MissingEntry };

interface Range {
  first: number;
  last: number;
}

/** The person-id ranges of seed and import batches, sorted, for a binary search. */
function batchRanges(db: Db): Range[] {
  return db
    .prepare<[], Range>(
      `SELECT json_extract(details, '$.firstPersonId') AS first, json_extract(details, '$.lastPersonId') AS last
       FROM audit_log WHERE action IN ('seed', 'import') AND json_extract(details, '$.firstPersonId') IS NOT NULL
       ORDER BY first`,
    )
    .all();
}

function inRanges(ranges: readonly Range[], id: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle];
    if (!range) return false;
    if (id < range.first) high = middle - 1;
    else if (id > range.last) low = middle + 1;
    else return true;
  }
  return false;
}

/**
 * Whether a consent change is logged wherever the consent sat: the record it was given on (p), the
 * record it is on now (c), or a record the first was merged into, even if that merge was undone.
 */
function consentChangeLogged(given: 0 | 1): string {
  const change = `a.action = 'consent-change' AND json_extract(a.details, '$.purpose') = c.purpose AND json_extract(a.details, '$.given') = ${given}`;
  return `(EXISTS (SELECT 1 FROM audit_log a WHERE a.person_id IN (p.id, c.person_id) AND ${change})
           OR EXISTS (SELECT 1 FROM person_merges m JOIN audit_log a ON a.person_id = m.kept_id WHERE m.merged_id = p.id AND ${change}))`;
}

const THIS_DESK = '(SELECT d.number FROM this_desk t JOIN desks d ON d.gid = t.desk_gid)';

/** A row another desk made, that came in an exchange: its entry is in that desk's audit chain, kept here as received. */
function madeElsewhere(entity: string, alias: string): string {
  return `EXISTS (SELECT 1 FROM received_operations r WHERE r.entity = '${entity}' AND r.row = lower(hex(${alias}.gid)) AND r.field = '')`;
}

/**
 * `intake verify`'s coverage check: every person record, account and consent (given or withdrawn)
 * made at this desk has the audit entry that created it. Walks in id order and names the first one
 * missing. What other desks made is covered by their chains (received_audit), verified apart.
 */
export function checkCoverage(db: Db): CoverageCheck {
  const ranges = batchRanges(db);
  let people = 0;
  const uncovered = db.prepare<[], { id: number; registration_number: string }>(
    `SELECT p.id, p.registration_number FROM people p
     WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.person_id = p.id AND a.action = 'record-create')
       AND NOT ${madeElsewhere('person', 'p')}
     ORDER BY p.id`,
  );
  for (const row of uncovered.iterate()) {
    if (!inRanges(ranges, row.id)) return { complete: false, firstMissing: { kind: 'person', registrationNumber: row.registration_number } };
  }
  people = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM people').get()?.n ?? 0;

  const account = db
    .prepare<[], { id: number }>(
      `SELECT acc.id FROM accounts acc WHERE NOT EXISTS (
         SELECT 1 FROM audit_log a WHERE a.action = 'account-create' AND json_extract(a.details, '$.account') = acc.user_name)
       -- or brought by this desk's joining of the site, which names the accounts it brought
       AND NOT EXISTS (
         SELECT 1 FROM audit_log a, json_each(a.details, '$.accounts') brought WHERE a.action = 'desk-join' AND brought.value = acc.user_name)
       AND NOT ${madeElsewhere('account', 'acc')}
       ORDER BY acc.id LIMIT 1`,
    )
    .get();
  if (account) return { complete: false, firstMissing: { kind: 'account', accountId: account.id } };
  const accounts = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM accounts').get()?.n ?? 0;

  let consents = 0;
  const consentRows = db.prepare<
    [],
    { person_id: number; origin_id: number; registration_number: string; purpose: string; withdrawn: number; with_registration: number; at_creation: number; given_logged: number; withdrawal_logged: number; given_elsewhere: number; withdrawn_elsewhere: number }
  >(
    `SELECT c.person_id, p.id AS origin_id, p.registration_number, c.purpose, c.withdrawn_at IS NOT NULL AS withdrawn,
       c.given_at = p.registered_at AS with_registration,
       EXISTS (SELECT 1 FROM audit_log a, json_each(a.details, '$.consents') j
               WHERE a.person_id = p.id AND a.action = 'record-create' AND j.value = c.purpose) AS at_creation,
       ${consentChangeLogged(1)} AS given_logged,
       ${consentChangeLogged(0)} AS withdrawal_logged,
       ${madeElsewhere('consent', 'c')} AS given_elsewhere,
       EXISTS (SELECT 1 FROM field_versions v WHERE v.entity = 'consent' AND v.row = lower(hex(c.gid)) AND v.field = 'withdrawn_at' AND v.desk <> ${THIS_DESK}) AS withdrawn_elsewhere
     -- A consent moved by a merge is checked against the record it was given on (merged_from).
     FROM consents c JOIN people p ON p.id = coalesce(c.merged_from, c.person_id) ORDER BY c.id`,
  );
  for (const row of consentRows.iterate()) {
    consents += 1;
    const givenCovered =
      row.given_elsewhere === 1 || row.given_logged === 1 || (row.with_registration === 1 && (row.at_creation === 1 || inRanges(ranges, row.origin_id)));
    const withdrawalCovered = row.withdrawn !== 1 || row.withdrawal_logged === 1 || row.withdrawn_elsewhere === 1;
    const missing = !givenCovered ? 'given' : !withdrawalCovered ? 'withdrawn' : undefined;
    if (missing) return { complete: false, firstMissing: { kind: 'consent', registrationNumber: row.registration_number, purpose: row.purpose, change: missing } };
  }
  return { complete: true, people, accounts, consents };
}
