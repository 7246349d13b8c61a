/**
 * Issue 13, a stale copy of a file: a desk put back from a backup older than what it had already
 * sent holds less than the site holds of it. It must get back what it lost (the other desks hold
 * it and send it back), never give an operation number or a registration number a second time,
 * and every desk must end with the same people.
 */
import { cpSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../helpers/temp-dir';
import { join } from 'node:path';
import { restoreBackup } from '../../../src/main/backup/restore-backup';
import { CLERK, setUpVault, SUPERVISOR } from '../helpers/vault';
import { call, copyOfFolder, exchange, joinDeskThree, PASSPHRASE, register, signedIn, twoDesks, everyone } from './two-desks';

describe('a desk that joins while another is away', () => {
  it("gets the away desk's people from a desk that has them, though the away desk's bundle no longer carries them", { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await register(twoDir, 'Amal Haddad');
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    // Desk 2 hears that desk 1 has it all: its bundle in the folder carries no operations now.
    await exchange(twoDir, folder);

    const threeDir = await joinDeskThree(oneDir);
    // Desk 2 is away from here on. Desk 3 exchanges, desk 1 sends on desk 2's operations, desk 3 takes them.
    await exchange(threeDir, folder);
    await exchange(oneDir, folder);
    await exchange(threeDir, folder);
    expect(await everyone(threeDir)).toEqual(await everyone(oneDir));
    expect(await everyone(threeDir)).toHaveLength(1);
  });
});

describe('a desk restored from an older backup', () => {
  it('changes nothing until it has heard from the site, then gets back what it had sent and gives no number twice', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir: lostDir, folder } = await twoDesks();
    await register(lostDir, 'Amal Haddad');
    await exchange(lostDir, folder);
    await exchange(oneDir, folder);
    const media = tempDataDir('desk-two-backups');
    const two = await signedIn(lostDir, SUPERVISOR);
    let backup: string;
    try {
      backup = (await call(two, 'backup.create', { to: media })).path;
    } finally {
      two.close();
    }

    // After the backup: two people registered at desk 2 and sent to desk 1.
    const lost = [await register(lostDir, 'Basma Haddad'), await register(lostDir, 'Chadi Haddad')];
    await exchange(lostDir, folder);
    await exchange(oneDir, folder);
    expect(await everyone(oneDir)).toHaveLength(3);

    // The laptop is lost; desk 2 is restored from the backup onto a replacement laptop.
    const twoDir = join(tempDataDir('desk-two-replacement'), 'data');
    await restoreBackup(backup, twoDir, SUPERVISOR);
    // Its next registration would take numbers desk 1 already holds: refused until the site has told
    // it how far it holds desk 2's changes and sent back those it lost (two exchanges here).
    await expect(register(twoDir, 'Dunya Haddad')).rejects.toThrow('exchange_first_after_restore');
    await exchange(twoDir, folder);
    await expect(register(twoDir, 'Dunya Haddad')).rejects.toThrow('exchange_first_after_restore');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    expect(await everyone(twoDir)).toEqual(await everyone(oneDir));
    const afterRestore = await register(twoDir, 'Dunya Haddad');
    for (let round = 0; round < 3; round += 1) {
      await exchange(oneDir, folder);
      await exchange(twoDir, folder);
    }

    const atOne = await everyone(oneDir);
    const atTwo = await everyone(twoDir);
    expect(atTwo).toEqual(atOne);
    expect(atOne).toHaveLength(4);
    for (const person of lost) expect(atTwo.some((line) => line.startsWith(`${person.registrationNumber} `))).toBe(true);
    const numbers = atOne.map((line) => line.split(' ')[0]);
    expect(new Set(numbers).size).toBe(4);
    expect(lost.map((person) => person.registrationNumber)).not.toContain(afterRestore.registrationNumber);

    // What came back is desk 2's own again: changed there, the change reaches desk 1.
    const again = await signedIn(twoDir, CLERK);
    try {
      const basma = (await call(again, 'people.search', { query: 'Basma Haddad' }))[0];
      await call(again, 'people.update', { id: basma?.id ?? 0, set: { chosenName: 'Basma Al-Haddad' }, clear: [] });
    } finally {
      again.close();
    }
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    expect((await everyone(oneDir)).filter((line) => line.includes('Basma'))).toEqual([`${lost[0]?.registrationNumber ?? ''} Basma Al-Haddad`]);

    // Desk 2's chain went on from its backup's last entry, under numbers desk 1 holds other entries
    // under: desk 1 keeps both lines, finds both sound, and holds every entry desk 2 wrote since.
    const chainOfTwo = await signedIn(twoDir, SUPERVISOR);
    let ownChain: Array<{ id: number; hash: string; action: string }>;
    try {
      expect((await call(chainOfTwo, 'vault.verify', {})).audit.sound).toBe(true);
      ownChain = chainOfTwo.vault.db.prepare<[], { id: number; hash: string; action: string }>('SELECT id, hash, action FROM audit_log ORDER BY id').all();
    } finally {
      chainOfTwo.close();
    }
    const atDeskOne = await signedIn(oneDir, SUPERVISOR);
    try {
      const report = await call(atDeskOne, 'vault.verify', {});
      const restoredAt = ownChain.find((entry) => entry.action === 'backup-restore')?.id ?? 0;
      expect(report.otherDesks).toEqual([
        {
          desk: 2,
          audit: { sound: true, entries: expect.any(Number) },
          leftLines: [{ wentOnAfter: restoredAt - 1, audit: { sound: true, entries: expect.any(Number) }, byRestore: true }],
        },
      ]);
      const held = atDeskOne.vault.db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM received_audit WHERE desk = 2').all();
      // Every entry desk 2 wrote after its restore and sent, and the last bundle's entries, are held at desk 1.
      const sent = ownChain.filter((entry) => entry.id < (report.otherDesks[0]?.audit.entries ?? 0) + 1);
      expect(sent.length).toBeGreaterThan(restoredAt);
      for (const entry of sent) expect(held).toContainEqual({ id: entry.id, hash: entry.hash });
      // The line it left holds the registrations the backup lacked.
      const leftLine = report.otherDesks[0]?.leftLines[0]?.audit.entries ?? 0;
      expect(leftLine).toBeGreaterThan(restoredAt);
    } finally {
      atDeskOne.close();
    }
  });
});

describe('desk 1 restored from an older backup', () => {
  it('gets back the desks it had enrolled before it enrols another, and never gives a desk number twice', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const backup = tempDataDir('desk-one-backup');
    cpSync(oneDir, backup, { recursive: true });
    const enrolmentDir = tempDataDir('enrolments');
    const enrol = async (name: string) => {
      const one = await signedIn(oneDir, SUPERVISOR);
      try {
        return await call(one, 'desks.enrol', { out: join(enrolmentDir, name), passphrase: PASSPHRASE });
      } finally {
        one.close();
      }
    };
    expect((await enrol('desk-3.enrolment')).desk.number).toBe(3);
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);

    rmSync(oneDir, { recursive: true, force: true });
    cpSync(backup, oneDir, { recursive: true });
    // Put back by hand, desk 1 knows no desk 3, but it had sent more than this copy holds (its record
    // outside the folder says so): held back, it changes nothing and enrols no desk until it has heard.
    const one = await signedIn(oneDir, SUPERVISOR);
    try {
      expect((await call(one, 'desks.list', {})).desks.map((desk) => desk.number)).toEqual([1, 2]);
      await expect(call(one, 'desks.enrol', { out: join(enrolmentDir, 'refused.enrolment'), passphrase: PASSPHRASE })).rejects.toThrow('exchange_first_after_restore');
      // Numbered past changes it does not hold (what an exchange that says so leaves): it refuses to enrol.
      one.vault.db.prepare("UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'own_operations'").run();
      await expect(call(one, 'desks.enrol', { out: join(enrolmentDir, 'refused.enrolment'), passphrase: PASSPHRASE })).rejects.toThrow('desk_enrol_after_restore');
      one.vault.db.prepare("UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'own_operations'").run();
    } finally {
      one.close();
    }
    // Desk 2 sends desk 1's operations on (desk 3 has not said what it holds): desk 3 is back at once.
    await exchange(oneDir, folder);
    expect((await enrol('desk-4.enrolment')).desk.number).toBe(4);
  });
});

describe('the only desk of a site restored from a backup', () => {
  it('is not held back (no other desk holds anything of it) and enrols a second desk', { timeout: 120_000 }, async () => {
    const { core } = await setUpVault(tempDataDir('lone-desk'));
    let backup: string;
    try {
      backup = (await call(core, 'backup.create', { to: tempDataDir('lone-desk-backups') })).path;
    } finally {
      core.close();
    }
    const restored = join(tempDataDir('lone-desk-replacement'), 'data');
    await restoreBackup(backup, restored, SUPERVISOR);
    const one = await signedIn(restored, SUPERVISOR);
    try {
      expect((await call(one, 'desks.enrol', { out: join(tempDataDir('lone-enrolment'), 'desk-2.enrolment'), passphrase: PASSPHRASE })).desk.number).toBe(2);
    } finally {
      one.close();
    }
  });
});

describe('a data folder put back by hand from an older copy (no restore)', () => {
  it('is known by what its desk sent: held back, then it gets back what it lost and gives no number twice', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await register(twoDir, 'Amal Haddad');
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    const copy = copyOfFolder(twoDir);
    const basma = await register(twoDir, 'Basma Haddad');
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);

    // The older copy is put back over the folder (a sync tool, a disk image, a hand).
    copy.putBack();
    await expect(register(twoDir, 'Chadi Haddad')).rejects.toThrow('exchange_first_after_restore');
    const held = await signedIn(twoDir, SUPERVISOR);
    try {
      const entry = held.vault.db.prepare<[], { details: string }>("SELECT details FROM audit_log WHERE action = 'exchange-hold-back'").all();
      expect(entry.map((e) => JSON.parse(e.details) as unknown)).toEqual([{ cause: 'older-copy', sent: expect.any(Number), numbered: expect.any(Number) }]);
    } finally {
      held.close();
    }
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const chadi = await register(twoDir, 'Chadi Haddad');
    expect(chadi.registrationNumber).not.toBe(basma.registrationNumber);
    for (let round = 0; round < 2; round += 1) {
      await exchange(twoDir, folder);
      await exchange(oneDir, folder);
    }
    const atOne = await everyone(oneDir);
    expect(atOne).toHaveLength(3);
    expect(await everyone(twoDir)).toEqual(atOne);

    // Desk 1 keeps both lines of desk 2's chain, and says the second went on with no restore recorded.
    const one = await signedIn(oneDir, SUPERVISOR);
    try {
      const report = await call(one, 'vault.verify', {});
      expect(report.otherDesks).toEqual([
        { desk: 2, audit: { sound: true, entries: expect.any(Number) }, leftLines: [{ wentOnAfter: expect.any(Number), audit: { sound: true, entries: expect.any(Number) }, byRestore: false }] },
      ]);
    } finally {
      one.close();
    }
  });

  it('is held back once, not at every unlock, when the bundle it sent last never reached a desk (a lost stick)', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await register(twoDir, 'Amal Haddad');
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    const copy = copyOfFolder(twoDir);
    await register(twoDir, 'Basma Haddad');
    // Written onto a stick that is lost on the way: no desk ever reads it.
    await exchange(twoDir, tempDataDir('lost-stick'));
    copy.putBack();
    await expect(register(twoDir, 'Chadi Haddad')).rejects.toThrow('exchange_first_after_restore');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    // Heard from the site, which holds less than the lost bundle carried: free, and still free at the next unlocks.
    const chadi = await register(twoDir, 'Chadi Haddad');
    await register(twoDir, 'Dunya Haddad');
    const again = await signedIn(twoDir, SUPERVISOR);
    try {
      expect(again.vault.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'exchange-hold-back'").pluck(true).get()).toBe(1);
    } finally {
      again.close();
    }
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    expect((await everyone(oneDir)).map((line) => line.split(' ')[0])).toContain(chadi.registrationNumber);
    expect(await everyone(oneDir)).toEqual(await everyone(twoDir));
  });

  it('a folder moved after its desk sent is held back until it has heard from the site; one that never sent is not', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    // Never sent: a copy elsewhere (as every test here makes of its two desks) works at once.
    await register(twoDir, 'Amal Haddad');
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    const moved = join(tempDataDir('desk-two-moved'), 'data');
    cpSync(twoDir, moved, { recursive: true });
    rmSync(twoDir, { recursive: true, force: true });
    await expect(register(moved, 'Basma Haddad')).rejects.toThrow('exchange_first_after_restore');
    await exchange(moved, folder);
    const basma = await register(moved, 'Basma Haddad');
    await exchange(moved, folder);
    await exchange(oneDir, folder);
    expect(await everyone(oneDir)).toEqual(await everyone(moved));
    expect((await everyone(oneDir)).map((line) => line.split(' ')[0])).toContain(basma.registrationNumber);
  });
});
