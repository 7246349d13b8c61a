/**
 * Every change and its audit entry are written in one transaction, from one place: a failure (or
 * a crash) between the two leaves neither. Key slots follow the accounts table. `intake verify`
 * finds a record, account or consent that has no entry for its creation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { KeySlotStore } from '../../src/main/vault/key-slots';
import { openEncrypted } from '../../src/main/db/connection';
import { DisclosureControlError } from '../../src/main/stats/suppress';
import { describeFailure } from '../../src/main/cli/messages';
import { normalisePassword } from '../../src/shared/passwords';
import type { RpcResult } from '../../src/shared/errors';
import type { Method, MethodInput, MethodOutput } from '../../src/shared/contract';
import { tempDataDir } from './helpers/temp-dir';
import { CLERK, dispatcherFor, errorCodeOf, NEW_PASSWORD, PROTECTION, setUpVault } from './helpers/vault';

type Site = Awaited<ReturnType<typeof signedInSite>>;

/** A call through the site's dispatcher that must succeed, typed by the contract. */
async function call<M extends Method>(site: Pick<Site, 'dispatcher'>, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await site.dispatcher.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
  return result.value as MethodOutput<M>;
}

function valueOf(result: RpcResult<unknown>): void {
  if (!result.ok) throw new Error(`call failed: ${result.error.code}`);
}

async function signedInSite() {
  const site = await setUpVault(tempDataDir('audit-tx'));
  const { dispatcher } = dispatcherFor(site.core);
  await call({ dispatcher }, 'accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
  await call({ dispatcher }, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
  await call({ dispatcher }, 'session.signOut', {});
  return { ...site, dispatcher };
}

async function as(site: Awaited<ReturnType<typeof signedInSite>>, credentials: { userName: string; password: string }) {
  if (site.core.stateName !== 'signed-out') await site.dispatcher.dispatch('session.signOut', {});
  await call(site, 'session.signIn', credentials);
}

/** The next audit write fails, as a full disk or a crash at that point would make it. */
function failNextAuditWrite(site: Awaited<ReturnType<typeof signedInSite>>): void {
  vi.spyOn(site.core.vault.audit, 'append').mockImplementationOnce(() => {
    throw new Error('disk gone');
  });
}

async function opensWith(dataDir: string, userName: string, password: string): Promise<boolean> {
  const slots = KeySlotStore.open(dataDir);
  const key = await slots.open(slots.slotIdFor(userName), normalisePassword(password));
  key?.fill(0);
  return key !== null;
}

describe('a change and its audit entry, in one transaction', () => {
  it('a registration whose audit entry cannot be written is not kept either', async () => {
    const site = await signedInSite();
    await as(site, CLERK);
    const before = (await call(site, 'people.recent', { offset: 0, limit: 10 })).total;
    failNextAuditWrite(site);
    const failed = await site.dispatcher.dispatch('people.register', { fields: { chosenName: 'Rania Haddad' }, consents: ['register'] });
    expect(errorCodeOf(failed)).toBe('internal');
    expect((await call(site, 'people.recent', { offset: 0, limit: 10 })).total).toBe(before);
    expect(await call(site, 'people.search', { query: 'Rania' })).toEqual([]);
    // And the next one goes through, with its entry.
    const saved = await call(site, 'people.register', { fields: { chosenName: 'Rania Haddad' }, consents: ['register'] });
    const entries = site.core.vault.audit.list({ limit: 5, action: 'record-create' });
    expect(entries.map((entry) => entry.registrationNumber)).toEqual([saved.registrationNumber]);
    site.core.close();
  });

  it('an account whose creation fails leaves no key slot: its password opens nothing, and the name can be used again', async () => {
    const site = await signedInSite();
    await as(site, site.supervisor);
    const newcomer = { userName: 'nadia.clerk', password: 'quiet rivers carry amber light' };
    failNextAuditWrite(site);
    const failed = await site.dispatcher.dispatch('accounts.create', { changePasswordAtSignIn: false, ...newcomer, role: 'clerk', language: 'en' });
    expect(errorCodeOf(failed)).toBe('internal');
    expect((await call(site, 'accounts.list', {})).map((account) => account.userName)).not.toContain(newcomer.userName);
    expect(await opensWith(site.dataDir, newcomer.userName, newcomer.password)).toBe(false);
    await call(site, 'accounts.create', { changePasswordAtSignIn: false, ...newcomer, role: 'clerk', language: 'en' });
    expect(await opensWith(site.dataDir, newcomer.userName, newcomer.password)).toBe(true);
    site.core.close();
  });

  it('a disable cut short never leaves a disabled account whose password still opens the vault', async () => {
    const site = await signedInSite();
    await as(site, site.supervisor);
    const clerk = (await call(site, 'accounts.list', {})).find((account) => account.userName === CLERK.userName);
    if (!clerk) throw new Error('no clerk');
    failNextAuditWrite(site);
    expect(errorCodeOf(await site.dispatcher.dispatch('accounts.disable', { id: clerk.id }))).toBe('internal');
    // Not disabled (the change was rolled back), and its slot is gone: it cannot sign in.
    expect(await opensWith(site.dataDir, CLERK.userName, CLERK.password)).toBe(false);
    expect((await call(site, 'accounts.disable', { id: clerk.id })).disabled).toBe(true);
    expect(await opensWith(site.dataDir, CLERK.userName, CLERK.password)).toBe(false);
    // A new password re-enables it, as the README says.
    await call(site, 'accounts.resetPassword', { id: clerk.id, password: NEW_PASSWORD });
    expect(await opensWith(site.dataDir, CLERK.userName, NEW_PASSWORD)).toBe(true);
    site.core.close();
  });

  it('a slot left by a crash between writing it and committing the account is deleted at the next unlock', async () => {
    const site = await signedInSite();
    await as(site, site.supervisor);
    // What a crash after the slot write and before COMMIT leaves: a slot with no account row.
    const orphan = { userName: 'ghost.account', password: 'orphaned slots should never open vaults' };
    const slots = KeySlotStore.open(site.dataDir);
    const key = Buffer.from(site.core.vault.databaseKeyHex, 'hex');
    await slots.put(slots.slotIdFor(orphan.userName), 'account', normalisePassword(orphan.password), key);
    expect(await opensWith(site.dataDir, orphan.userName, orphan.password)).toBe(true);
    await site.dispatcher.dispatch('session.signOut', {});
    await as(site, CLERK);
    expect(await opensWith(site.dataDir, orphan.userName, orphan.password)).toBe(false);
    expect(JSON.parse(readFileSync(join(site.dataDir, 'keyslots.json'), 'utf8')).slots).toHaveLength(4);
    site.core.close();
  });

  it('the statistics export a deliverer cannot hand over is not audited', async () => {
    const site = await signedInSite();
    await as(site, site.supervisor);
    const request = { from: '2026-01-01', to: '2026-03-31', format: 'csv' } as const;
    const failed = await site.dispatcher.dispatch('stats.export', request, {
      deliver: () => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
    });
    expect(errorCodeOf(failed)).toBe('disk_full');
    expect(site.core.vault.audit.list({ limit: 5, action: 'export' })).toEqual([]);
    valueOf(await site.dispatcher.dispatch('stats.export', request, { deliver: () => undefined }));
    expect(site.core.vault.audit.list({ limit: 5, action: 'export' })).toHaveLength(1);
    site.core.close();
  });

  it('a lock asked for while a call is under way waits for the call, which commits with its entry', async () => {
    const site = await signedInSite();
    await as(site, site.supervisor);
    const creating = site.dispatcher.dispatch('accounts.create', { changePasswordAtSignIn: false, userName: 'omar.clerk', password: 'pebbles beneath the old bridge', role: 'clerk', language: 'en' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    site.core.lock('idle');
    valueOf(await creating);
    expect(site.core.stateName).toBe('locked');
    await call(site, 'session.unlock', { password: site.supervisor.password });
    const actions = site.core.vault.audit.list({ limit: 4 }).map((entry) => entry.action);
    expect(actions).toEqual(['unlock', 'lock', 'account-create', 'sign-in']);
    site.core.close();
  });

  it('linking a person who does not exist answers not_found and leaves no family unit behind', async () => {
    const site = await signedInSite();
    await as(site, CLERK);
    const focal = await call(site, 'people.register', { fields: { chosenName: 'Huda' }, consents: ['register'] });
    const units = () => site.core.vault.db.prepare('SELECT count(*) AS n FROM family_units').get() as { n: number };
    const before = units().n;
    const linked = await site.dispatcher.dispatch('families.link', { personId: 999_999, withPersonId: focal.id, relationship: 'partner' });
    expect(errorCodeOf(linked)).toBe('not_found');
    expect(units().n).toBe(before);
    expect((await call(site, 'people.get', { id: focal.id })).family).toBeUndefined();
    site.core.close();
  });
});

describe('intake verify: audit coverage', () => {
  it('is complete for everything made through the app, seeding and import included', async () => {
    const site = await signedInSite();
    await as(site, CLERK);
    const amal = await call(site, 'people.register', { fields: { chosenName: 'Amal' }, consents: ['register', 'sogiesc'] });
    await call(site, 'people.setConsent', { id: amal.id, purpose: 'sogiesc', given: false });
    await call(site, 'people.setConsent', { id: amal.id, purpose: 'sogiesc', given: true });
    const cli = dispatcherFor(site.core, 'cli').dispatcher;
    valueOf(await cli.dispatch('people.seed', { count: 1500, seed: 3 }));
    valueOf(await cli.dispatch('people.import', { rows: [{ line: 2, cells: { chosenName: 'Bilal', consents: 'register' } }], dryRun: false }));
    const report = await call(site, 'vault.verify', {});
    expect(report.coverage).toEqual({ complete: true, people: 1502, accounts: 3, consents: expect.any(Number) });
    // Seeding audits each committed batch (BATCH households), not once at the end.
    expect(site.core.vault.audit.list({ limit: 100, action: 'seed' }).length).toBeGreaterThan(1);
    site.core.close();
  });

  it('names the first record, account or consent written without its entry', async () => {
    const site = await signedInSite();
    await as(site, CLERK);
    const amal = await call(site, 'people.register', { fields: { chosenName: 'Amal' }, consents: ['register'] });
    const db = site.core.vault.db;
    // A consent withdrawn behind the app's back.
    db.prepare("UPDATE consents SET withdrawn_at = '2026-11-30T00:00:00Z', withdrawn_by = 1 WHERE person_id = ?").run(amal.id);
    expect((await call(site, 'vault.verify', {})).coverage).toEqual({
      complete: false,
      firstMissing: { kind: 'consent', registrationNumber: amal.registrationNumber, purpose: 'register', change: 'withdrawn' },
    });
    // A person written behind the app's back (as a registration committed before its entry once was).
    site.core.vault.people.registerId({ id: 2, role: 'clerk' }, { fields: { chosenName: 'Unlogged' }, consents: [] });
    const unlogged = (await call(site, 'people.search', { query: 'Unlogged' }))[0];
    expect((await call(site, 'vault.verify', {})).coverage).toEqual({
      complete: false,
      firstMissing: { kind: 'person', registrationNumber: unlogged?.registrationNumber },
    });
    site.core.close();
  });

  it('names an account created without its entry', async () => {
    const site = await setUpVault(tempDataDir('audit-tx'));
    const account = await site.core.vault.accounts.create({ changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
    const { dispatcher } = dispatcherFor(site.core);
    expect((await call({ dispatcher }, 'vault.verify', {})).coverage).toEqual({ complete: false, firstMissing: { kind: 'account', accountId: account.id } });
    expect(existsSync(join(site.dataDir, 'intake.db'))).toBe(true);
    site.core.close();
  });
});

describe('failures a user meets, by name', () => {
  it('a database held by another program answers database_busy, and nothing is written or logged', { timeout: 30_000 }, async () => {
    const site = await signedInSite();
    await as(site, CLERK);
    // Another program (a second copy of the app, a CLI command) holding the write lock.
    const other = openEncrypted(join(site.dataDir, 'intake.db'), Buffer.from(site.core.vault.databaseKeyHex, 'hex'), { mustExist: true });
    other.exec('BEGIN IMMEDIATE');
    try {
      const blocked = await site.dispatcher.dispatch('people.register', { fields: { chosenName: 'Rania Haddad' }, consents: ['register'] });
      expect(errorCodeOf(blocked)).toBe('database_busy');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await call(site, 'people.search', { query: 'Rania' })).toEqual([]);
    expect(site.core.vault.audit.list({ limit: 5, action: 'record-create' })).toEqual([]);
    site.core.close();
  });

  it('statistics disclosure control cannot protect: stats_unprotectable, with what to change', () => {
    const failure = new DisclosureControlError([]);
    expect(failure.code).toBe('stats_unprotectable');
    expect(describeFailure({ code: failure.code })).toMatch(/longer period.*monthly.*higher threshold/);
  });
});
