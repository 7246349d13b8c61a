/**
 * Issue 13: the number of open conflicts the home screen shows (exchange.status) is counted
 * without reading the conflicting values, by the same rule as the list each role reviews: a
 * person's field to the roles that work with its tier, anything else to a supervisor.
 */
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, FIELDS, type Tier } from '../../../src/shared/catalogue';
import { ROLES } from '../../../src/shared/roles';
import { countOpenConflicts, listConflicts } from '../../../src/main/exchange/conflicts';
import type { Db } from '../../../src/main/db/connection';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, PROTECTION, setUpVault } from '../helpers/vault';
import { call, signedIn } from './two-desks';

/** A key of the catalogue in `tier`, as an operation names it ("tier2.genderIdentity"). */
function fieldOf(tier: Tier): string {
  const key = FIELD_KEYS.find((candidate) => FIELDS[candidate].tier === tier);
  if (!key) throw new Error(`no field in tier ${tier}`);
  return `tier${tier}.${key}`;
}

let seq = 0;
/** A conflict as the merge records it (the values it names are not held here: they read as null). */
function recordConflict(db: Db, entity: string, field: string, resolved = false): void {
  seq += 1;
  db.prepare(
    'INSERT INTO exchange_conflicts (entity, row, field, kept_desk, kept_seq, other_desk, other_seq, found_at, resolved_at) VALUES (?, ?, ?, 2, ?, 3, ?, ?, ?)',
  ).run(entity, 'ab'.repeat(16), field, seq, seq, '2026-11-30T10:00:00.000Z', resolved ? '2026-11-30T11:00:00.000Z' : null);
}

describe('counting open conflicts', () => {
  it('counts for each role exactly the open conflicts its list shows, and none for a clerk on the home screen', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('conflicts-count');
    const { core } = await setUpVault(dataDir);
    await addAccount(core, CLERK, 'clerk');
    await addAccount(core, PROTECTION, 'protection');
    const db = core.vault.db;
    recordConflict(db, 'person', fieldOf(0));
    recordConflict(db, 'person', fieldOf(0));
    recordConflict(db, 'person', fieldOf(1));
    recordConflict(db, 'person', fieldOf(1));
    recordConflict(db, 'person', fieldOf(2));
    recordConflict(db, 'person', fieldOf(2));
    recordConflict(db, 'person', fieldOf(2), true);
    recordConflict(db, 'person', 'registration_number');
    recordConflict(db, 'setting', 'value');
    recordConflict(db, 'account', 'role');
    recordConflict(db, 'desk', 'retired_at', true);

    const expected = { clerk: 6, protection: 6, supervisor: 5 };
    for (const role of ROLES) {
      expect(listConflicts(db, role, 'normal', { open: true })).toHaveLength(expected[role]);
      expect(countOpenConflicts(db, role)).toBe(expected[role]);
    }

    // What each role is shown through the calls the screens make.
    expect((await call(core, 'exchange.status', {})).openConflicts).toBe(5);
    expect(await call(core, 'exchange.conflicts', { open: true })).toHaveLength(5);
    core.close();
    const protection = await signedIn(dataDir, PROTECTION);
    expect((await call(protection, 'exchange.status', {})).openConflicts).toBe(6);
    expect(await call(protection, 'exchange.conflicts', { open: true })).toHaveLength(6);
    protection.close();
    // A clerk does not review conflicts: the home screen tells them of none.
    const clerk = await signedIn(dataDir, CLERK);
    expect((await call(clerk, 'exchange.status', {})).openConflicts).toBe(0);
    clerk.close();
  });
});
