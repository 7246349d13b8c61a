/**
 * Issue 13, first part: every row that will travel between desks has a global id the moment it is
 * written, whatever call wrote it, and each database is one desk of one site, with its own id and
 * Ed25519 key pair. Two laptops set up apart never share an id; a desk other than the first gives
 * registration numbers no other desk can give.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { DATABASE_FILE } from '../../../src/main/db/connection';
import { isGlobalId } from '../../../src/main/exchange/global-id';
import { siteExchangeKey } from '../../../src/main/exchange/this-desk';
import { GLOBAL_ID_TABLES } from '../../../src/main/db/migrations';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, dispatcherFor, PROTECTION, setUpVault, SUPERVISOR, type Credentials } from '../helpers/vault';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/contract';
import type { Dispatcher } from '../../../src/main/app/dispatch';

async function call<M extends Method>(dispatcher: Dispatcher, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await dispatcher.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value as MethodOutput<M>;
}

async function signIn(core: IntakeCore, who: Credentials): Promise<void> {
  if (core.stateName === 'signed-in') core.signOut();
  await core.signIn(who.userName, who.password);
}

const CLI = join(process.cwd(), 'src/main/cli/index.ts');
function intake(args: string[], who: Credentials) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args, '--user', who.userName, '--password-stdin'], {
    input: `${who.password}\n`,
    encoding: 'utf8',
    env: { ...process.env, INTAKE_DATA_DIR: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('global ids and desk identity', () => {
  it('gives every exchanged row written by the app a distinct UUIDv7, whatever call wrote it', { timeout: 60_000 }, async () => {
    const { core } = await setUpVault(tempDataDir('gids'));
    const { dispatcher } = dispatcherFor(core);
    await call(dispatcher, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
    await call(dispatcher, 'specificNeeds.add', { field: 'specificNeeds', labels: { en: 'Needs baby formula' } });
    await signIn(core, PROTECTION);
    const first = await call(dispatcher, 'people.register', { fields: { chosenName: 'Mohammed Hassan' }, consents: ['register'] });
    const second = await call(dispatcher, 'people.register', { fields: { chosenName: 'محمد حسن' }, consents: ['register'] });
    const child = await call(dispatcher, 'people.register', { fields: { chosenName: 'Sami Hassan' }, consents: ['register'] });
    await call(dispatcher, 'families.link', { personId: child.id, withPersonId: second.id, relationship: 'child-biological' });
    await call(dispatcher, 'people.update', { id: first.id, set: { arrivalDate: '2026-11-01' }, clear: [] });
    await call(dispatcher, 'people.setConsent', { id: first.id, purpose: 'referral', given: true });
    await call(dispatcher, 'duplicates.merge', { keptId: first.id, mergedId: second.id });

    const db = core.vault.db;
    for (const [table] of [...GLOBAL_ID_TABLES, ['site', ''] as const]) {
      const gids = db.prepare(`SELECT gid FROM ${table}`).pluck().all();
      expect(gids.length, table).toBeGreaterThan(0);
      expect(gids.filter((gid) => !isGlobalId(gid)), table).toEqual([]);
      expect(new Set(gids.map((gid) => (gid as Buffer).toString('hex'))).size, table).toBe(gids.length);
    }
    core.close();
  });

  it('makes each set-up its own site and desk, with a key pair that signs, and keeps them across unlocks', { timeout: 60_000 }, async () => {
    const firstDir = tempDataDir('desk-a');
    const { core: first } = await setUpVault(firstDir);
    const { core: second } = await setUpVault(tempDataDir('desk-b'));
    const a = await call(dispatcherFor(first).dispatcher, 'desks.list', {});
    const b = await call(dispatcherFor(second).dispatcher, 'desks.list', {});
    expect(a.desks).toHaveLength(1);
    expect(a.desks[0]).toMatchObject({ number: 1, thisDesk: true, retiredAt: null });
    expect(a.siteId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.desks[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(b.siteId).not.toBe(a.siteId);
    expect(b.desks[0]?.id).not.toBe(a.desks[0]?.id);
    expect(siteExchangeKey(first.vault.db)).toHaveLength(32);
    expect(siteExchangeKey(second.vault.db).equals(siteExchangeKey(first.vault.db))).toBe(false);

    // The private key kept in the database signs what the listed public key verifies.
    const privateKey = first.vault.db.prepare('SELECT private_key FROM this_desk').pluck().get() as string;
    const message = Buffer.from('a bundle');
    const signature = sign(null, message, createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' }));
    const publicKey = createPublicKey({ key: Buffer.from(a.desks[0]?.publicKey ?? '', 'base64'), format: 'der', type: 'spki' });
    expect(verify(null, message, publicKey, signature)).toBe(true);
    // Only inside the encrypted file: neither half of the key pair is in it in plain bytes.
    first.close();
    second.close();
    const raw = readFileSync(join(firstDir, DATABASE_FILE));
    expect(raw.includes(Buffer.from(privateKey, 'base64').subarray(-32))).toBe(false);
    expect(raw.includes(Buffer.from(privateKey, 'ascii'))).toBe(false);

    const reopened = new IntakeCore({ dataDir: firstDir });
    await reopened.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    expect(await call(dispatcherFor(reopened).dispatcher, 'desks.list', {})).toEqual(a);
    reopened.close();
  });

  it('gives registration numbers carrying the desk number at a desk other than the first', { timeout: 60_000 }, async () => {
    const { core } = await setUpVault(tempDataDir('desk-numbers'));
    const { dispatcher } = dispatcherFor(core);
    await call(dispatcher, 'accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
    await signIn(core, CLERK);
    const atDeskOne = await call(dispatcher, 'people.register', { fields: { chosenName: 'Nour' }, consents: ['register'] });
    // As a desk that joined second would be (joining is not built yet): the same site, number 2.
    core.vault.db.prepare('UPDATE desks SET number = 2').run();
    const atDeskTwo = await call(dispatcher, 'people.register', { fields: { chosenName: 'Hadi' }, consents: ['register'] });
    const prefix = atDeskOne.registrationNumber.split('-')[0];
    expect(atDeskOne.registrationNumber).toBe(`${prefix}-000001`);
    expect(atDeskTwo.registrationNumber).toBe(`${prefix}-2-000001`);
    core.close();
  });

  it('intake desk list shows the site and this desk to a supervisor and refuses a clerk', { timeout: 60_000 }, async () => {
    const dataDir = tempDataDir('cli-desk-list');
    const { core } = await setUpVault(dataDir);
    await call(dispatcherFor(core, 'cli').dispatcher, 'accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
    const expected = await call(dispatcherFor(core).dispatcher, 'desks.list', {});
    core.close();

    const json = intake(['desk', 'list', '--data-dir', dataDir, '--json'], SUPERVISOR);
    expect(json.code, json.stderr).toBe(0);
    // The CLI prints the site and its desks; whether a window could show a save-file picker is not its business.
    expect(JSON.parse(json.stdout)).toEqual({ siteId: expected.siteId, desks: expected.desks });
    const text = intake(['desk', 'list', '--data-dir', dataDir], SUPERVISOR);
    expect(text.stdout).toContain(`Site ${expected.siteId}`);
    expect(text.stdout).toMatch(/desk 1\t[0-9a-f-]{36}\tactive\tenrolled .*\t\(this desk\)/);
    const clerk = intake(['desk', 'list', '--data-dir', dataDir], CLERK);
    expect(clerk.code).toBe(3);
    expect(clerk.stdout).toBe('');
  });
});
