/**
 * Issue 13, cases a second reading found: a setting changed again and again (an upsert under the
 * capture trigger), the same user name made at two desks before they exchanged, and a withdrawn
 * consent's values, which must leave the operations logs too, so no desk that joins later gets them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, PROTECTION, setUpVault, SUPERVISOR } from '../helpers/vault';
import { call, exchange, PASSPHRASE, register, search, signedIn, twoDesks } from './two-desks';

describe('exchange edge cases', () => {
  it('a site setting can be changed again and again, at either desk, and the last change wins at both', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const one = await signedIn(oneDir, SUPERVISOR);
    for (const siteName of ['North', 'North camp', 'North reception']) await call(one, 'settings.update', { siteName });
    one.close();
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const two = await signedIn(twoDir, SUPERVISOR);
    expect((await call(two, 'settings.get', {})).siteName).toBe('North reception');
    await call(two, 'settings.update', { siteName: 'North reception centre' });
    two.close();
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    const again = await signedIn(oneDir, SUPERVISOR);
    expect((await call(again, 'settings.get', {})).siteName).toBe('North reception centre');
    again.close();
  });

  it('a setting first set at two desks before they exchanged ends the same at both, listed once as a conflict', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    for (const [dir, idleMinutes] of [[oneDir, 10], [twoDir, 20]] as const) {
      const core = await signedIn(dir, SUPERVISOR);
      await call(core, 'settings.update', { idleMinutes });
      core.close();
    }
    const runs = [await exchange(oneDir, folder), await exchange(twoDir, folder), await exchange(oneDir, folder)];
    expect(runs.map((run) => run.refused)).toEqual([0, 0, 0]);
    const atDesk = async (dir: string) => {
      const core = await signedIn(dir, SUPERVISOR);
      try {
        const conflicts = await call(core, 'exchange.conflicts', { open: true });
        return { idleMinutes: (await call(core, 'settings.get', {})).idleMinutes, conflicts: conflicts.map((c) => [c.entity, c.field, c.keptValue, c.otherValue]) };
      } finally {
        core.close();
      }
    };
    const one = await atDesk(oneDir);
    const two = await atDesk(twoDir);
    expect([10, 20]).toContain(one.idleMinutes);
    expect(two.idleMinutes).toBe(one.idleMinutes);
    const other = one.idleMinutes === 10 ? 20 : 10;
    for (const desk of [one, two]) expect(desk.conflicts).toEqual([['setting', 'value', String(one.idleMinutes), String(other)]]);
  });

  it('the same user name made at two desks before they exchanged: the records it registered at either desk reach the other', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const amina = { userName: 'amina.clerk', password: 'a long harbour walk at dawn' };
    for (const dir of [oneDir, twoDir]) {
      const admin = await signedIn(dir, SUPERVISOR);
      await call(admin, 'accounts.create', { changePasswordAtSignIn: false, ...amina, role: 'clerk', language: 'en' });
      admin.close();
    }
    const atTwo = await signedIn(twoDir, amina);
    const karim = await call(atTwo, 'people.register', { fields: { chosenName: 'Karim Nassar' }, consents: ['register'] });
    atTwo.close();
    await exchange(twoDir, folder);
    const applied = await exchange(oneDir, folder);
    expect(applied.waiting).toBe(0);
    const atOne = await signedIn(oneDir, amina);
    expect((await call(atOne, 'people.search', { query: 'Karim' })).map((p) => p.registrationNumber)).toEqual([karim.registrationNumber]);
    atOne.close();
  });

  it("a withdrawn consent's values leave the operations logs of both desks, so no desk that joins later receives them", { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const protection = await signedIn(oneDir, SUPERVISOR);
    await call(protection, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
    protection.close();
    const officer = await signedIn(oneDir, PROTECTION);
    const person = await call(officer, 'people.register', {
      fields: { chosenName: 'Samir Haddad', sexualOrientation: { kind: 'listed', value: 'gay' } },
      consents: ['register', 'sogiesc'],
    });
    await call(officer, 'people.update', { id: person.id, set: { sexualOrientation: { kind: 'listed', value: 'bisexual' } }, clear: [] });
    officer.close();
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);

    const again = await signedIn(oneDir, PROTECTION);
    await call(again, 'people.setConsent', { id: person.id, purpose: 'sogiesc', given: false });
    again.close();
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);

    for (const dir of [oneDir, twoDir]) {
      const core = await signedIn(dir, SUPERVISOR);
      const held = core.vault.db
        .prepare("SELECT count(*) FROM (SELECT value FROM own_operations UNION ALL SELECT value FROM received_operations) WHERE value LIKE '%bisexual%' OR value LIKE '%\"gay\"%'")
        .pluck(true)
        .get();
      expect(held).toBe(0);
      core.close();
    }
    // Registering someone else keeps working, and the erased field stays erased at both desks.
    await register(oneDir, 'Another Person');
  });

  it("a joining desk's first change of a setting changed several times before it joined wins, as a later change", { timeout: 180_000 }, async () => {
    const oneDir = tempDataDir('edges-one');
    const { core: setup } = await setUpVault(oneDir);
    for (const idleMinutes of [6, 7, 8]) await call(setup, 'settings.update', { idleMinutes });
    const file = join(tempDataDir('edges-enrolment'), 'desk-2.enrolment');
    await call(setup, 'desks.enrol', { out: file, passphrase: PASSPHRASE });
    setup.close();
    const twoDir = join(tempDataDir('edges-two'), 'data');
    const joining = new IntakeCore({ dataDir: twoDir });
    await call(joining, 'desks.join', { enrolment: file, passphrase: PASSPHRASE });
    joining.close();
    const folder = tempDataDir('edges-folder');

    const two = await signedIn(twoDir, SUPERVISOR);
    expect((await call(two, 'settings.get', {})).idleMinutes).toBe(8);
    await call(two, 'settings.update', { idleMinutes: 12 });
    two.close();
    await exchange(oneDir, folder, SUPERVISOR);
    await exchange(twoDir, folder, SUPERVISOR);
    await exchange(oneDir, folder, SUPERVISOR);
    for (const dir of [oneDir, twoDir]) {
      const core = await signedIn(dir, SUPERVISOR);
      expect((await call(core, 'settings.get', {})).idleMinutes).toBe(12);
      core.close();
    }
  });
  it('a pair judged two people at one desk is not proposed at the other; judged at both, it stays one decision at each', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const atOne = await signedIn(oneDir, SUPERVISOR);
    await call(atOne, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
    atOne.close();
    const clerk = await signedIn(oneDir, CLERK);
    const born = (year: number) => ({ precision: 'year', year }) as const;
    const lookAlike = async (chosenName: string, year: number) => call(clerk, 'people.register', { fields: { chosenName, birth: born(year) }, consents: ['register'] });
    const samir = [await lookAlike('Samir Khalil Haddad', 1988), await lookAlike('Samir Khalil Haddad', 1988)];
    const huda = [await lookAlike('Huda Mansour Saleh', 1979), await lookAlike('Huda Mansour Saleh', 1979)];
    clerk.close();
    await exchange(oneDir, folder);
    // Look-alikes registered at one desk are that desk's own question: the exchange counts none.
    expect((await exchange(twoDir, folder)).lookAlikes).toBe(0);

    const numbers = (pair: { first: { registrationNumber: string }; second: { registrationNumber: string } }) =>
      [pair.first.registrationNumber, pair.second.registrationNumber].sort().join(' ');
    const samirPair = samir.map((p) => p.registrationNumber).sort().join(' ');
    const hudaPair = huda.map((p) => p.registrationNumber).sort().join(' ');
    const proposed = async (dir: string) => {
      const core = await signedIn(dir, PROTECTION);
      try {
        return (await call(core, 'duplicates.list', { limit: 50 })).map(numbers).sort();
      } finally {
        core.close();
      }
    };
    expect(await proposed(twoDir)).toEqual([samirPair, hudaPair].sort());

    // Desk 1 judges both pairs; desk 2, before hearing of it, judges Huda's pair too.
    const judge = async (dir: string, pairs: ReadonlyArray<readonly [string, string]>) => {
      const core = await signedIn(dir, PROTECTION);
      try {
        for (const [first, second] of pairs) {
          const ids = await Promise.all([first, second].map(async (number) => (await call(core, 'people.search', { query: number }))[0]?.id ?? 0));
          await call(core, 'duplicates.notSame', { firstId: ids[0] ?? 0, secondId: ids[1] ?? 0 });
        }
      } finally {
        core.close();
      }
    };
    const pairOf = (people: ReadonlyArray<{ registrationNumber: string }>) => [people[0]?.registrationNumber ?? '', people[1]?.registrationNumber ?? ''] as const;
    await judge(oneDir, [pairOf(samir), pairOf(huda)]);
    await judge(twoDir, [pairOf(huda)]);
    const results = [await exchange(oneDir, folder), await exchange(twoDir, folder), await exchange(oneDir, folder)];
    expect(results.map((r) => [r.refused, r.waiting])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(await proposed(twoDir)).toEqual([]);
    expect(await proposed(oneDir)).toEqual([]);
  });
  it('counts the records that came in and look like a record of another desk, for the duplicates review', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const fields = { chosenName: 'Yusuf Ibrahim Darwish', birth: { precision: 'year', year: 1991 } } as const;
    for (const dir of [oneDir, twoDir]) {
      const core = await signedIn(dir, CLERK);
      await call(core, 'people.register', { fields, consents: ['register'] });
      await call(core, 'people.register', { fields: { chosenName: dir === oneDir ? 'Mariam Qasim' : 'Tariq Suleiman' }, consents: ['register'] });
      core.close();
    }
    const first = await exchange(oneDir, folder);
    expect(first.lookAlikes).toBe(0);
    // Desk 2 receives desk 1's Yusuf, who looks like its own; desk 1 then receives desk 2's.
    expect((await exchange(twoDir, folder)).lookAlikes).toBe(1);
    expect((await exchange(oneDir, folder)).lookAlikes).toBe(1);
    expect((await exchange(twoDir, folder)).lookAlikes).toBe(0);
  });
  it('a merge and its undo made at one desk are found the same way at the other: both numbers find the record kept, then each its own', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const admin = await signedIn(oneDir, SUPERVISOR);
    await call(admin, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
    admin.close();
    const kept = await register(oneDir, 'Nour Abbas Khalil');
    const merged = await register(oneDir, 'Nour Abbas Khaleel');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const atOne = await signedIn(oneDir, PROTECTION);
    const merge = await call(atOne, 'duplicates.merge', { keptId: kept.id, mergedId: merged.id });
    atOne.close();
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    expect(await search(twoDir, merged.registrationNumber)).toEqual([kept.registrationNumber]);
    expect(await search(twoDir, kept.registrationNumber)).toEqual([kept.registrationNumber]);

    const undo = await signedIn(oneDir, PROTECTION);
    await call(undo, 'duplicates.undoMerge', { mergeId: merge.mergeId });
    undo.close();
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    expect(await search(twoDir, merged.registrationNumber)).toEqual([merged.registrationNumber]);
    expect(await search(twoDir, kept.registrationNumber)).toEqual([kept.registrationNumber]);
  });
});

