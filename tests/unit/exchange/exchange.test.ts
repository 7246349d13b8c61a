/**
 * Issue 13: two desks of one site exchange through one folder. Each finds the people the other
 * registered, a change made at one desk reaches the other, a change made at both is a conflict
 * settled the same way at both and listed, and reading the same bundles again changes nothing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/contract';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, dispatcherFor, setUpVault, SUPERVISOR, type Credentials } from '../helpers/vault';

const PASSPHRASE = 'copper kites over the harbour wall';

async function call<M extends Method>(core: IntakeCore, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await dispatcherFor(core, 'cli').dispatcher.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value as MethodOutput<M>;
}

async function signedIn(dataDir: string, who: Credentials): Promise<IntakeCore> {
  const core = new IntakeCore({ dataDir });
  await core.signIn(who.userName, who.password);
  return core;
}

/** Desk 1 with a supervisor and a clerk; desk 2 joined from its enrolment; one exchange folder. */
async function twoDesks() {
  const oneDir = tempDataDir('exchange-one');
  const { core: setup } = await setUpVault(oneDir);
  await call(setup, 'accounts.create', { ...CLERK, role: 'clerk', language: 'en' });
  await call(setup, 'settings.update', { sitePrefix: 'ATH' });
  const file = join(tempDataDir('exchange-enrolment'), 'desk-2.enrolment');
  await call(setup, 'desks.enrol', { out: file, passphrase: PASSPHRASE });
  setup.close();
  const twoDir = join(tempDataDir('exchange-two'), 'data');
  const joining = new IntakeCore({ dataDir: twoDir });
  await call(joining, 'desks.join', { enrolment: file, passphrase: PASSPHRASE });
  joining.close();
  return { oneDir, twoDir, folder: tempDataDir('exchange-folder') };
}

async function exchange(dataDir: string, folder: string, who: Credentials = CLERK) {
  const core = await signedIn(dataDir, who);
  try {
    return await call(core, 'exchange.run', { folder });
  } finally {
    core.close();
  }
}

async function register(dataDir: string, chosenName: string): Promise<MethodOutput<'people.register'>> {
  const core = await signedIn(dataDir, CLERK);
  try {
    return await call(core, 'people.register', { fields: { chosenName }, consents: ['register'] });
  } finally {
    core.close();
  }
}

async function search(dataDir: string, query: string) {
  const core = await signedIn(dataDir, CLERK);
  try {
    return (await call(core, 'people.search', { query })).map((p) => p.registrationNumber);
  } finally {
    core.close();
  }
}

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
    const atTwo = (await signedIn(twoDir, CLERK));
    const [found] = await call(atTwo, 'people.search', { query: 'Rania' });
    expect(found?.registrationNumber).toBe(rania.registrationNumber);
    await call(atTwo, 'people.update', { id: found?.id ?? 0, set: { arrivalDate: '2026-11-01' }, clear: [] });
    atTwo.close();
    const atOne = await signedIn(oneDir, CLERK);
    await call(atOne, 'people.update', { id: rania.id, set: { arrivalDate: '2026-11-02' }, clear: [] });
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
  });
});
