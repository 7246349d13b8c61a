/**
 * Nothing a person could be identified by is written in plain form: after set-up, sign-ins (good
 * and bad), writes, a lock and an unlock, no file in the data folder (the database, its -wal and
 * -shm, the key slots, the throttle file, device preferences) contains a user name, a password, the
 * recovery key or the database key, in UTF-8 or UTF-16LE, whether the database is open or closed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DATABASE_FILE, openEncrypted } from '../../src/main/db/connection';
import { plaintextHits, readAllFiles } from './helpers/files';
import { tempDataDir } from './helpers/temp-dir';
import { addAccount, dispatcherFor, expectAppError, setUpVault, type Credentials } from './helpers/vault';

const ZAYNAB: Credentials = { userName: 'zaynab.distinctive-name', password: 'quince lanterns drift over Aleppo' };
const FARID: Credentials = { userName: 'farid.other-clerk', password: 'pelican ledgers hum at dusk' };
const LEILA: Credentials = { userName: 'leila.protection-officer', password: 'thistle compass under winter stars' };
const UNKNOWN_NAME = 'mystery.unknown-person';

test('no user name, password, recovery key or database key is found in any file, open or closed', async () => {
  const dataDir = tempDataDir('plaintext');
  const { core, recoveryKey } = await setUpVault(dataDir, { supervisor: ZAYNAB, language: 'ar' });
  await addAccount(core, FARID, 'clerk', 'fr');
  await addAccount(core, LEILA, 'protection');
  const keyHex = core.vault.databaseKeyHex;
  const { dispatcher } = dispatcherFor(core);
  expect((await dispatcher.dispatch('settings.update', { idleMinutes: 12 })).ok).toBe(true);
  core.signOut();

  // A failed sign-in for a name that does not exist, and a good one for a clerk who then locks and unlocks.
  await expectAppError(core.signIn(UNKNOWN_NAME, 'whatever it is, it is wrong'), 'wrong_credentials');
  await core.signIn(FARID.userName, FARID.password);
  core.setLanguage('en');
  core.lock();
  await core.unlock(FARID.password);
  core.signOut();

  await core.signIn(ZAYNAB.userName, ZAYNAB.password);
  core.setLanguage('fr'); // a write, so the -wal holds fresh pages while we look

  const needles = [
    ZAYNAB.userName,
    FARID.userName,
    LEILA.userName,
    UNKNOWN_NAME,
    'zaynab',
    'distinctive',
    'farid',
    'leila',
    ZAYNAB.password,
    FARID.password,
    LEILA.password,
    recoveryKey,
    recoveryKey.replace(/-/g, ''),
    keyHex,
    Buffer.from(keyHex, 'hex').toString('base64'),
  ];

  // 1. While the database is open (signed in, WAL in use).
  const openFiles = [...readAllFiles(dataDir).keys()];
  expect(openFiles).toContain(DATABASE_FILE);
  expect(openFiles).toContain(`${DATABASE_FILE}-wal`);
  expect(openFiles).toContain(`${DATABASE_FILE}-shm`);
  expect(plaintextHits(dataDir, needles)).toEqual([]);

  // 2. Locked: the database is closed but the session remembers who.
  core.lock();
  expect(plaintextHits(dataDir, needles)).toEqual([]);

  // 3. Shut down.
  core.close();
  expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true);
  expect(plaintextHits(dataDir, needles)).toEqual([]);
});

test('the scanner itself finds a name written in plain UTF-8 or UTF-16LE (so the test above can fail)', async () => {
  const dataDir = tempDataDir('plaintext');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dataDir, 'a.bin'), Buffer.from(`xx${ZAYNAB.userName}xx`, 'utf16le'));
  writeFileSync(join(dataDir, 'b.txt'), `…${FARID.userName}…`);
  expect(plaintextHits(dataDir, [ZAYNAB.userName, FARID.userName])).toEqual([
    `a.bin contains "${ZAYNAB.userName}" (utf16le)`,
    `b.txt contains "${FARID.userName}" (utf8)`,
  ]);
});

describe('SQLite temporary files (SQLite3 Multiple Ciphers does not encrypt them)', () => {
  test('the app’s connection keeps temporary data in memory (temp_store = MEMORY)', () => {
    const db = openEncrypted(join(tempDataDir('tempstore'), DATABASE_FILE), randomBytes(32), { mustExist: false });
    try {
      // 0 = compile-time default, which in this build (TEMP_STORE=1) means files on disk.
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  test.skipIf(!existsSync('/proc/self/fd'))('a large sorted listing does not spill names into an unencrypted temp file', () => {
    const db = openEncrypted(join(tempDataDir('tempstore'), DATABASE_FILE), randomBytes(32), { mustExist: false });
    try {
      db.exec('CREATE TABLE people (name TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO people (name) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 100_000; i++) insert.run(`${ZAYNAB.userName}-${i}-${'x'.repeat(200)}`);
      })();
      // Sorting ~23 MB (more than this build's 16 MB page cache) without an index makes SQLite
      // spill to a temp file (/var/tmp/etilqs_*). It is unlinked at once, but its blocks hold the
      // rows in clear on disk, and it stays readable through /proc while the statement is open.
      const rows = db.prepare<[], { name: string }>('SELECT name FROM people ORDER BY name COLLATE NOCASE DESC').iterate();
      expect(rows.next().done).toBe(false);
      const leaks: string[] = [];
      for (const fd of readdirSync('/proc/self/fd')) {
        let target: string;
        try {
          target = readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          continue;
        }
        if (!target.includes('etilqs') && !target.endsWith('(deleted)')) continue;
        try {
          if (readFileSync(`/proc/self/fd/${fd}`).includes(Buffer.from(ZAYNAB.userName))) leaks.push(target);
        } catch {
          // not a readable regular file
        }
      }
      rows.return?.();
      expect(leaks).toEqual([]);
    } finally {
      db.close();
    }
  });
});
