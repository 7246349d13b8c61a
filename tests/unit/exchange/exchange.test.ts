/**
 * Issue 13: two desks of one site exchange through one folder. Each finds the people the other
 * registered, a change made at one desk reaches the other, a change made at both is a conflict
 * settled the same way at both and listed, and reading the same bundles again changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { CLERK, expectAppError, SUPERVISOR } from '../helpers/vault';
import { call, exchange, register, search, signedIn, twoDesks } from './two-desks';

describe('exchanging between two desks', () => {
  it('brings each desk the people the other registered, and reading the bundles again changes nothing', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const rania = await register(oneDir, 'Rania Haddad');
    const karim = await register(twoDir, 'Karim Nassar');
    expect(karim.registrationNumber).toMatch(/^ATH-2-/);

    const first = await exchange(oneDir, folder);
    expect(first).toMatchObject({ applied: 0, refused: 0, conflicts: 0 });
    expect(first.written).toBeGreaterThan(0);
    const second = await exchange(twoDir, folder);
    expect(second.applied).toBe(first.written);
    expect(second).toMatchObject({ refused: 0, conflicts: 0, waiting: 0 });
    const third = await exchange(oneDir, folder);
    expect(third.applied).toBe(second.written);
    expect(third).toMatchObject({ refused: 0, conflicts: 0, waiting: 0 });

    expect(await search(twoDir, 'Rania')).toEqual([rania.registrationNumber]);
    expect(await search(oneDir, 'Karim')).toEqual([karim.registrationNumber]);

    // Again: nothing new anywhere.
    expect(await exchange(twoDir, folder)).toMatchObject({ applied: 0, refused: 0, conflicts: 0 });
    expect(await exchange(oneDir, folder)).toMatchObject({ applied: 0, refused: 0, conflicts: 0 });
  });

  it('settles a field changed at both desks the same way at both, and lists it as a conflict', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const rania = await register(oneDir, 'Rania Haddad');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const atTwo = await signedIn(twoDir, CLERK);
    const [found] = await call(atTwo, 'people.search', { query: 'Rania' });
    expect(found?.registrationNumber).toBe(rania.registrationNumber);
    await call(atTwo, 'people.update', { id: found?.id ?? 0, set: { arrivalDate: '2026-11-01' }, clear: [] });
    atTwo.close();
    const atOne = await signedIn(oneDir, CLERK);
    const lastSeq = () => atOne.vault.db.prepare('SELECT max(seq) FROM own_operations').pluck(true).get() as number;
    const before = lastSeq();
    const edited = await call(atOne, 'people.update', { id: rania.id, set: { arrivalDate: '2026-11-02' }, clear: [] });
    // One edit, one operation: when the record last changed is each desk's own, never exchanged.
    expect(atOne.vault.db.prepare('SELECT entity, field FROM own_operations WHERE seq > ?').all(before)).toEqual([
      { entity: 'person', field: 'tier0.arrivalDate' },
    ]);
    atOne.close();

    const one = await exchange(oneDir, folder);
    const two = await exchange(twoDir, folder);
    const oneAgain = await exchange(oneDir, folder);
    expect(one.conflicts + two.conflicts + oneAgain.conflicts).toBe(2);

    const notesAt = async (dir: string, id: number) => {
      const core = await signedIn(dir, SUPERVISOR);
      try {
        return (await call(core, 'people.get', { id })).fields.arrivalDate;
      } finally {
        core.close();
      }
    };
    const twoId = found?.id ?? 0;
    const settled = await notesAt(oneDir, rania.id);
    expect(['2026-11-01', '2026-11-02']).toContain(settled);
    expect(await notesAt(twoDir, twoId)).toBe(settled);
    // Desk 2 dates the record by the latest change it holds: desk 1's edit, if that came later.
    const updatedAt = async (dir: string, id: number) => {
      const core = await signedIn(dir, SUPERVISOR);
      try {
        return (await call(core, 'people.get', { id })).updatedAt;
      } finally {
        core.close();
      }
    };
    expect(await updatedAt(twoDir, twoId) >= edited.updatedAt).toBe(true);
  });

  it('an account made at one desk signs in at the other after the exchange; a new password and disabling travel too', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const NEW = { userName: 'nadia.clerk', password: 'lanterns along the northern quay' };
    const atTwo = await signedIn(twoDir, SUPERVISOR);
    const made = await call(atTwo, 'accounts.create', { changePasswordAtSignIn: false, ...NEW, role: 'clerk', language: 'ar' });
    atTwo.close();
    await expectAppError(signedIn(oneDir, NEW), 'wrong_credentials');

    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    (await signedIn(oneDir, NEW)).close();

    // A new password given at desk 1 replaces the old one at desk 2.
    const atOne = await signedIn(oneDir, SUPERVISOR);
    const there = (await call(atOne, 'accounts.list', {})).find((account) => account.userName === NEW.userName);
    expect(there?.id).toBeDefined();
    await call(atOne, 'accounts.resetPassword', { id: there?.id ?? 0, password: 'copper gulls over the breakwater' });
    atOne.close();
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    await expectAppError(signedIn(twoDir, NEW), 'wrong_credentials');
    // The supervisor's password travels with its demand for one of the person's own; replaced at desk 2, the demand ends at desk 1 too.
    const givenAtTwo = await signedIn(twoDir, { userName: NEW.userName, password: 'copper gulls over the breakwater' });
    expect(givenAtTwo.user?.passwordChangeDue).toBe(true);
    await call(givenAtTwo, 'session.changePassword', { currentPassword: 'copper gulls over the breakwater', newPassword: 'tin lanterns along the quay' });
    givenAtTwo.close();
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    const ownAtOne = await signedIn(oneDir, { userName: NEW.userName, password: 'tin lanterns along the quay' });
    expect(ownAtOne.user?.passwordChangeDue).toBe(false);
    ownAtOne.close();

    // Disabled at desk 1: after the exchange its password opens nothing at desk 2 either.
    const again = await signedIn(oneDir, SUPERVISOR);
    await call(again, 'accounts.disable', { id: there?.id ?? 0 });
    again.close();
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    await expectAppError(signedIn(twoDir, { userName: NEW.userName, password: 'tin lanterns along the quay' }), 'wrong_credentials');
    expect(made.userName).toBe(NEW.userName);
  });

  it("keeps each desk's audit chain as received; verify walks them all and names one changed afterwards", { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await register(oneDir, 'Rania Haddad');
    await register(twoDir, 'Karim Nassar');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    for (const [dir, other] of [[oneDir, 2], [twoDir, 1]] as const) {
      const core = await signedIn(dir, SUPERVISOR);
      const report = await call(core, 'vault.verify', {});
      // The people the other desk registered are covered by its chain, not this desk's.
      expect(report.coverage).toMatchObject({ complete: true, people: 2 });
      expect(report.otherDesks).toEqual([{ desk: other, audit: { sound: true, entries: expect.any(Number) }, leftLines: [] }]);
      core.close();
    }
    // Someone with the database key rewrites an entry of desk 1's chain kept at desk 2.
    const core = await signedIn(twoDir, SUPERVISOR);
    core.vault.db.exec('DROP TRIGGER received_audit_no_update');
    core.vault.db.prepare("UPDATE received_audit SET user_name = 'nobody' WHERE desk = 1 AND id = 2").run();
    const report = await call(core, 'vault.verify', {});
    expect(report.otherDesks).toEqual([{ desk: 1, audit: { sound: false, entries: 2, brokenAt: 2, reason: 'edited' }, leftLines: [] }]);
    core.close();
  });
});

