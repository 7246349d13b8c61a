/**
 * Numbered, forward-only migrations, each in a transaction, with user_version as the record; a
 * database newer than the code is refused and left byte-for-byte as it was.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { DATABASE_FILE, openEncrypted, type Db } from '../../src/main/db/connection';
import {
  DatabaseNewerError,
  LATEST_VERSION,
  migrate,
  MIGRATIONS,
  pendingMigrations,
  schemaVersion,
  type Migration,
} from '../../src/main/db/migrations';
import { KeySlotStore } from '../../src/main/vault/key-slots';
import { OpenVault } from '../../src/main/vault/open-vault';
import { fingerprintDir } from './helpers/files';
import { tempDataDir } from './helpers/temp-dir';
import { expectAppError, setUpVault, SUPERVISOR } from './helpers/vault';

function newDb(dataDir: string, key: Buffer = randomBytes(32)): { db: Db; key: Buffer; path: string } {
  const path = join(dataDir, DATABASE_FILE);
  return { db: openEncrypted(path, key, { mustExist: false }), key, path };
}

function tableNames(db: Db): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);
}

describe('the shipped migrations', () => {
  test('are numbered 1..n without gaps or duplicates', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  test('a fresh database migrates to LATEST_VERSION, user_version records it, and a second run does nothing', () => {
    const { db } = newDb(tempDataDir('migrate'));
    try {
      expect(schemaVersion(db)).toBe(0);
      expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(tableNames(db)).toEqual(expect.arrayContaining(['accounts', 'settings', 'site']));
      expect(pendingMigrations(db)).toBe(0);
      expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    } finally {
      db.close();
    }
  });
});

describe('migrate() with test migrations', () => {
  test('runs pending migrations in version order, whatever order they are listed in, and only once', () => {
    const { db } = newDb(tempDataDir('migrate'));
    const ran: number[] = [];
    const step = (version: number): Migration => ({
      version,
      name: `step ${version}`,
      up: (d) => {
        ran.push(version);
        d.exec(`CREATE TABLE t${version} (x INTEGER)`);
      },
    });
    try {
      expect(migrate(db, [step(3), step(1), step(2)])).toEqual({ from: 0, to: 3 });
      expect(ran).toEqual([1, 2, 3]);
      expect(migrate(db, [step(3), step(1), step(2), step(4)])).toEqual({ from: 3, to: 4 });
      expect(ran).toEqual([1, 2, 3, 4]);
    } finally {
      db.close();
    }
  });

  test('each migration runs in a transaction: one that throws leaves user_version at the step before and no partial tables', () => {
    const dataDir = tempDataDir('migrate');
    const { db, key, path } = newDb(dataDir);
    const migrations: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x INTEGER)') },
      {
        version: 2,
        name: 'two, fails half way',
        up: (d) => {
          d.exec('CREATE TABLE two (x INTEGER); INSERT INTO one VALUES (42);');
          throw new Error('power cut');
        },
      },
      { version: 3, name: 'three', up: (d) => d.exec('CREATE TABLE three (x INTEGER)') },
    ];
    try {
      expect(() => migrate(db, migrations)).toThrow('power cut');
      expect(schemaVersion(db)).toBe(1);
      expect(tableNames(db)).toEqual(['one']);
      expect(db.prepare('SELECT count(*) FROM one').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    // And so it stays on disk, after a reopen.
    const reopened = openEncrypted(path, key, { mustExist: true });
    try {
      expect(schemaVersion(reopened)).toBe(1);
      expect(tableNames(reopened)).toEqual(['one']);
    } finally {
      reopened.close();
    }
  });
});

describe('a database newer than the code', () => {
  function makeNewerDb(dataDir: string): { key: Buffer; path: string } {
    const { db, key, path } = newDb(dataDir);
    migrate(db);
    db.exec("CREATE TABLE from_the_future (x TEXT); INSERT INTO from_the_future VALUES ('keep me');");
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    return { key, path };
  }

  test('is refused with DatabaseNewerError and left byte-identical', () => {
    const dataDir = tempDataDir('newer');
    const { key, path } = makeNewerDb(dataDir);
    const before = fingerprintDir(dataDir);
    const db = openEncrypted(path, key, { mustExist: true });
    let thrown: unknown;
    try {
      migrate(db);
    } catch (error) {
      thrown = error;
    } finally {
      db.close();
    }
    expect(thrown).toBeInstanceOf(DatabaseNewerError);
    expect(thrown).toMatchObject({ found: LATEST_VERSION + 1, supported: LATEST_VERSION });
    expect(fingerprintDir(dataDir)).toEqual(before);
  });

  test('OpenVault.open refuses it, closes the handle and leaves the file byte-identical', () => {
    const dataDir = tempDataDir('newer');
    const { key } = makeNewerDb(dataDir);
    const before = fingerprintDir(dataDir);
    const slots = KeySlotStore.create(dataDir, key);
    expect(() => OpenVault.open(dataDir, key, slots, { create: false })).toThrow(DatabaseNewerError);
    expect(fingerprintDir(dataDir)).toEqual(before);
  });

  test('IntakeCore sign-in fails with vault_newer (not wrong_credentials, not internal), and the vault is untouched', async () => {
    const dataDir = tempDataDir('newer');
    const { core } = await setUpVault(dataDir);
    const key = Buffer.from(core.vault.databaseKeyHex, 'hex');
    core.close();
    const db = openEncrypted(join(dataDir, DATABASE_FILE), key, { mustExist: true });
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    const before = fingerprintDir(dataDir);

    const restarted = new IntakeCore({ dataDir });
    const error = await expectAppError(restarted.signIn(SUPERVISOR.userName, SUPERVISOR.password), 'vault_newer');
    expect(error.params).toEqual({ found: LATEST_VERSION + 5, supported: LATEST_VERSION });
    expect(restarted.stateName).toBe('signed-out');
    const after = fingerprintDir(dataDir);
    expect(after[DATABASE_FILE]).toBe(before[DATABASE_FILE]);
    expect(after).toEqual(before);
  });
});
