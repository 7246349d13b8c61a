/**
 * Issue 13: a supervisor enrols a new desk; the new desk joins the site from the enrolment file and
 * its one-time passphrase. Every enabled account signs in there at once with its own password, the
 * recovery key opens it, its database has a key of its own, and it gives registration numbers no
 * other desk gives. A wrong passphrase, a changed file or a folder already set up write nothing;
 * the file holds nothing readable without the passphrase.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { databaseOpensWith } from '../../../src/main/vault/key-rotation';
import { deriveKey, newScryptParams } from '../../../src/main/vault/kdf';
import { KEY_SLOTS_FILE, RECOVERY_SLOT_ID } from '../../../src/main/vault/key-slots';
import { wrapKey } from '../../../src/main/vault/wrap';
import { siteExchangeKey } from '../../../src/main/exchange/this-desk';
import { openEnrolment, sealEnrolment } from '../../../src/main/exchange/enrolment-file';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/contract';
import { encodingsOf } from '../helpers/files';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, dispatcherFor, expectAppError, NEW_PASSWORD, PROTECTION, setUpVault, SUPERVISOR, type Credentials } from '../helpers/vault';

const PASSPHRASE = 'copper kites over the harbour wall';

async function call<M extends Method>(core: IntakeCore, method: M, input: MethodInput<M>, channel: 'ui' | 'cli' = 'cli'): Promise<MethodOutput<M>> {
  const result = await dispatcherFor(core, channel).dispatcher.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value as MethodOutput<M>;
}

async function errorOf<M extends Method>(core: IntakeCore, method: M, input: MethodInput<M>): Promise<string> {
  const result = await dispatcherFor(core, 'cli').dispatcher.dispatch(method, input);
  return result.ok ? 'ok' : result.error.code;
}

async function signIn(dataDir: string, who: Credentials): Promise<IntakeCore> {
  const core = new IntakeCore({ dataDir });
  await core.signIn(who.userName, who.password);
  return core;
}

/** A site with a clerk, a protection officer and a disabled clerk, and one person; enrols desk 2. */
async function enrolledSite() {
  const siteDir = tempDataDir('desk-site');
  const { core, recoveryKey } = await setUpVault(siteDir);
  await call(core, 'accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
  await call(core, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'fr' });
  const gone = await call(core, 'accounts.create', { changePasswordAtSignIn: false, userName: 'gone.clerk', password: 'an old password nobody uses', role: 'clerk', language: 'en' });
  await call(core, 'accounts.disable', { id: gone.id });
  await call(core, 'settings.update', { sitePrefix: 'ATH' });
  const file = join(tempDataDir('desk-stick'), 'desk-2.enrolment');
  const enrolled = await call(core, 'desks.enrol', { out: file, passphrase: PASSPHRASE });
  return { siteDir, core, recoveryKey, file, enrolled };
}

describe('enrolling and joining a desk', () => {
  it('makes a new data folder a desk of the site: every enabled account signs in with its own password, under a key of its own', { timeout: 180_000 }, async () => {
    const { siteDir, core: site, recoveryKey, file, enrolled } = await enrolledSite();
    expect(enrolled).toMatchObject({ desk: { number: 2 }, accounts: 3, notCarried: 0 });
    const siteKey = Buffer.from(site.vault.databaseKeyHex, 'hex');
    const siteDesks = await call(site, 'desks.list', {});
    expect(siteDesks.desks.map((desk) => [desk.number, desk.thisDesk])).toEqual([[1, true], [2, false]]);
    expect(site.vault.audit.list({ action: 'desk-enrol', limit: 5 })[0]?.details).toEqual({ desk: 2, accounts: 3 });

    const deskDir = join(tempDataDir('desk-two'), 'data');
    const joining = new IntakeCore({ dataDir: deskDir });
    const joined = await call(joining, 'desks.join', { enrolment: file, passphrase: PASSPHRASE });
    expect(joined).toEqual({ siteId: siteDesks.siteId, desk: enrolled.desk, accounts: 3 });
    expect(joining.stateName).toBe('signed-out');
    joining.close();

    for (const who of [SUPERVISOR, CLERK, PROTECTION]) (await signIn(deskDir, who)).close();
    // A disabled account was not carried: its password opens nothing at the new desk.
    await expectAppError(signIn(deskDir, { userName: 'gone.clerk', password: 'an old password nobody uses' }), 'wrong_credentials');
    // A key of its own: the site's key does not open the new desk's database.
    expect(databaseOpensWith(deskDir, siteKey)).toBe(false);

    const desk = await signIn(deskDir, SUPERVISOR);
    const deskDesks = await call(desk, 'desks.list', {});
    expect(deskDesks.siteId).toBe(siteDesks.siteId);
    expect(deskDesks.desks.map((d) => [d.number, d.id, d.publicKey, d.thisDesk])).toEqual(
      siteDesks.desks.map((d) => [d.number, d.id, d.publicKey, d.number === 2]),
    );
    expect(siteExchangeKey(desk.vault.db).equals(siteExchangeKey(site.vault.db))).toBe(true);
    expect((await call(desk, 'settings.get', {})).sitePrefix).toBe('ATH');
    // Sound, with an entry for every account: the join names those it brought.
    expect(await call(desk, 'vault.verify', {})).toMatchObject({ integrity: ['ok'], audit: { sound: true }, auditHead: { status: 'sound' }, coverage: { complete: true, accounts: 3 } });
    desk.close();
    site.close();

    // Registration numbers of desk 2 never meet desk 1's.
    const clerk = await signIn(deskDir, CLERK);
    expect((await call(clerk, 'people.register', { fields: { chosenName: 'Nour' }, consents: ['register'] }, 'ui')).registrationNumber).toBe('ATH-2-000001');
    clerk.close();
    // The site's recovery key opens the new desk too.
    const recovering = new IntakeCore({ dataDir: deskDir });
    await recovering.recoverAccount(recoveryKey, SUPERVISOR.userName, NEW_PASSWORD);
    recovering.close();
    (await signIn(deskDir, { userName: SUPERVISOR.userName, password: NEW_PASSWORD })).close();
    expect(existsSync(siteDir)).toBe(true);
  });

  it('refuses a wrong passphrase, a changed file and a folder already set up, writing nothing; the file shows nothing without the passphrase', { timeout: 180_000 }, async () => {
    const { core: site, file } = await enrolledSite();
    const exchangeKey = siteExchangeKey(site.vault.db);
    site.close();
    const bytes = readFileSync(file);
    for (const secret of [SUPERVISOR.userName, CLERK.userName, 'ATH']) {
      for (const { bytes: needle } of encodingsOf(secret)) expect(bytes.includes(needle), secret).toBe(false);
    }
    expect(bytes.includes(exchangeKey)).toBe(false);
    expect(bytes.includes(Buffer.from(exchangeKey.toString('base64')))).toBe(false);

    const emptyDir = () => join(tempDataDir('desk-refused'), 'data');
    const wrong = emptyDir();
    expect(await errorOf(new IntakeCore({ dataDir: wrong }), 'desks.join', { enrolment: file, passphrase: 'not the passphrase at all here' })).toBe('enrolment_wrong_passphrase');
    expect(existsSync(wrong) ? readdirSync(wrong) : []).toEqual([]);

    // One character of the sealed part changed: refused whole.
    const envelope = JSON.parse(bytes.toString('utf8')) as { sealed: { ciphertext: string } };
    const flipped = envelope.sealed.ciphertext.startsWith('A') ? 'B' : 'A';
    envelope.sealed.ciphertext = flipped + envelope.sealed.ciphertext.slice(1);
    const changed = join(tempDataDir('desk-stick'), 'changed.enrolment');
    writeFileSync(changed, JSON.stringify(envelope));
    const changedDir = emptyDir();
    expect(await errorOf(new IntakeCore({ dataDir: changedDir }), 'desks.join', { enrolment: changed, passphrase: PASSPHRASE })).toBe('enrolment_damaged');
    expect(existsSync(changedDir) ? readdirSync(changedDir) : []).toEqual([]);
    // A cost that scrypt cannot take (not a power of two) is refused as no enrolment file, not an internal error.
    const badCost = JSON.parse(bytes.toString('utf8')) as { kdf: { N: number } };
    badCost.kdf.N = 2 ** 17 + 1;
    const badCostFile = join(tempDataDir('desk-stick'), 'bad-cost.enrolment');
    writeFileSync(badCostFile, JSON.stringify(badCost));
    expect(await errorOf(new IntakeCore({ dataDir: emptyDir() }), 'desks.join', { enrolment: badCostFile, passphrase: PASSPHRASE })).toBe('enrolment_not_an_enrolment');
    // Sealed under the passphrase, but the desk's number is not the one its key pair is listed under: refused, naming the file.
    const opened = await openEnrolment(bytes, PASSPHRASE, 'desk-2.enrolment');
    const renumbered = join(tempDataDir('desk-stick'), 'renumbered.enrolment');
    writeFileSync(renumbered, await sealEnrolment({ ...opened, desk: { ...opened.desk, number: 1 + opened.desk.number } }, PASSPHRASE));
    const renumberedDir = emptyDir();
    const renumberedJoin = await dispatcherFor(new IntakeCore({ dataDir: renumberedDir }), 'cli').dispatcher.dispatch('desks.join', { enrolment: renumbered, passphrase: PASSPHRASE });
    expect(renumberedJoin).toEqual({ ok: false, error: { code: 'enrolment_damaged', params: { file: 'renumbered.enrolment' } } });
    expect(existsSync(renumberedDir)).toBe(false);
    const notOne = join(tempDataDir('desk-stick'), 'notes.txt');
    writeFileSync(notOne, 'shopping list');
    expect(await errorOf(new IntakeCore({ dataDir: emptyDir() }), 'desks.join', { enrolment: notOne, passphrase: PASSPHRASE })).toBe('enrolment_not_an_enrolment');

    // A folder that is a vault already is never joined over.
    const { core: other, dataDir: otherDir } = await setUpVault(tempDataDir('desk-already'));
    const before = await call(other, 'desks.list', {});
    other.signOut();
    expect(await errorOf(other, 'desks.join', { enrolment: file, passphrase: PASSPHRASE })).toBe('already_set_up');
    other.close();
    const after = await signIn(otherDir, SUPERVISOR);
    expect(await call(after, 'desks.list', {})).toEqual(before);
    after.close();
  });

  it('refuses to enrol while the recovery key has a slot of the first format, which the new desk could not take, recording no desk', { timeout: 120_000 }, async () => {
    const { core, dataDir } = await setUpVault(tempDataDir('desk-legacy-recovery'));
    // Rewrite the recovery slot as version 1 wrote it: the database key wrapped under the secret's key, no key pair.
    const path = join(dataDir, KEY_SLOTS_FILE);
    const slotFile = JSON.parse(readFileSync(path, 'utf8')) as { format: number; slots: { id: string; kind: string }[] };
    const kdf = newScryptParams();
    const wrapped = wrapKey(await deriveKey('a recovery key of an older version', kdf), Buffer.from(core.vault.databaseKeyHex, 'hex'), `intake-keyslot-v1:${RECOVERY_SLOT_ID}`);
    slotFile.format = 1;
    slotFile.slots = slotFile.slots.map((slot) => (slot.id === RECOVERY_SLOT_ID ? { id: RECOVERY_SLOT_ID, kind: 'recovery', kdf, wrapped } : slot));
    writeFileSync(path, JSON.stringify(slotFile));

    const file = join(tempDataDir('desk-stick'), 'desk-2.enrolment');
    expect(await errorOf(core, 'desks.enrol', { out: file, passphrase: PASSPHRASE })).toBe('enrolment_needs_recovery_key');
    expect(existsSync(file)).toBe(false);
    expect((await call(core, 'desks.list', {})).desks.map((desk) => desk.number)).toEqual([1]);
    core.close();
  });

  it('works from the command line as a supervisor types it, and refuses a clerk', { timeout: 180_000 }, async () => {
    const siteDir = tempDataDir('cli-desk-site');
    const { core } = await setUpVault(siteDir);
    await call(core, 'accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
    core.close();
    const cli = (args: string[], input: string) => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/main/cli/index.ts'), ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, INTAKE_DATA_DIR: '' },
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const file = join(tempDataDir('cli-desk-stick'), 'desk-2.enrolment');
    const refused = cli(['desk', 'enrol', '--data-dir', siteDir, '--user', CLERK.userName, '--password-stdin', '--out', file], `${CLERK.password}\n${PASSPHRASE}\n`);
    expect(refused.code).toBe(3);
    expect(existsSync(file)).toBe(false);
    const enrolled = cli(['desk', 'enrol', '--data-dir', siteDir, '--user', SUPERVISOR.userName, '--password-stdin', '--out', file, '--json'], `${SUPERVISOR.password}\n${PASSPHRASE}\n`);
    expect(enrolled.stderr).toBe('');
    expect(JSON.parse(enrolled.stdout)).toMatchObject({ file, desk: { number: 2 }, accounts: 2, notCarried: 0 });
    const again = cli(['desk', 'enrol', '--data-dir', siteDir, '--user', SUPERVISOR.userName, '--password-stdin', '--out', file], `${SUPERVISOR.password}\n${PASSPHRASE}\n`);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('never written over');

    const deskDir = join(tempDataDir('cli-desk-two'), 'data');
    // A mistyped file name: said as no enrolment file there (it read as a folder that does not exist before), nothing written.
    const mistyped = cli(['desk', 'join', '--data-dir', deskDir, '--enrolment', `${file}.txt`, '--password-stdin'], `${PASSPHRASE}\n`);
    expect(mistyped.code).toBe(4);
    expect(mistyped.stderr).toContain(`There is no enrolment file at ${file}.txt`);
    expect(existsSync(deskDir)).toBe(false);
    const joined = cli(['desk', 'join', '--data-dir', deskDir, '--enrolment', file, '--password-stdin'], `${PASSPHRASE}\n`);
    expect(joined.stderr).toBe('');
    expect(joined.stdout).toMatch(/^This data folder is now desk 2 of site [0-9a-f-]{36}, with 2 accounts/);
    const verify = cli(['verify', '--data-dir', deskDir, '--user', CLERK.userName, '--password-stdin'], `${CLERK.password}\n`);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });

  it('retires an enrolled desk (a lost laptop) and keeps the first time; this desk and an unknown number are refused', { timeout: 120_000 }, async () => {
    const { core: site } = await enrolledSite();
    const retired = await call(site, 'desks.retire', { number: 2 });
    expect(retired).toMatchObject({ number: 2, thisDesk: false, retiredAt: expect.stringMatching(/^\d{4}-/) });
    expect(await call(site, 'desks.retire', { number: 2 })).toEqual(retired);
    expect(await errorOf(site, 'desks.retire', { number: 1 })).toBe('desk_retire_own');
    expect(await errorOf(site, 'desks.retire', { number: 7 })).toBe('desk_not_found');
    expect((await call(site, 'desks.list', {})).desks.map((d) => [d.number, d.retiredAt === null])).toEqual([[1, true], [2, false]]);
    expect(site.vault.audit.list({ action: 'desk-retire', limit: 5 }).map((e) => e.details)).toEqual([{ desk: 2 }, { desk: 2 }]);

    // The next desk enrolled knows desk 2 as retired, and gets number 3, never 2 again.
    const file = join(tempDataDir('desk-stick'), 'desk-3.enrolment');
    expect((await call(site, 'desks.enrol', { out: file, passphrase: PASSPHRASE })).desk.number).toBe(3);
    site.close();
    const deskDir = join(tempDataDir('desk-three'), 'data');
    await call(new IntakeCore({ dataDir: deskDir }), 'desks.join', { enrolment: file, passphrase: PASSPHRASE });
    const three = await signIn(deskDir, SUPERVISOR);
    expect((await call(three, 'desks.list', {})).desks.map((d) => [d.number, d.retiredAt, d.thisDesk])).toEqual([
      [1, null, false],
      [2, retired.retiredAt, false],
      [3, null, true],
    ]);
    // Only desk 1 gives desk numbers: desk 3 enrolling would race desk 1 for the same number.
    expect(await errorOf(three, 'desks.enrol', { out: join(tempDataDir('desk-stick'), 'desk-4.enrolment'), passphrase: PASSPHRASE })).toBe('desk_enrol_first_only');
    three.close();
  });
});
