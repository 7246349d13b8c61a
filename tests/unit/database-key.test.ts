/**
 * The database file is useless without its key: not readable as SQLite, not with a wrong key, and
 * readable with the right raw key through the SQLCipher 4 settings a recovery tool would use.
 */
import { randomBytes } from 'node:crypto';
import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DATABASE_FILE, openEncrypted, openWithoutKey } from '../../src/main/db/connection';
import { fingerprintDir } from './helpers/files';
import { makeTempDir, removeTempDir } from './helpers/temp-dir';
import { addAccount, CLERK, setUpVault, SUPERVISOR } from './helpers/vault';

let dataDir: string;
let dbPath: string;
let keyHex: string;

beforeAll(async () => {
  dataDir = makeTempDir('dbkey');
  dbPath = join(dataDir, DATABASE_FILE);
  const { core } = await setUpVault(dataDir);
  await addAccount(core, CLERK, 'clerk');
  keyHex = core.vault.databaseKeyHex;
  core.close();
}, 60_000);

afterAll(() => removeTempDir(dataDir));

function firstBytes(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, 0);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

test('the signed-in vault exposes a 32-byte key (64 hex digits), and it is not all zeros', () => {
  expect(keyHex).toMatch(/^[0-9a-f]{64}$/);
  expect(keyHex).not.toBe('0'.repeat(64));
});

test('the file does not start with the plain SQLite header', () => {
  expect(firstBytes(dbPath, 16).toString('latin1')).not.toBe('SQLite format 3\0');
});

describe('without the right key, nothing can be read', () => {
  test('opened with no key at all (as a thief would), reading fails', () => {
    const db = openWithoutKey(dbPath);
    try {
      expect(() => db.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database|encrypted/i);
      expect(() => db.prepare('SELECT * FROM accounts').all()).toThrow();
    } finally {
      db.close();
    }
  });

  test('opened with a wrong 32-byte key, openEncrypted refuses and the file is left unchanged', () => {
    const before = fingerprintDir(dataDir);
    expect(() => openEncrypted(dbPath, randomBytes(32), { mustExist: true })).toThrow();
    expect(fingerprintDir(dataDir)).toEqual(before);
  });

  test('a key that is almost right (last bit flipped) does not open it either', () => {
    const key = Buffer.from(keyHex, 'hex');
    key[31] = (key[31] ?? 0) ^ 1;
    expect(() => openEncrypted(dbPath, key, { mustExist: true })).toThrow();
  });

  test('a key of the wrong length is refused before touching the file', () => {
    expect(() => openEncrypted(dbPath, randomBytes(16), { mustExist: true })).toThrow(/32 bytes/);
  });

  test('the right raw key with SQLite3MC’s default cipher (not SQLCipher) fails: the file really is SQLCipher', () => {
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      db.pragma(`key = "x'${keyHex}'"`);
      expect(() => db.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    } finally {
      db.close();
    }
  });
});

describe('with the right key', () => {
  test('openEncrypted reads the accounts', () => {
    const db = openEncrypted(dbPath, Buffer.from(keyHex, 'hex'), { mustExist: true });
    try {
      const names = db.prepare<[], { user_name: string }>('SELECT user_name FROM accounts ORDER BY user_name').all();
      expect(names.map((r) => r.user_name)).toEqual([SUPERVISOR.userName, CLERK.userName].sort());
    } finally {
      db.close();
    }
  });

  test('the SQLCipher 4 disaster-recovery path (cipher=sqlcipher, legacy=4, raw key) reads the accounts table', () => {
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${keyHex}'"`);
      const rows = db.prepare<[], { user_name: string; role: string }>('SELECT user_name, role FROM accounts').all();
      expect(rows).toEqual(
        expect.arrayContaining([
          { user_name: SUPERVISOR.userName, role: 'supervisor' },
          { user_name: CLERK.userName, role: 'clerk' },
        ]),
      );
      expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    } finally {
      db.close();
    }
  });
});
