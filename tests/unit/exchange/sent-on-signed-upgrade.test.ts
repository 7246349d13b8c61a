/**
 * A site that already had changes when it took the version that chains them (migration 23): the
 * changes made before are passed on with proof too, and a desk put back from a backup gets its own
 * back (issue 13; operation-chain.ts, operation-seals.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from '../../../src/main/backup/restore-backup';
import type { Operation } from '../../../src/main/exchange/operations';
import { tempDataDir } from '../helpers/temp-dir';
import { SUPERVISOR } from '../helpers/vault';
import { asIfUpgradedNow, desk2Bundle } from './forged-bundles';
import { call, exchange, joinDeskThree, register, search, signedIn, twoDesks, retireDeskTwoAndJoinThree } from './two-desks';

describe('changes made before the chain began', () => {
  it("are passed on with desk 1's head, and a name changed in them by desk 2's key is refused", { timeout: 300_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const basma = await register(oneDir, 'Basma Khalil');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    await asIfUpgradedNow(oneDir);
    await asIfUpgradedNow(twoDir);
    const chadi = await register(oneDir, 'Chadi Nasser');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const threeDir = await joinDeskThree(oneDir);
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const { relay, forge } = await desk2Bundle(twoDir);
    const run = (ops: Operation[] | undefined) => ops ?? [];
    forge((p) => {
      const making = run(p.relayed?.get(1)).find((op) => op.entity === 'person' && op.field === '' && op.value?.includes('Basma'));
      // Made before seals: chained without what a consent erases, and the name with the rest.
      expect(making?.seal).toBeNull();
      if (making) making.value = making.value?.replace('Basma Khalil', 'Planted Name') ?? null;
      return p;
    });
    expect(await exchange(threeDir, relay)).toMatchObject({ applied: 0, refused: 1, refusals: [{ code: 'bundle_sent_on_unsigned', params: { desk: 2, origin: 1 } }] });
    forge((p) => p);
    expect(await exchange(threeDir, relay)).toMatchObject({ refused: 0 });
    expect(await search(threeDir, 'Basma')).toEqual([basma.registrationNumber]);
    expect(await search(threeDir, 'Chadi')).toEqual([chadi.registrationNumber]);
  });

  it('of a desk retired after its first exchange of this version, reach a desk that joins later', { timeout: 300_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await register(twoDir, 'Dana Haddad');
    await asIfUpgradedNow(twoDir);
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    const threeDir = await retireDeskTwoAndJoinThree(oneDir);
    for (let round = 0; round < 2; round += 1) {
      await exchange(oneDir, folder);
      await exchange(threeDir, folder);
    }
    expect(await search(threeDir, 'Dana')).toHaveLength(1);
  });

  it('come back to a desk put back from a backup made before them, which then registers again', { timeout: 300_000 }, async () => {
    const { oneDir, twoDir: lostDir, folder } = await twoDesks();
    const media = tempDataDir('desk-two-backups');
    const two = await signedIn(lostDir, SUPERVISOR);
    const backup = (await call(two, 'backup.create', { to: media })).path;
    two.close();
    const basma = await register(lostDir, 'Basma Haddad');
    await asIfUpgradedNow(lostDir);
    await exchange(lostDir, folder);
    await exchange(oneDir, folder);
    const twoDir = join(tempDataDir('desk-two-replacement'), 'data');
    await restoreBackup(backup, twoDir, SUPERVISOR);
    for (let round = 0; round < 2; round += 1) {
      await exchange(twoDir, folder);
      await exchange(oneDir, folder);
    }
    await exchange(twoDir, folder);
    expect(await search(twoDir, 'Basma')).toEqual([basma.registrationNumber]);
    expect((await register(twoDir, 'Dunya Haddad')).registrationNumber).not.toBe(basma.registrationNumber);
  });
});
