/**
 * Backups a supervisor makes and a restore that brings them back: round trip with counts, each
 * generation restorable, a damaged, cut or swapped backup refused with nothing written, nothing
 * in plain text, and the database copy opening with stock SQLCipher 4 and the raw key.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { createBackup } from '../../../src/main/backup/create-backup';
import { MANIFEST_FILE } from '../../../src/main/backup/manifest';
import { openSnapshot } from '../../../src/main/backup/snapshot';
import { openEncrypted } from '../../../src/main/db/connection';
import { restoreBackup } from '../../../src/main/backup/restore-backup';
import { english } from '../../../src/main/cli/messages';
import { AppError } from '../../../src/shared/errors';
import { plaintextHits } from '../helpers/files';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, NEW_PASSWORD, PROTECTION, SUPERVISOR, addAccount, expectAppError } from '../helpers/vault';
import { backupFolders, caller, entriesOf, MARKERS, vaultWithPeople } from './backup-helpers';

async function signedInCount(dataDir: string, userName: string, password: string): Promise<number> {
  const core = new IntakeCore({ dataDir });
  try {
    await core.signIn(userName, password);
    return core.vault.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM people').get()?.n ?? -1;
  } finally {
    core.close();
  }
}

describe('a backup', () => {
  it('round-trips: made and verified by a supervisor, restored into a new folder with the same records, passwords and recovery key', async () => {
    const dataDir = tempDataDir('backup-live');
    const to = tempDataDir('backup-media');
    const { core, recoveryKey } = await vaultWithPeople(dataDir, 12);
    const call = caller(core);
    const made = await call('backup.create', { to });
    if (!made.ok) throw new Error(made.error.code);
    expect(made.value).toMatchObject({ people: 12, path: expect.stringContaining(join(to, 'intake-backup-')) });
    expect(entriesOf(made.value.path)).toEqual(['intake.db', 'keyslots.json', 'manifest.json']);

    // Remembered with its place, and in the live audit log.
    const status = await call('backup.status', {});
    expect(status).toMatchObject({ ok: true, value: { generations: 5, lastVerified: { path: made.value.path, at: made.value.createdAt } } });
    const logged = core.vault.audit.list({ action: 'backup-create', limit: 5 });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.details).toMatchObject({ backup: made.value.name, people: 12 });
    core.vault.people.register({ id: 2, role: 'protection' }, { fields: { chosenName: 'After the backup' }, consents: ['register'] });
    core.close();

    const restored = join(tempDataDir('backup-restored'), 'site');
    const report = await restoreBackup(made.value.path, restored, SUPERVISOR);
    expect(report).toMatchObject({ people: 12, to: restored });
    // The vault restored has the records of the backup (not the one registered after it).
    expect(await signedInCount(restored, SUPERVISOR.userName, SUPERVISOR.password)).toBe(12);
    expect(await signedInCount(restored, MARKERS.userName, PROTECTION.password)).toBe(12);

    // The recovery key valid when the backup was made resets a password on the restored vault.
    const recovering = new IntakeCore({ dataDir: restored });
    await recovering.recoverAccount(recoveryKey, SUPERVISOR.userName, NEW_PASSWORD);
    recovering.close();
    expect(await signedInCount(restored, SUPERVISOR.userName, NEW_PASSWORD)).toBe(12);
    // The restore is in the restored vault's audit log, and verify is sound there.
    const check = new IntakeCore({ dataDir: restored });
    await check.signIn(SUPERVISOR.userName, NEW_PASSWORD);
    const verify = await caller(check)('vault.verify', {});
    expect(verify).toMatchObject({ ok: true, value: { integrity: ['ok'], audit: { sound: true }, auditHead: { status: 'sound' } } });
    expect(check.vault.audit.list({ action: 'backup-restore', limit: 5 })).toHaveLength(1);
    check.close();
  });

  it('opens with stock SQLCipher 4 settings and the raw key, and with no key it is unreadable', async () => {
    const dataDir = tempDataDir('backup-live');
    const to = tempDataDir('backup-media');
    const { core } = await vaultWithPeople(dataDir, 3);
    const keyHex = core.vault.databaseKeyHex;
    const made = await caller(core)('backup.create', { to });
    core.close();
    if (!made.ok) throw new Error(made.error.code);
    const copy = join(made.value.path, 'intake.db');
    expect(readFileSync(copy).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    const stock = new Database(copy, { readonly: true, fileMustExist: true });
    stock.pragma(`cipher='sqlcipher'`);
    stock.pragma('legacy=4');
    stock.pragma(`key="x'${keyHex}'"`);
    expect(stock.prepare('SELECT count(*) FROM people').pluck().get()).toBe(3);
    expect(stock.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    stock.close();

    const thief = new Database(copy, { readonly: true, fileMustExist: true });
    expect(() => thief.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    thief.close();
  });

  it('holds no name, document number or user name in plain text in any of its files', async () => {
    const dataDir = tempDataDir('backup-live');
    const to = tempDataDir('backup-media');
    const { core } = await vaultWithPeople(dataDir, 5);
    const key = Buffer.from(core.vault.databaseKeyHex, 'hex');
    const made = await caller(core)('backup.create', { to });
    core.close();
    if (!made.ok) throw new Error(made.error.code);
    const needles: string[] = [...Object.values(MARKERS), SUPERVISOR.userName];
    expect(plaintextHits(to, needles)).toEqual([]);
    // The markers are in the backup, encrypted: decrypted with the key, the record is there.
    const copy = openSnapshot(join(made.value.path, 'intake.db'), key);
    expect(copy.prepare('SELECT count(*) FROM people WHERE chosen_name = ?').pluck().get(MARKERS.chosenName)).toBe(1);
    expect(copy.prepare('SELECT count(*) FROM accounts WHERE user_name = ?').pluck().get(MARKERS.userName)).toBe(1);
    copy.close();
  });

  it('keeps the newest N generations, and each one restores with its own counts', async () => {
    const dataDir = tempDataDir('backup-live');
    const to = tempDataDir('backup-media');
    const { core, protectionId } = await vaultWithPeople(dataDir, 2);
    const call = caller(core);
    expect(await call('backup.setOptions', { generations: 2 })).toMatchObject({ ok: true, value: { generations: 2 } });
    const made: string[] = [];
    for (let round = 0; round < 3; round++) {
      core.vault.people.register({ id: protectionId, role: 'protection' }, { fields: { chosenName: `Round ${round}` }, consents: ['register'] });
      const result = await call('backup.create', { to });
      if (!result.ok) throw new Error(result.error.code);
      made.push(result.value.path);
    }
    core.close();
    // The oldest was removed once the third was verified; the two newest are kept.
    expect(backupFolders(to)).toEqual(made.slice(1));
    const counts = [];
    for (const path of made.slice(1)) {
      const target = join(tempDataDir('restore-generation'), 'site');
      counts.push((await restoreBackup(path, target, SUPERVISOR)).people);
      counts.push(await signedInCount(target, SUPERVISOR.userName, SUPERVISOR.password));
    }
    expect(counts).toEqual([4, 4, 5, 5]);
  });

  it('keeps another site’s backups on a shared drive: each laptop prunes only its own', { timeout: 120_000 }, async () => {
    const to = tempDataDir('backup-shared-drive');
    const first = await vaultWithPeople(tempDataDir('backup-site-a'), 1);
    const second = await vaultWithPeople(tempDataDir('backup-site-b'), 2);
    const made: Record<string, string[]> = { first: [], second: [] };
    for (const [label, site] of [['first', first], ['second', second], ['first', first], ['second', second]] as const) {
      const call = caller(site.core);
      expect(await call('backup.setOptions', { generations: 1 })).toMatchObject({ ok: true });
      const result = await call('backup.create', { to });
      if (!result.ok) throw new Error(result.error.code);
      made[label]?.push(result.value.path);
    }
    first.core.close();
    second.core.close();
    // The newest of each site is kept; each site's older one went, the other site's never did.
    expect(backupFolders(to)).toEqual([made.first?.[1], made.second?.[1]].sort());
  });

  it('of a database whose audit log was cut is made all the same, the problem recorded in its manifest, and restores as it was', async () => {
    const dataDir = tempDataDir('backup-unsound');
    const to = tempDataDir('backup-media');
    const { core } = await vaultWithPeople(dataDir, 2);
    const last = core.vault.db.prepare<[], number>('SELECT max(id) FROM audit_log').pluck().get() ?? 0;
    core.vault.db.exec('DROP TRIGGER audit_log_no_delete');
    core.vault.db.prepare('DELETE FROM audit_log WHERE id = ?').run(last);
    // No record is left without a backup because someone cut the log: the backup is made, and says so.
    const made = await caller(core)('backup.create', { to });
    if (!made.ok) throw new Error(made.error.code);
    expect(made.value).toMatchObject({ people: 2, auditLogSound: false });
    const manifest = JSON.parse(readFileSync(join(made.value.path, MANIFEST_FILE), 'utf8')) as Record<string, unknown>;
    expect(manifest.auditLogProblem).toBe('the audit head is cut');
    expect(core.vault.audit.list({ action: 'backup-create', limit: 5 })[0]?.details).toMatchObject({ auditLogSound: false });
    core.close();

    const restored = join(tempDataDir('backup-restored'), 'site');
    expect(await restoreBackup(made.value.path, restored, SUPERVISOR)).toMatchObject({ people: 2, auditLogSound: false });
    // Restored with the cut still showing: verify reports it as it did on the original.
    const check = new IntakeCore({ dataDir: restored });
    await check.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    expect(await caller(check)('vault.verify', {})).toMatchObject({ ok: true, value: { auditHead: { status: 'cut' } } });
    check.close();
  });

  it('of a database whose audit log was cut removes no older backup: the sound ones made before the cut stay', async () => {
    const to = tempDataDir('backup-media');
    const { core } = await vaultWithPeople(tempDataDir('backup-unsound-keep'), 1);
    const call = caller(core);
    expect(await call('backup.setOptions', { generations: 2 })).toMatchObject({ ok: true });
    const made: string[] = [];
    const backUp = async (): Promise<void> => {
      const result = await call('backup.create', { to });
      if (!result.ok) throw new Error(result.error.code);
      made.push(result.value.path);
    };
    await backUp();
    await backUp();
    core.vault.db.exec('DROP TRIGGER audit_log_no_delete');
    core.vault.db.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
    await backUp();
    await backUp();
    core.close();
    // Two sound and two flagged, though two generations are kept: pruning the sound ones would lose the log as it was.
    expect(backupFolders(to)).toEqual([...made].sort());
  });

  it('is refused when the record of an unsound audit log is taken out of its manifest, or put into a sound one', async () => {
    const to = tempDataDir('backup-media');
    const { core: unsound } = await vaultWithPeople(tempDataDir('backup-unsound'), 1);
    unsound.vault.db.exec('DROP TRIGGER audit_log_no_delete');
    unsound.vault.db.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
    const flagged = await caller(unsound)('backup.create', { to: tempDataDir('backup-media-unsound') });
    unsound.close();
    const { core: sound } = await vaultWithPeople(tempDataDir('backup-sound'), 1);
    const clean = await caller(sound)('backup.create', { to });
    sound.close();
    if (!flagged.ok || !clean.ok) throw new Error('backup failed');

    const edit = (folder: string, change: (manifest: Record<string, unknown>) => void): void => {
      const path = join(folder, MANIFEST_FILE);
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      change(manifest);
      writeFileSync(path, JSON.stringify(manifest, null, 2));
    };
    edit(flagged.value.path, (manifest) => delete manifest.auditLogProblem);
    edit(clean.value.path, (manifest) => (manifest.auditLogProblem = 'the audit head is cut'));
    for (const folder of [flagged.value.path, clean.value.path]) {
      const target = join(tempDataDir('backup-restored'), 'site');
      await expectAppError(restoreBackup(folder, target, SUPERVISOR), 'backup_damaged');
      expect(existsSync(target)).toBe(false);
    }
  });

  it('is refused to a clerk and to a protection officer, through the same dispatch as the CLI', async () => {
    const dataDir = tempDataDir('backup-live');
    const to = tempDataDir('backup-media');
    const { core } = await vaultWithPeople(dataDir, 1);
    await addAccount(core, CLERK, 'clerk');
    core.signOut();
    await core.signIn(CLERK.userName, CLERK.password);
    expect(await caller(core)('backup.create', { to })).toEqual({ ok: false, error: { code: 'forbidden' } });
    core.close();
    expect(entriesOf(to)).toEqual([]);
  });

  it('refuses a file larger than a FAT32 drive holds, naming the limit, and leaves nothing behind', async () => {
    const dataDir = tempDataDir('backup-live');
    const to = tempDataDir('backup-media');
    const { core } = await vaultWithPeople(dataDir, 2);
    const key = Buffer.from(core.vault.databaseKeyHex, 'hex');
    const error = await createBackup({ db: core.vault.db, databaseKey: key, dataDir, to, keep: 5, fat32: true, fileLimit: 64 * 1024 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    core.close();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'backup_too_large', params: { file: 'intake.db', limit: 64 * 1024 } });
    expect(entriesOf(to)).toEqual([]);
    // Not refused where the file system can hold it.
    const again = openEncrypted(join(dataDir, 'intake.db'), key, { mustExist: true });
    try {
      expect((await createBackup({ db: again, databaseKey: key, dataDir, to, keep: 5, fat32: false, fileLimit: 64 * 1024 })).people).toBe(2);
    } finally {
      again.close();
    }
  });
});

describe('a restore', () => {
  async function oneBackup(): Promise<{ backup: string; to: string }> {
    const dataDir = tempDataDir('backup-live');
    const to = tempDataDir('backup-media');
    const { core } = await vaultWithPeople(dataDir, 4);
    const made = await caller(core)('backup.create', { to });
    core.close();
    if (!made.ok) throw new Error(made.error.code);
    return { backup: made.value.path, to };
  }

  async function refusedAndNothingWritten(backup: string, file: string): Promise<void> {
    const target = join(tempDataDir('restore-target'), 'site');
    const error = await expectAppError(restoreBackup(backup, target, SUPERVISOR), 'backup_damaged');
    expect(error.params).toMatchObject({ file });
    expect(existsSync(target)).toBe(false);
  }

  it('refuses a database file cut short, and writes nothing', async () => {
    const { backup } = await oneBackup();
    const path = join(backup, 'intake.db');
    truncateSync(path, readFileSync(path).length - 4096);
    await refusedAndNothingWritten(backup, 'intake.db');
  });

  it('refuses key slots cut short, and writes nothing', async () => {
    const { backup } = await oneBackup();
    const path = join(backup, 'keyslots.json');
    truncateSync(path, 200);
    await refusedAndNothingWritten(backup, 'keyslots.json');
  });

  it('refuses a database with one bit flipped, and writes nothing', async () => {
    const { backup } = await oneBackup();
    const path = join(backup, 'intake.db');
    const bytes = readFileSync(path);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 1;
    writeFileSync(path, bytes);
    await refusedAndNothingWritten(backup, 'intake.db');
  });

  it('refuses a database or a key-slot file swapped in from another backup of the same site, and writes nothing', async () => {
    const dataDir = tempDataDir('backup-live');
    const to = tempDataDir('backup-media');
    const { core, protectionId } = await vaultWithPeople(dataDir, 2);
    const call = caller(core);
    const first = await call('backup.create', { to });
    core.vault.people.register({ id: protectionId, role: 'protection' }, { fields: { chosenName: 'Between the two' }, consents: ['register'] });
    await core.vault.accounts.create({ changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
    const second = await call('backup.create', { to });
    core.close();
    if (!first.ok || !second.ok) throw new Error('backups failed');
    copyFileSync(join(first.value.path, 'intake.db'), join(second.value.path, 'intake.db'));
    await refusedAndNothingWritten(second.value.path, 'intake.db');
    copyFileSync(join(first.value.path, 'keyslots.json'), join(first.value.path, 'keyslots.json.first'));
    copyFileSync(join(second.value.path, 'keyslots.json'), join(first.value.path, 'keyslots.json'));
    await refusedAndNothingWritten(first.value.path, 'keyslots.json');
  });

  it('refuses a manifest that was edited (its MAC no longer matches), and writes nothing', async () => {
    const { backup } = await oneBackup();
    const path = join(backup, MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { counts: { people: number } };
    manifest.counts.people += 1;
    writeFileSync(path, JSON.stringify(manifest));
    await refusedAndNothingWritten(backup, MANIFEST_FILE);
  });

  it('refuses a folder with no manifest (a backup cut short) as no backup', async () => {
    const { backup } = await oneBackup();
    const bare = join(tempDataDir('bare'), 'b');
    mkdirSync(bare);
    copyFileSync(join(backup, 'intake.db'), join(bare, 'intake.db'));
    const target = join(tempDataDir('restore-target'), 'site');
    await expectAppError(restoreBackup(bare, target, SUPERVISOR), 'backup_not_found');
    expect(existsSync(target)).toBe(false);
  });

  it('answers a password changed, or a supervisor added, since the backup with the date of the backup, exactly as an unknown name or a wrong password', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('backup-live');
    const to = tempDataDir('backup-media');
    const { core } = await vaultWithPeople(dataDir, 2);
    const call = caller(core);
    const made = await call('backup.create', { to });
    if (!made.ok) throw new Error(made.error.code);
    expect(await call('session.changePassword', { currentPassword: SUPERVISOR.password, newPassword: NEW_PASSWORD })).toMatchObject({ ok: true });
    const later = { userName: 'nadia.later', password: 'a supervisor who came after the backup' };
    expect(await call('accounts.create', { changePasswordAtSignIn: false, ...later, role: 'supervisor', language: 'en' })).toMatchObject({ ok: true });
    core.close();

    const fresh = join(tempDataDir('restore-target'), 'site');
    const refusals = [];
    for (const restorer of [{ userName: SUPERVISOR.userName, password: NEW_PASSWORD }, later, { userName: 'nobody.at.all', password: NEW_PASSWORD }, { userName: SUPERVISOR.userName, password: 'a typing mistake' }]) {
      const error = await expectAppError(restoreBackup(made.value.path, fresh, restorer), 'backup_wrong_credentials');
      refusals.push({ code: error.code, params: error.params });
    }
    // The same answer whether the name is in the backup or not: the backup's date, which its manifest shows to anyone.
    expect(new Set(refusals.map((refusal) => JSON.stringify(refusal))).size).toBe(1);
    expect(refusals[0]?.params).toEqual({ createdAt: made.value.createdAt });
    // Said as the interface language writes a date and time, not as ISO text.
    const said = english('errors.backup_wrong_credentials', refusals[0]?.params);
    expect(said).toContain(`made on ${new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(made.value.createdAt))}`);
    expect(said).not.toContain(made.value.createdAt.slice(0, 16));
    expect(existsSync(fresh)).toBe(false);
    // The password valid when the backup was made opens it.
    expect(await restoreBackup(made.value.path, fresh, SUPERVISOR)).toMatchObject({ people: 2 });
  });

  it('refuses a folder that is not empty, naming it, and a wrong password, writing nothing', async () => {
    const { backup } = await oneBackup();
    const target = tempDataDir('restore-busy');
    writeFileSync(join(target, 'notes.txt'), 'kept');
    const busy = await expectAppError(restoreBackup(backup, target, SUPERVISOR), 'restore_target_not_empty');
    expect(busy.params).toEqual({ folder: target });
    expect(entriesOf(target)).toEqual(['notes.txt']);
    const fresh = join(tempDataDir('restore-target'), 'site');
    await expectAppError(restoreBackup(backup, fresh, { userName: SUPERVISOR.userName, password: 'not the password at all' }), 'backup_wrong_credentials');
    // A protection officer's password opens the backup's key, but a restore is a supervisor's.
    await expectAppError(restoreBackup(backup, fresh, { userName: MARKERS.userName, password: PROTECTION.password }), 'forbidden');
    expect(existsSync(fresh)).toBe(false);
  });
});
