/**
 * A desk put back from an older backup at a site of three desks (issue 13): the desk it hears from
 * first may hold less of it than another does, so it changes nothing until every active desk has
 * told it how far it holds its changes (held-back.ts, heardFromEveryDesk).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from '../../../src/main/backup/restore-backup';
import { tempDataDir } from '../helpers/temp-dir';
import { SUPERVISOR } from '../helpers/vault';
import { call, exchange, joinDeskThree, register, signedIn, twoDesks, everyone } from './two-desks';

describe('a desk restored from an older backup at a site of three desks', () => {
  it('waits for every desk, not only the first it hears from, and then gives no number twice', { timeout: 300_000 }, async () => {
    const { oneDir, twoDir: lostDir, folder } = await twoDesks();
    const threeDir = await joinDeskThree(oneDir);
    for (const dir of [oneDir, lostDir, threeDir, oneDir, lostDir]) await exchange(dir, folder);
    const media = tempDataDir('desk-two-backups');
    const two = await signedIn(lostDir, SUPERVISOR);
    const backup = (await call(two, 'backup.create', { to: media })).path;
    two.close();

    // After the backup, desk 2 registers two people and its stick reaches desk 3 only.
    const lost = [await register(lostDir, 'Basma Haddad'), await register(lostDir, 'Chadi Haddad')];
    const toThree = tempDataDir('stick-to-desk-three');
    await exchange(lostDir, toThree);
    await exchange(threeDir, toThree);

    const twoDir = join(tempDataDir('desk-two-replacement'), 'data');
    await restoreBackup(backup, twoDir, SUPERVISOR);
    // Desk 1 holds nothing of desk 2 past the backup: hearing from it alone is not enough.
    const withOne = tempDataDir('stick-with-desk-one');
    await exchange(oneDir, withOne);
    await exchange(twoDir, withOne);
    await expect(register(twoDir, 'Dunya Haddad')).rejects.toThrow('exchange_first_after_restore');
    // Desk 3's bundle says how far it holds desk 2, and sends back what desk 2 lost.
    await exchange(threeDir, withOne);
    await exchange(twoDir, withOne);
    expect(await everyone(twoDir)).toEqual([`${lost[0]?.registrationNumber ?? ''} Basma Haddad`, `${lost[1]?.registrationNumber ?? ''} Chadi Haddad`]);
    const afterRestore = await register(twoDir, 'Dunya Haddad');
    for (let round = 0; round < 2; round += 1) for (const dir of [oneDir, twoDir, threeDir]) await exchange(dir, withOne);

    const atOne = await everyone(oneDir);
    expect(atOne).toHaveLength(3);
    expect(await everyone(twoDir)).toEqual(atOne);
    expect(await everyone(threeDir)).toEqual(atOne);
    expect(new Set(atOne.map((line) => line.split(' ')[0])).size).toBe(3);
    expect(lost.map((person) => person.registrationNumber)).not.toContain(afterRestore.registrationNumber);
  });
});
