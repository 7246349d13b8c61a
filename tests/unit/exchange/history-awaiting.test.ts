/**
 * Issue 13, "both values stay in the history": a change reaches a desk before the account that made
 * it (made at desk 2, the account changed a record at desk 3, and desk 3's bundle came to desk 1
 * first). The record's history at desk 1 must still name the change and who made it, and a
 * withdrawn consent's values must not come back through an entry that waited.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, SUPERVISOR, type Credentials } from '../helpers/vault';
import { call, exchange, PASSPHRASE, signedIn, twoDesks } from './two-desks';

const NEW: Credentials = { userName: 'yara.protection', password: 'harbour lamps over quiet water' };

async function threeDesks() {
  const { oneDir, twoDir, folder } = await twoDesks();
  const enrolment = join(tempDataDir('desk-three-enrolment'), 'desk-3.enrolment');
  const one = await signedIn(oneDir, SUPERVISOR);
  try {
    await call(one, 'desks.enrol', { out: enrolment, passphrase: PASSPHRASE });
  } finally {
    one.close();
  }
  const threeDir = join(tempDataDir('desk-three'), 'data');
  const joining = new IntakeCore({ dataDir: threeDir });
  try {
    await call(joining, 'desks.join', { enrolment, passphrase: PASSPHRASE });
  } finally {
    joining.close();
  }
  return { oneDir, twoDir, threeDir, folder };
}

const bundlesOf = (folder: string, deskId: string) => readdirSync(folder).filter((name) => name.includes(deskId));

describe('a change that comes before the account that made it', () => {
  it('is in the record\'s history, under that account, once the account has come', { timeout: 300_000 }, async () => {
    const { oneDir, twoDir, threeDir, folder } = await threeDesks();
    const one = await signedIn(oneDir, CLERK);
    const rania = await call(one, 'people.register', { fields: { chosenName: 'Rania Haddad' }, consents: ['register', 'sogiesc'] });
    one.close();
    await exchange(oneDir, folder);
    await exchange(threeDir, folder);

    // An account made at desk 2 reaches desk 3, and changes Rania's record there.
    const two = await signedIn(twoDir, SUPERVISOR);
    const twoId = (await call(two, 'desks.list', {})).desks.find((desk) => desk.thisDesk)?.id ?? '';
    await call(two, 'accounts.create', { changePasswordAtSignIn: false, ...NEW, role: 'protection', language: 'en' });
    two.close();
    await exchange(twoDir, folder);
    await exchange(threeDir, folder);
    const three = await signedIn(threeDir, NEW);
    const atThree = (await call(three, 'people.search', { query: 'Rania Haddad' }))[0];
    await call(three, 'people.update', { id: atThree?.id ?? 0, set: { arrivalDate: '2026-11-20', sexualOrientation: { kind: 'listed', value: 'lesbian' } }, clear: [] });
    three.close();
    await exchange(threeDir, folder);

    // Desk 1 reads desk 3's bundle, not desk 2's: desk 3's change comes first, then desk 2's account, sent on.
    for (const name of bundlesOf(folder, twoId)) rmSync(join(folder, name));
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
    const { oneDir, twoDir, threeDir, folder } = await threeDesks();
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
    await call(three, 'people.update', { id: atThree?.id ?? 0, set: { sexualOrientation: { kind: 'listed', value: 'lesbian' } }, clear: [] });
    three.close();
    await exchange(threeDir, folder);
    // Desk 1 takes desk 3's change before desk 2's account can come (desk 3's bundle is read with desk 2's left out, and desk 3 sends it on)…
    for (const name of bundlesOf(folder, twoId)) rmSync(join(folder, name));
    // …but the person withdraws the consent at desk 1 first: what waits must lose the value too.
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
