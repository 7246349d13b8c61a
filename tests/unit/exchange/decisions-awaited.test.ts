/**
 * Issue 13: a person's chosen name changed at two desks before they exchanged waits for a
 * protection officer's decision. The rule settles it the same way at both desks, as any conflict;
 * the record says at both that a decision is awaited, and the decision, made at one desk by
 * keeping the value the rule kept, travels: after the next exchange the other desk's record no
 * longer waits either. A conflict of another field is not held for a decision.
 */
import { describe, expect, it } from 'vitest';
import { CLERK, PROTECTION, SUPERVISOR } from '../helpers/vault';
import { call, exchange, register, signedIn, twoDesks } from './two-desks';

async function at<T>(dataDir: string, who: typeof CLERK, run: (core: Awaited<ReturnType<typeof signedIn>>) => Promise<T>): Promise<T> {
  const core = await signedIn(dataDir, who);
  try {
    return await run(core);
  } finally {
    core.close();
  }
}

describe('a chosen name changed at two desks at once', () => {
  it('waits for a decision at both desks until one decides, and the decision travels', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await at(oneDir, SUPERVISOR, (core) => call(core, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' }));
    const rania = await register(oneDir, 'Rania Haddad');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const twoId = await at(twoDir, CLERK, async (core) => (await call(core, 'people.search', { query: 'Rania Haddad' }))[0]?.id ?? 0);

    await at(twoDir, CLERK, (core) => call(core, 'people.update', { id: twoId, set: { chosenName: 'Rania Al-Haddad', arrivalDate: '2026-11-01' }, clear: [] }));
    await at(oneDir, CLERK, (core) => call(core, 'people.update', { id: rania.id, set: { chosenName: 'Rania Hadad', arrivalDate: '2026-11-02' }, clear: [] }));
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);

    const recordAt = (dir: string, id: number, who = PROTECTION) => at(dir, who, (core) => call(core, 'people.get', { id }));
    const nameAtOne = (await recordAt(oneDir, rania.id)).fields.chosenName;
    expect(['Rania Al-Haddad', 'Rania Hadad']).toContain(nameAtOne);
    expect((await recordAt(twoDir, twoId)).fields.chosenName).toBe(nameAtOne);
    for (const [dir, id] of [[oneDir, rania.id], [twoDir, twoId]] as const) {
      expect((await recordAt(dir, id)).decisionsAwaited.map((decision) => decision.about)).toEqual(['chosenName']);
      // The desk's clerk reads the chosen name too, and is told that it waits for a decision.
      expect((await recordAt(dir, id, CLERK)).decisionsAwaited).toHaveLength(1);
      expect(await at(dir, PROTECTION, (core) => call(core, 'exchange.status', {}))).toMatchObject({ awaitingDecision: 1, openConflicts: 2 });
    }

    // Desk 1 decides: the name the rule kept stays. Only the chosen name waited for it.
    const conflicts = await at(oneDir, PROTECTION, (core) => call(core, 'exchange.conflicts', { open: true }));
    expect(conflicts.map((conflict) => [conflict.field, conflict.awaitsDecision])).toEqual([
      ['chosenName', 'chosenName'],
      ['arrivalDate', undefined],
    ]);
    const chosenName = conflicts[0]?.id ?? 0;
    await at(oneDir, PROTECTION, (core) => call(core, 'exchange.resolveConflict', { id: chosenName, choose: 'kept' }));
    expect((await recordAt(oneDir, rania.id)).decisionsAwaited).toEqual([]);

    // The decision reaches desk 2 with the next exchange: its record no longer waits, the name is the same.
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const atTwo = await recordAt(twoDir, twoId);
    expect(atTwo.decisionsAwaited).toEqual([]);
    expect(atTwo.fields.chosenName).toBe(nameAtOne);
    expect((await recordAt(oneDir, rania.id)).fields.chosenName).toBe(nameAtOne);
    const openAtTwo = await at(twoDir, PROTECTION, (core) => call(core, 'exchange.conflicts', { open: true }));
    expect(openAtTwo.map((conflict) => conflict.field)).toEqual(['arrivalDate']);
    expect(await at(twoDir, PROTECTION, (core) => call(core, 'exchange.status', {}))).toMatchObject({ awaitingDecision: 0, openConflicts: 1 });
  });
});

/** A mother and her child in one family unit, registered at desk 1 and exchanged: the child's id at each desk. */
async function aChildInAUnitAtBothDesks(oneDir: string, twoDir: string, folder: string): Promise<{ child: { id: number }; childAtTwo: number }> {
  const mother = await register(oneDir, 'Huda Saleh');
  const child = await register(oneDir, 'Sami Saleh');
  await at(oneDir, CLERK, (core) => call(core, 'families.link', { personId: child.id, withPersonId: mother.id, relationship: 'child-biological' }));
  await exchange(oneDir, folder);
  await exchange(twoDir, folder);
  const childAtTwo = await at(twoDir, CLERK, async (core) => (await call(core, 'people.search', { query: 'Sami Saleh' }))[0]?.id ?? 0);
  return { child, childAtTwo };
}

describe('a place in a family unit changed at two desks at once', () => {
  it('is settled alike at both desks, waits for a protection officer (not a supervisor), and the decision travels', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await at(oneDir, SUPERVISOR, (core) => call(core, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' }));
    const { child, childAtTwo } = await aChildInAUnitAtBothDesks(oneDir, twoDir, folder);

    // Each desk gives the child another relationship: each ends the old membership and starts its own.
    await at(twoDir, CLERK, (core) => call(core, 'families.setRelationship', { personId: childAtTwo, relationship: 'child-adopted' }));
    await at(oneDir, CLERK, (core) => call(core, 'families.setRelationship', { personId: child.id, relationship: 'child-foster' }));
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const atTwo = await exchange(oneDir, folder);
    expect(atTwo.waiting).toBe(0);

    const relationshipAt = (dir: string, id: number) =>
      at(dir, PROTECTION, async (core) => {
        const member = (await call(core, 'people.get', { id })).family?.members.find((one) => one.person.id === id);
        return member && 'relationship' in member ? member.relationship : undefined;
      });
    const settled = await relationshipAt(oneDir, child.id);
    expect(['child-adopted', 'child-foster']).toContain(settled);
    expect(await relationshipAt(twoDir, childAtTwo)).toBe(settled);
    const awaited = (dir: string, id: number) => at(dir, PROTECTION, async (core) => (await call(core, 'people.get', { id })).decisionsAwaited.map((d) => d.about));
    expect(await awaited(oneDir, child.id)).toEqual(['family']);
    expect(await awaited(twoDir, childAtTwo)).toEqual(['family']);
    // A supervisor does not work with family units: not told of the conflict.
    expect(await at(twoDir, SUPERVISOR, (core) => call(core, 'exchange.conflicts', { open: true }))).toEqual([]);
    // On the restricted screen, neither the record nor the list says what changed in the family.
    const restricted = await at(twoDir, PROTECTION, async (core) => {
      await call(core, 'session.setViewMode', { mode: 'restricted' });
      try {
        return { record: (await call(core, 'people.get', { id: childAtTwo })).decisionsAwaited, listed: await call(core, 'exchange.conflicts', { open: true }) };
      } finally {
        await call(core, 'session.setViewMode', { mode: 'normal' });
      }
    });
    expect(restricted.record).toEqual([]);
    expect(restricted.listed).toEqual([expect.objectContaining({ entity: 'family_membership', hidden: true })]);
    expect(restricted.listed[0]).not.toHaveProperty('keptValue');

    const [conflict] = await at(twoDir, PROTECTION, (core) => call(core, 'exchange.conflicts', { open: true }));
    expect(conflict).toMatchObject({ entity: 'family_membership', field: 'left_at', awaitsDecision: 'family', personId: childAtTwo, hidden: false });
    // Ending a membership at another time settles nothing: only keeping (or the family panel) does.
    const refused = await at(twoDir, PROTECTION, (core) => call(core, 'exchange.resolveConflict', { id: conflict?.id ?? 0, choose: 'other' }).catch((error: Error) => error.message));
    expect(refused).toBe('exchange.resolveConflict: conflict_keep_only');
    await at(twoDir, PROTECTION, (core) => call(core, 'exchange.resolveConflict', { id: conflict?.id ?? 0, choose: 'kept' }));
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    expect(await awaited(oneDir, child.id)).toEqual([]);
    expect(await awaited(twoDir, childAtTwo)).toEqual([]);
    expect(await relationshipAt(oneDir, child.id)).toBe(settled);
    expect(await relationshipAt(twoDir, childAtTwo)).toBe(settled);
  });
});

describe('a person in no unit placed in two units at two desks at once', () => {
  it('is settled alike at both desks and waits for a decision until one desk decides', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await at(oneDir, SUPERVISOR, (core) => call(core, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' }));
    const sami = await register(oneDir, 'Sami Saleh');
    const huda = await register(oneDir, 'Huda Saleh');
    await register(oneDir, 'Amal Darwish');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const idAtTwo = (name: string) => at(twoDir, CLERK, async (core) => (await call(core, 'people.search', { query: name }))[0]?.id ?? 0);
    const samiAtTwo = await idAtTwo('Sami Saleh');
    const amalAtTwo = await idAtTwo('Amal Darwish');

    // Desk 1 places Sami with Huda; desk 2, before hearing of it, with Amal.
    await at(oneDir, CLERK, (core) => call(core, 'families.link', { personId: sami.id, withPersonId: huda.id, relationship: 'child-biological' }));
    await at(twoDir, CLERK, (core) => call(core, 'families.link', { personId: samiAtTwo, withPersonId: amalAtTwo, relationship: 'sibling' }));
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    expect((await exchange(oneDir, folder)).waiting).toBe(0);

    const unitAt = (dir: string, id: number) =>
      at(dir, PROTECTION, async (core) => {
        const record = await call(core, 'people.get', { id });
        return { with: record.family?.members.filter((member) => member.person.id !== id).map((member) => member.person.chosenName) ?? [], awaited: record.decisionsAwaited.map((d) => d.about) };
      });
    const atOne = await unitAt(oneDir, sami.id);
    expect([['Huda Saleh'], ['Amal Darwish']]).toContainEqual(atOne.with);
    // Settled alike, and at both desks the placement waits for a protection officer's decision.
    expect(atOne.awaited).toEqual(['family']);
    expect(await unitAt(twoDir, samiAtTwo)).toEqual(atOne);
    expect(await at(twoDir, SUPERVISOR, (core) => call(core, 'exchange.conflicts', { open: true }))).toEqual([]);

    const [conflict] = await at(twoDir, PROTECTION, (core) => call(core, 'exchange.conflicts', { open: true }));
    expect(conflict).toMatchObject({ entity: 'family_membership', field: 'left_at', awaitsDecision: 'family', personId: samiAtTwo });
    await at(twoDir, PROTECTION, (core) => call(core, 'exchange.resolveConflict', { id: conflict?.id ?? 0, choose: 'kept' }));
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    expect(await unitAt(oneDir, sami.id)).toEqual({ ...atOne, awaited: [] });
    expect(await unitAt(twoDir, samiAtTwo)).toEqual({ ...atOne, awaited: [] });
  });
});

describe('two desks place a person at once, and one of them also removes the person from the unit', () => {
  it('ends alike at both desks, whichever rows each received first', { timeout: 240_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const { child, childAtTwo } = await aChildInAUnitAtBothDesks(oneDir, twoDir, folder);

    // Desk 2 places the child first; desk 1 places the child later, then removes them from the unit.
    await at(twoDir, CLERK, (core) => call(core, 'families.setRelationship', { personId: childAtTwo, relationship: 'child-adopted' }));
    await at(oneDir, CLERK, (core) => call(core, 'families.setRelationship', { personId: child.id, relationship: 'child-foster' }));
    await at(oneDir, CLERK, (core) => call(core, 'families.remove', { personId: child.id }));
    for (const dir of [oneDir, twoDir, oneDir, twoDir]) expect((await exchange(dir, folder)).waiting).toBe(0);

    const unitAt = (dir: string, id: number) =>
      at(dir, CLERK, async (core) => {
        const member = (await call(core, 'people.get', { id })).family?.members.find((one) => one.person.id === id);
        return member && 'relationship' in member ? member.relationship : 'no unit';
      });
    const atOne = await unitAt(oneDir, child.id);
    expect(await unitAt(twoDir, childAtTwo)).toBe(atOne);
    // Desk 2's placement was never ended by anyone: it is the one that holds.
    expect(atOne).toBe('child-adopted');
  });
});
