/**
 * Issue 16: service directory entries travel between the desks of a site; a received entry or
 * change whose codes this version does not know is not written; a conflict on an entry is reviewed
 * by the directory's keepers (supervisors and protection officers), never a clerk.
 */
import { createPrivateKey } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealBundle } from '../../../src/main/exchange/bundle-file';
import { listConflicts } from '../../../src/main/exchange/conflicts';
import { encodePayload } from '../../../src/main/exchange/operations';
import { listDesks, siteExchangeKey, siteId } from '../../../src/main/exchange/this-desk';
import type { MethodInput } from '../../../src/shared/contract';
import { SUPERVISOR } from '../helpers/vault';
import { call, exchange, signedIn, twoDesks } from './two-desks';

const ENTRY: MethodInput<'providers.add'> = { names: { en: 'Rainbow Legal Clinic' }, organisationType: 'lgbtiq-led', services: ['legal-aid'], safeFor: ['lgbtiq'], hours: 'Mon 9–12' };

async function providersAt(dir: string) {
  const core = await signedIn(dir, SUPERVISOR);
  try {
    return await call(core, 'providers.list', { includeRetired: true });
  } finally {
    core.close();
  }
}

async function changeHours(dir: string, id: number, hours: string) {
  const core = await signedIn(dir, SUPERVISOR);
  try {
    return await call(core, 'providers.update', { id, entry: { ...ENTRY, hours } });
  } finally {
    core.close();
  }
}

describe('the service directory between desks', () => {
  it('carries an entry and its changes; a concurrent change is a conflict for supervisors and protection officers', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const one = await signedIn(oneDir, SUPERVISOR);
    const added = await call(one, 'providers.add', ENTRY);
    one.close();
    await exchange(oneDir, folder, SUPERVISOR);
    await exchange(twoDir, folder, SUPERVISOR);
    const [atTwo] = await providersAt(twoDir);
    expect(atTwo).toMatchObject({ globalId: added.globalId, names: { en: 'Rainbow Legal Clinic' }, services: ['legal-aid'], safeFor: ['lgbtiq'] });

    await changeHours(oneDir, added.id, 'Tue 9–12');
    await changeHours(twoDir, atTwo?.id ?? 0, 'Wed 9–12');
    await exchange(oneDir, folder, SUPERVISOR);
    await exchange(twoDir, folder, SUPERVISOR);
    await exchange(oneDir, folder, SUPERVISOR);
    const [settledOne] = await providersAt(oneDir);
    const [settledTwo] = await providersAt(twoDir);
    expect(settledOne?.hours).toBe(settledTwo?.hours);

    let conflicts = 0;
    for (const dir of [oneDir, twoDir]) {
      const core = await signedIn(dir, SUPERVISOR);
      const db = core.vault.db;
      const found = db.prepare("SELECT count(*) FROM exchange_conflicts WHERE entity = 'provider'").pluck(true).get() as number;
      conflicts += found;
      if (found > 0) {
        expect(listConflicts(db, 'protection', 'normal', { open: true })).toEqual([expect.objectContaining({ entity: 'provider', field: 'hours', hidden: false })]);
        expect(listConflicts(db, 'supervisor', 'normal', { open: true })).toEqual([expect.objectContaining({ entity: 'provider', field: 'hours' })]);
        expect(listConflicts(db, 'clerk', 'normal', { open: true })).toEqual([]);
      }
      core.close();
    }
    expect(conflicts).toBeGreaterThan(0);
  });

  it('does not write a received entry or change whose codes are unknown', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const one = await signedIn(oneDir, SUPERVISOR);
    const added = await call(one, 'providers.add', ENTRY);
    one.close();
    await exchange(oneDir, folder, SUPERVISOR);
    await exchange(twoDir, folder, SUPERVISOR);

    // Desk 1's keys, as a desk misused (or a newer version) would sign with them.
    const core = await signedIn(oneDir, SUPERVISOR);
    const db = core.vault.db;
    const privateKey = createPrivateKey({ key: Buffer.from(db.prepare('SELECT private_key FROM this_desk').pluck(true).get() as string, 'base64'), format: 'der', type: 'pkcs8' });
    const keys = { exchangeKey: siteExchangeKey(db), privateKey };
    const me = listDesks(db).find((desk) => desk.thisDesk);
    const last = db.prepare('SELECT max(seq) FROM own_operations').pluck(true).get() as number;
    const audit = db.prepare('SELECT max(id) FROM audit_log').pluck(true).get() as number;
    const site = siteId(db);
    core.close();
    const op = (seq: number, row: string, field: string, value: string, version = 9) => ({ desk: 1, seq, hlc: '999999999999999-00000', account: null, entity: 'provider', row, field, version, value, seal: null });
    const made = {
      name_en: 'Forged', name_ar: '', name_fr: '', organisation_type: 'charity', services: '["health"]', safe_for: '[]', languages: '[]', area: '', address: '', hours: '',
      contact: '', interpreter: null, focal_point: '', checked_on: null, note: '', created_at: '2026-11-30T10:00:00.000Z', created_by: null, retired_at: null,
    };
    const operations = [
      op(last + 1, added.globalId, 'services', JSON.stringify('["massage"]')),
      op(last + 2, added.globalId, 'safe_for', JSON.stringify('not json')),
      op(last + 3, added.globalId, 'interpreter', '7'),
      op(last + 4, 'ab'.repeat(16), '', JSON.stringify(made), 0),
    ];
    for (const name of readdirSync(folder)) rmSync(join(folder, name));
    writeFileSync(
      join(folder, `intake-bundle-${me?.id}-${last + operations.length}.bundle`),
      sealBundle(
        { site, desk: me?.id ?? '', firstSeq: last + 1, lastSeq: last + operations.length, createdAt: new Date().toISOString() },
        encodePayload({ desk: 1, operations, applied: new Map([[1, last + operations.length]]), audit: [], auditApplied: new Map([[1, audit]]) }),
        keys,
      ),
    );
    expect(await exchange(twoDir, folder, SUPERVISOR)).toMatchObject({ refused: 0 });
    const atTwo = await providersAt(twoDir);
    expect(atTwo).toHaveLength(1);
    expect(atTwo[0]).toMatchObject({ services: ['legal-aid'], safeFor: ['lgbtiq'], interpreter: 'unknown' });
  });
});
