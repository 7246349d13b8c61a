/**
 * Drafts kept for their author (issue 15): a registration or an edit in progress survives a lock,
 * a sign-out and a crash, in the encrypted database; only its author ever gets it back; it never
 * leaves the laptop through the exchange; a record merged or whose consent is withdrawn keeps no
 * draft of its edits.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { EXCHANGED_TABLES } from '../../src/main/db/migrations';
import { lastOwnSeq } from '../../src/main/exchange/operations';
import type { Method, MethodInput, MethodOutput } from '../../src/shared/contract';
import { KEPT_DRAFT_MAX_BYTES } from '../../src/shared/kept-drafts';
import { makeTempDir, removeTempDir } from './helpers/temp-dir';
import { addAccount, CLERK, dispatcherFor, PROTECTION, setUpVault, SUPERVISOR, type Credentials, type TestVault } from './helpers/vault';

const OTHER_CLERK: Credentials = { userName: 'noor.clerk', password: 'copper kites over the estuary' };
const TYPED = { draft: { chosenName: 'Amira Haddad', phone: '+963 912 345 678', notes: 'Asked for a woman interpreter.' }, consents: ['register'] };

let vault: TestVault;
let core: IntakeCore;

async function signInAs(credentials: Credentials): Promise<void> {
  if (core.stateName !== 'signed-out') core.signOut();
  await core.signIn(credentials.userName, credentials.password);
}

async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await dispatcherFor(core).dispatcher.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
  return result.value as MethodOutput<M>;
}

async function errorOf<M extends Method>(method: M, input: MethodInput<M>): Promise<string> {
  const result = await dispatcherFor(core).dispatcher.dispatch(method, input);
  return result.ok ? 'ok' : result.error.code;
}

beforeAll(async () => {
  vault = await setUpVault(makeTempDir('kept-drafts'));
  core = vault.core;
  await addAccount(core, CLERK, 'clerk');
  await addAccount(core, OTHER_CLERK, 'clerk');
  await addAccount(core, PROTECTION, 'protection');
  core.signOut();
}, 60_000);

afterAll(() => {
  core?.close();
  if (vault) removeTempDir(vault.dataDir);
});

describe('a kept draft', () => {
  test('is given back to its author after a lock and an unlock, and after signing out and in', async () => {
    await signInAs(CLERK);
    const { savedAt } = await call('drafts.save', { subject: { kind: 'registration' }, content: TYPED });
    core.lock();
    await core.unlock(CLERK.password);
    expect(await call('drafts.get', { subject: { kind: 'registration' } })).toEqual({ content: TYPED, savedAt });
    await signInAs(CLERK);
    expect(await call('drafts.list', {})).toEqual([{ kind: 'registration', savedAt }]);
  });

  test('survives a crash: a new process on the same data folder, the first never closed, gives it back', async () => {
    await signInAs(CLERK);
    await call('drafts.save', { subject: { kind: 'registration' }, content: { draft: { chosenName: 'Layla' } } });
    // The first core is left as a killed process leaves it: nothing closed, nothing flushed by hand.
    const after = new IntakeCore({ dataDir: vault.dataDir });
    try {
      await after.signIn(CLERK.userName, CLERK.password);
      const result = await dispatcherFor(after).dispatcher.dispatch('drafts.get', { subject: { kind: 'registration' } });
      expect(result.ok && (result.value as MethodOutput<'drafts.get'>)?.content).toEqual({ draft: { chosenName: 'Layla' } });
    } finally {
      after.signOut();
    }
  });

  test('attack: another account, clerk or protection officer, asking for it gets nothing and cannot replace or remove it', async () => {
    await signInAs(CLERK);
    await call('drafts.save', { subject: { kind: 'registration' }, content: TYPED });
    for (const other of [OTHER_CLERK, PROTECTION]) {
      await signInAs(other);
      expect(await call('drafts.get', { subject: { kind: 'registration' } })).toBeNull();
      expect(await call('drafts.list', {})).toEqual([]);
      // Its own save and discard touch only its own draft.
      await call('drafts.save', { subject: { kind: 'registration' }, content: { draft: { chosenName: 'Someone else' } } });
      await call('drafts.discard', { subject: { kind: 'registration' } });
    }
    await signInAs(CLERK);
    expect((await call('drafts.get', { subject: { kind: 'registration' } }))?.content).toEqual(TYPED);
  });

  test('a supervisor cannot call the drafts methods at all', async () => {
    await signInAs(SUPERVISOR);
    expect(await errorOf('drafts.list', {})).toBe('forbidden');
    expect(await errorOf('drafts.get', { subject: { kind: 'registration' } })).toBe('forbidden');
  });

  test('past the size limit is refused with draft_too_large, and the draft kept before stays', async () => {
    await signInAs(CLERK);
    await call('drafts.save', { subject: { kind: 'registration' }, content: TYPED });
    const result = await dispatcherFor(core).dispatcher.dispatch('drafts.save', {
      subject: { kind: 'registration' },
      content: { draft: { notes: 'x'.repeat(KEPT_DRAFT_MAX_BYTES) } },
    });
    expect(result).toEqual({ ok: false, error: { code: 'draft_too_large', params: { bytes: expect.any(Number), limit: KEPT_DRAFT_MAX_BYTES } } });
    expect((await call('drafts.get', { subject: { kind: 'registration' } }))?.content).toEqual(TYPED);
  });

  test('is not exchanged: saving and discarding drafts adds nothing to the operations a bundle carries', async () => {
    expect(EXCHANGED_TABLES.map((table) => table.table)).not.toContain('kept_drafts');
    await signInAs(CLERK);
    const before = lastOwnSeq(core.vault.db);
    const triggers = core.vault.db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'kept_drafts'").pluck(true).get();
    expect(triggers).toBe(0);
    await call('drafts.save', { subject: { kind: 'registration' }, content: TYPED });
    await call('drafts.save', { subject: { kind: 'registration' }, content: { ...TYPED, consents: [] } });
    await call('drafts.discard', { subject: { kind: 'registration' } });
    expect(lastOwnSeq(core.vault.db)).toBe(before);
    const carried = core.vault.db.prepare('SELECT count(*) FROM own_operations WHERE value LIKE ?').pluck(true).get('%Asked for a woman interpreter%');
    expect(carried).toBe(0);
  });

  test('saving and discarding is not audited, and writes no typed value to the audit log', async () => {
    await signInAs(CLERK);
    const count = (): unknown => core.vault.db.prepare('SELECT count(*) FROM audit_log').pluck(true).get();
    const before = count();
    await call('drafts.save', { subject: { kind: 'registration' }, content: TYPED });
    await call('drafts.get', { subject: { kind: 'registration' } });
    await call('drafts.discard', { subject: { kind: 'registration' } });
    expect(count()).toBe(before);
    expect(await call('drafts.get', { subject: { kind: 'registration' } })).toBeNull();
  });
});

describe('edit drafts', () => {
  async function register(name: string, consents: ('register' | 'sogiesc')[] = ['register']): Promise<number> {
    return (await call('people.register', { fields: { chosenName: name }, consents })).id;
  }

  test('are kept per record, and listed with the record’s number', async () => {
    await signInAs(CLERK);
    const id = await register('Omar Khalil');
    const { savedAt } = await call('drafts.save', { subject: { kind: 'edit', personId: id }, content: { draft: { chosenName: 'Omar K.' } } });
    const number = (await call('people.get', { id })).registrationNumber;
    expect(await call('drafts.list', {})).toContainEqual({ kind: 'edit', personId: id, registrationNumber: number, savedAt });
    expect(await errorOf('drafts.save', { subject: { kind: 'edit', personId: 999_999 }, content: {} })).toBe('not_found');
    await call('drafts.discard', { subject: { kind: 'edit', personId: id } });
  });

  test('are deleted when a consent of the record is withdrawn (its values erased)', async () => {
    await signInAs(PROTECTION);
    const id = await register('Rania Saleh', ['register', 'sogiesc']);
    await call('drafts.save', { subject: { kind: 'edit', personId: id }, content: { draft: { genderIdentity: { kind: 'listed', value: 'woman', text: '' } } } });
    await signInAs(CLERK);
    await call('drafts.save', { subject: { kind: 'edit', personId: id }, content: { draft: { chosenName: 'Rania' } } });
    await signInAs(PROTECTION);
    await call('people.setConsent', { id, purpose: 'sogiesc', given: false });
    expect(await call('drafts.get', { subject: { kind: 'edit', personId: id } })).toBeNull();
    const left = core.vault.db.prepare('SELECT count(*) FROM kept_drafts WHERE subject = ?').pluck(true).get(id);
    expect(left).toBe(0);
  });

  test('are deleted when a consent arrives already withdrawn (given and withdrawn at another desk between two exchanges)', async () => {
    await signInAs(CLERK);
    const id = await register('Lina Aziz');
    await call('drafts.save', { subject: { kind: 'edit', personId: id }, content: { draft: { chosenName: 'Lina A.' } } });
    // As the exchange writes a consent row it receives whole.
    const clerkId = core.user?.id ?? 0;
    core.vault.db
      .prepare("INSERT INTO consents (person_id, purpose, given_at, given_by, withdrawn_at, withdrawn_by) VALUES (?, 'sogiesc', '2026-11-30T09:00:00.000Z', ?, '2026-11-30T09:05:00.000Z', ?)")
      .run(id, clerkId, clerkId);
    expect(await call('drafts.get', { subject: { kind: 'edit', personId: id } })).toBeNull();
  });

  test('are deleted by main when the registration or the change they hold is saved, whatever the window does next', async () => {
    await signInAs(CLERK);
    await call('drafts.save', { subject: { kind: 'registration' }, content: TYPED });
    const id = await register('Amira Haddad');
    // No drafts.discard from the window (it was locked, or crashed, between the answer and its discard).
    expect(await call('drafts.get', { subject: { kind: 'registration' } })).toBeNull();
    await call('drafts.save', { subject: { kind: 'edit', personId: id }, content: { draft: { chosenName: 'Amira H.' } } });
    await call('people.update', { id, set: { chosenName: 'Amira H.' }, clear: [] });
    expect(await call('drafts.get', { subject: { kind: 'edit', personId: id } })).toBeNull();
  });

  test('are deleted when their account is disabled: nothing typed stays on the laptop for an account that cannot sign in', async () => {
    await signInAs(OTHER_CLERK);
    await call('drafts.save', { subject: { kind: 'registration' }, content: TYPED });
    const otherId = core.user?.id ?? 0;
    await signInAs(SUPERVISOR);
    await call('accounts.disable', { id: otherId });
    expect(core.vault.db.prepare('SELECT count(*) FROM kept_drafts WHERE account_id = ?').pluck(true).get(otherId)).toBe(0);
  });

  test('are deleted, for both records, when one record is merged into another', async () => {
    await signInAs(CLERK);
    const kept = await register('Yusuf Darwish');
    const merged = await register('Yousef Darwish');
    await call('drafts.save', { subject: { kind: 'edit', personId: merged }, content: { draft: { chosenName: 'Yousef D.' } } });
    await call('drafts.save', { subject: { kind: 'edit', personId: kept }, content: { draft: { chosenName: 'Yusuf D.' } } });
    await signInAs(PROTECTION);
    await call('duplicates.merge', { keptId: kept, mergedId: merged });
    const left = core.vault.db.prepare('SELECT count(*) FROM kept_drafts WHERE subject IN (?, ?)').pluck(true).get(kept, merged);
    expect(left).toBe(0);
    // A draft of the merged record cannot be started again.
    expect(await errorOf('drafts.save', { subject: { kind: 'edit', personId: merged }, content: {} })).toBe('not_found');
  });
});
