/**
 * Issue 13, "both values stay in the history": a change reaches a desk before the account that made
 * it (made at desk 2, the account changed a record at desk 3, and desk 3's bundle came to desk 1
 * first). The record's history at desk 1 must still name the change and who made it, and a
 * withdrawn consent's values must not come back through an entry that waited.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../src/shared/contract';
import { CLERK, SUPERVISOR, type Credentials } from '../helpers/vault';
import { call, exchange, joinDeskThree, signedIn, twoDesks } from './two-desks';

const NEW: Credentials = { userName: 'yara.protection', password: 'harbour lamps over quiet water' };

/**
 * Three desks, Rania registered at desk 1 (with the consent to record her orientation) and known at
 * desk 3; an account made at desk 2 reaches desk 3 and changes her record there; desk 3 writes its
 * bundle, which sends desk 2's account on; desk 2's own bundles are taken from the folder, so desk
 * 1 gets desk 3's change before the account that made it.
 */
async function changedBeforeItsAccount(set: MethodInput<'people.update'>['set']) {
  const { oneDir, twoDir, folder } = await twoDesks();
  const threeDir = await joinDeskThree(oneDir);
  const one = await signedIn(oneDir, CLERK);
  const rania = await call(one, 'people.register', { fields: { chosenName: 'Rania Haddad' }, consents: ['register', 'sogiesc'] });
  one.close();
  await exchange(oneDir, folder);
  await exchange(threeDir, folder);
  const two = await signedIn(twoDir, SUPERVISOR);
  const twoId = (await call(two, 'desks.list', {})).desks.find((desk) => desk.thisDesk)?.id ?? '';
  await call(two, 'accounts.create', { changePasswordAtSignIn: false, ...NEW, role: 'protection', language: 'en' });
  two.close();
  await exchange(twoDir, folder);
  await exchange(threeDir, folder);
  const three = await signedIn(threeDir, NEW);
  const atThree = (await call(three, 'people.search', { query: 'Rania Haddad' }))[0];
  await call(three, 'people.update', { id: atThree?.id ?? 0, set, clear: [] });
  three.close();
  await exchange(threeDir, folder);
  for (const name of readdirSync(folder).filter((file) => file.includes(twoId))) rmSync(join(folder, name));
  return { oneDir, folder, rania };
}

describe('a change that comes before the account that made it', () => {
  it('is in the record\'s history, under that account, once the account has come', { timeout: 300_000 }, async () => {
    const { oneDir, folder, rania } = await changedBeforeItsAccount({ arrivalDate: '2026-11-20', sexualOrientation: { kind: 'listed', value: 'lesbian' } });
    // Desk 1 reads desk 3's bundle, not desk 2's: desk 3's change comes first, then desk 2's account, sent on.
    await exchange(oneDir, folder);
    const atOne = await signedIn(oneDir, SUPERVISOR);
    try {
      const history = await call(atOne, 'people.history', { id: rania.id });
      expect(history.find((entry) => entry.field === 'arrivalDate')).toMatchObject({ changedBy: NEW.userName, newValue: '2026-11-20' });
      expect(atOne.vault.db.prepare('SELECT count(*) FROM person_history_awaiting').pluck(true).get()).toBe(0);
    } finally {
      atOne.close();
    }
  });

  it('keeps none of the values a withdrawn consent covers while it waits', { timeout: 300_000 }, async () => {
    const { oneDir, folder, rania } = await changedBeforeItsAccount({ sexualOrientation: { kind: 'listed', value: 'lesbian' } });
    // The person withdraws the consent at desk 1 before desk 1 takes desk 3's change: what waits must lose the value too.
    const clerk = await signedIn(oneDir, CLERK);
    try {
      await call(clerk, 'people.setConsent', { id: rania.id, purpose: 'sogiesc', given: false });
    } finally {
      clerk.close();
    }
    await exchange(oneDir, folder);
    const atOne = await signedIn(oneDir, SUPERVISOR);
    try {
      const raw = atOne.vault.db.prepare<[], { old_value: string | null; new_value: string | null }>(
        "SELECT old_value, new_value FROM person_history WHERE field = 'sexualOrientation' UNION ALL SELECT old_value, new_value FROM person_history_awaiting WHERE field = 'sexualOrientation'",
      ).all();
      expect(raw.length).toBeGreaterThan(0);
      for (const row of raw) expect(JSON.stringify(row)).not.toContain('lesbian');
    } finally {
      atOne.close();
    }
  });
});
