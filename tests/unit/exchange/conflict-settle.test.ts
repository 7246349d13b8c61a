/**
 * Issue 13: a conflict over an account or a desk is only reviewed under Desk exchange: its other
 * value would skip the rules their own screens keep (the last supervisor, a new password to enable
 * an account), so choosing it is refused with its own error, which says where to change them.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/main/db/connection';
import { tempDataDir } from '../helpers/temp-dir';
import { dispatcherFor, errorCodeOf, setUpVault } from '../helpers/vault';
import { call } from './two-desks';

function recordConflict(db: Db, entity: string, field: string, seq: number): number {
  return Number(
    db
      .prepare(
        "INSERT INTO exchange_conflicts (entity, row, field, kept_desk, kept_seq, other_desk, other_seq, found_at) VALUES (?, ?, ?, 2, ?, 3, ?, '2026-11-30T10:00:00.000Z')",
      )
      .run(entity, 'cd'.repeat(16), field, seq, seq).lastInsertRowid,
  );
}

describe('settling a conflict over an account or a desk', () => {
  it('refuses the other value with conflict_keep_only, leaves the conflict open, and keeps the kept value', { timeout: 120_000 }, async () => {
    const { core } = await setUpVault(tempDataDir('conflict-settle'));
    const account = recordConflict(core.vault.db, 'account', 'role', 1);
    const desk = recordConflict(core.vault.db, 'desk', 'retired_at', 2);
    const { dispatcher } = dispatcherFor(core, 'cli');
    for (const id of [account, desk]) {
      expect(errorCodeOf(await dispatcher.dispatch('exchange.resolveConflict', { id, choose: 'other' }))).toBe('conflict_keep_only');
    }
    expect((await call(core, 'exchange.conflicts', { open: true })).map((conflict) => conflict.id).sort()).toEqual([account, desk].sort());

    expect(await call(core, 'exchange.resolveConflict', { id: account, choose: 'kept' })).toMatchObject({ entity: 'account', field: 'role' });
    expect((await call(core, 'exchange.conflicts', { open: true })).map((conflict) => conflict.id)).toEqual([desk]);
    core.close();
  });
});
