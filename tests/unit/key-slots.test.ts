/**
 * Key slots: the random database key, wrapped once per account and once for the recovery key.
 * What an attacker with the slot file, or a user at the desk, would notice.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SCRYPT_FLOOR } from '../../src/main/vault/kdf';
import { KEY_SLOTS_FILE, KeySlotStore, normaliseUserName, RECOVERY_SLOT_ID } from '../../src/main/vault/key-slots';
import { canonicalRecoveryKey, newRecoveryKey } from '../../src/main/vault/recovery-key';
import { unwrapKey, wrapKey } from '../../src/main/vault/wrap';
import { tempDataDir } from './helpers/temp-dir';
import { addAccount, CLERK, expectAppError, NEW_PASSWORD, setUpVault, SUPERVISOR } from './helpers/vault';

interface SlotJson {
  id: string;
  kind: string;
  kdf: { kdf: string; N: number; r: number; p: number; salt: string };
  wrapped: { iv: string; ciphertext: string; tag: string };
}
interface SlotFileJson {
  lookupKey: string;
  keyCheck: string;
  slots: SlotJson[];
}

function readSlotFile(dataDir: string): SlotFileJson {
  return JSON.parse(readFileSync(join(dataDir, KEY_SLOTS_FILE), 'utf8')) as SlotFileJson;
}

const USER = 'Zaynab.Distinctive-Name';
const PASSWORD = 'amber tides follow the lighthouse';

/** A committed store with one account slot and a recovery slot (two derivations). */
async function storeWithSlots(dataDir: string): Promise<{ store: KeySlotStore; key: Buffer; recoveryKey: string }> {
  const key = randomBytes(32);
  const recoveryKey = newRecoveryKey();
  const store = KeySlotStore.create(dataDir, key);
  await store.put(RECOVERY_SLOT_ID, 'recovery', recoveryKey, key);
  await store.put(store.slotIdFor(USER), 'account', PASSWORD, key);
  store.commit();
  return { store, key, recoveryKey };
}

describe('KeySlotStore', () => {
  test('the right password opens the slot; a wrong one, an unknown user, or the recovery slot with a password do not', async () => {
    const dataDir = tempDataDir('slots');
    const { key } = await storeWithSlots(dataDir);
    const store = KeySlotStore.open(dataDir); // as after a restart: read from disk
    const slotId = store.slotIdFor(USER);

    const opened = await store.open(slotId, PASSWORD);
    expect(opened?.equals(key)).toBe(true);
    expect(await store.open(slotId, `${PASSWORD} `)).toBeNull();
    expect(await store.open(slotId, 'amber tides follow the lighthousf')).toBeNull();
    expect(await store.open(store.slotIdFor('nobody.here'), PASSWORD)).toBeNull();
    expect(await store.open(RECOVERY_SLOT_ID, PASSWORD)).toBeNull();
  });

  test('the slot is found by user name regardless of case, width and surrounding spaces', async () => {
    const dataDir = tempDataDir('slots');
    const { key } = await storeWithSlots(dataDir);
    const store = KeySlotStore.open(dataDir);
    expect(store.slotIdFor('  zaynab.distinctive-name ')).toBe(store.slotIdFor(USER));
    // Full-width letters (an East Asian keyboard) fold to ASCII under NFKC.
    expect(store.slotIdFor('ｚａｙｎａｂ.distinctive-name')).toBe(store.slotIdFor(USER));
    expect(normaliseUserName(' ZAYNAB ')).toBe('zaynab');
    expect((await store.open(store.slotIdFor('ZAYNAB.DISTINCTIVE-NAME'), PASSWORD))?.equals(key)).toBe(true);
  });

  test('the slot file never holds a user name, a password, the recovery key or the database key in clear', async () => {
    const dataDir = tempDataDir('slots');
    const { key, recoveryKey } = await storeWithSlots(dataDir);
    const text = readFileSync(join(dataDir, KEY_SLOTS_FILE), 'utf8').toLowerCase();
    for (const secret of [USER, normaliseUserName(USER), 'zaynab', 'distinctive', PASSWORD, recoveryKey, recoveryKey.replace(/-/g, '')]) {
      expect(text).not.toContain(secret.toLowerCase());
    }
    expect(text).not.toContain(key.toString('hex'));
    expect(text).not.toContain(key.toString('base64').toLowerCase());
  });

  test('each slot stores KDF parameters at or above scrypt N=2^17, r=8, p=1 with its own 16-byte salt', async () => {
    const dataDir = tempDataDir('slots');
    await storeWithSlots(dataDir);
    const { slots } = readSlotFile(dataDir);
    expect(slots).toHaveLength(2);
    for (const slot of slots) {
      expect(slot.kdf.kdf).toBe('scrypt');
      expect(slot.kdf.N).toBeGreaterThanOrEqual(2 ** 17);
      expect(slot.kdf.r).toBeGreaterThanOrEqual(8);
      expect(slot.kdf.p).toBeGreaterThanOrEqual(1);
      expect(Buffer.from(slot.kdf.salt, 'base64')).toHaveLength(16);
    }
    expect(new Set(slots.map((s) => s.kdf.salt)).size).toBe(slots.length);
    expect(SCRYPT_FLOOR).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  test('a slot copied under another account’s id in the file does not open (the slot id is bound into the wrap)', async () => {
    const dataDir = tempDataDir('slots');
    await storeWithSlots(dataDir);
    const file = readSlotFile(dataDir);
    const store = KeySlotStore.open(dataDir);
    const victimId = store.slotIdFor('the.victim');
    const mine = file.slots.find((slot) => slot.id === store.slotIdFor(USER));
    expect(mine).toBeDefined();
    if (!mine) return;
    file.slots.push({ ...mine, id: victimId });
    writeFileSync(join(dataDir, KEY_SLOTS_FILE), JSON.stringify(file));
    const tampered = KeySlotStore.open(dataDir);
    expect(tampered.has(victimId)).toBe(true);
    expect(await tampered.open(victimId, PASSWORD)).toBeNull();
  });

  test('a slot file asking for an unbounded scrypt cost (a crafted backup on a stick) is refused before any derivation', async () => {
    const dataDir = tempDataDir('slots');
    await storeWithSlots(dataDir);
    for (const kdf of [{ p: 2 ** 20 }, { N: 2 ** 30 }, { N: 3 * 2 ** 17 }, { r: 4096 }]) {
      const file = readSlotFile(dataDir);
      const crafted = { ...file, slots: file.slots.map((slot) => ({ ...slot, kdf: { ...slot.kdf, ...kdf } })) };
      writeFileSync(join(dataDir, 'crafted.json'), JSON.stringify(crafted));
      expect(() => KeySlotStore.open(dataDir, 'crafted.json')).toThrow();
    }
  });

  test('a tampered wrapped key or tag does not open', () => {
    const kek = randomBytes(32);
    const key = randomBytes(32);
    const wrapped = wrapKey(kek, key, 'ad');
    const flip = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    expect(unwrapKey(kek, { ...wrapped, ciphertext: flip(wrapped.ciphertext) }, 'ad')).toBeNull();
    expect(unwrapKey(kek, { ...wrapped, tag: flip(wrapped.tag) }, 'ad')).toBeNull();
    expect(unwrapKey(kek, { ...wrapped, iv: flip(wrapped.iv) }, 'ad')).toBeNull();
    expect(unwrapKey(randomBytes(32), wrapped, 'ad')).toBeNull();
    expect(unwrapKey(kek, wrapped, 'ad')?.equals(key)).toBe(true);
  });

  test('a key that does not belong to this vault cannot be put into its slots', async () => {
    const dataDir = tempDataDir('slots');
    const store = KeySlotStore.create(dataDir, randomBytes(32));
    await expect(store.put('someone', 'account', PASSWORD, randomBytes(32))).rejects.toThrow(/does not belong/);
  });

  test('nothing is written before commit(), so a half set-up leaves no slot file', async () => {
    const dataDir = tempDataDir('slots');
    const key = randomBytes(32);
    const store = KeySlotStore.create(dataDir, key);
    await store.put(RECOVERY_SLOT_ID, 'recovery', newRecoveryKey(), key);
    expect(KeySlotStore.existsIn(dataDir)).toBe(false);
    store.commit();
    expect(KeySlotStore.existsIn(dataDir)).toBe(true);
  });
});

describe('the recovery key', () => {
  test('opens the recovery slot, also as typed in lower case, with spaces and with O/0, I/1, L/1 confusions', async () => {
    const dataDir = tempDataDir('slots');
    const { key, recoveryKey } = await storeWithSlots(dataDir);
    const store = KeySlotStore.open(dataDir);
    const sloppy = recoveryKey
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/0/g, 'o')
      .replace(/1/g, 'i');
    const canonical = canonicalRecoveryKey(sloppy);
    expect(canonical).toBe(recoveryKey);
    const opened = await store.open(RECOVERY_SLOT_ID, canonical ?? '');
    expect(opened?.equals(key)).toBe(true);
  });

  test('new keys are 32 Crockford base32 characters in 8 groups of 4, and differ each time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newRecoveryKey()));
    expect(keys.size).toBe(50);
    for (const k of keys) {
      expect(k).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
      expect(canonicalRecoveryKey(k)).toBe(k);
    }
  });

  test('canonicalRecoveryKey accepts case, spaces, dashes and look-alike letters', () => {
    const key = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
    expect(canonicalRecoveryKey(key)).toBe(key);
    expect(canonicalRecoveryKey(key.toLowerCase())).toBe(key);
    expect(canonicalRecoveryKey(' abcd efgh jkmn pqrs tvwx yz01 2345 6789 ')).toBe(key);
    expect(canonicalRecoveryKey('ABCDEFGHJKMNPQRSTVWXYZ0123456789')).toBe(key);
    expect(canonicalRecoveryKey('ABCD-EFGH-JKMN-PQRS-TVWX-YZOI-2345-6789')).toBe(key);
    expect(canonicalRecoveryKey('abcd-efgh-jkmn-pqrs-tvwx-yzol-2345-6789')).toBe(key);
  });

  test.each([
    ['one character short', 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-678'],
    ['one character long', 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789A'],
    ['empty', ''],
    ['a letter outside the alphabet (U)', 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-678U'],
    ['punctuation', 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-678!'],
  ])('canonicalRecoveryKey rejects a key with %s', (_label, typed) => {
    expect(canonicalRecoveryKey(typed)).toBeNull();
  });
});

describe('changing a password', () => {
  test('through IntakeCore.changePassword keeps all data readable; the old password stops working, the new one works', async () => {
    const dataDir = tempDataDir('slots');
    const { core } = await setUpVault(dataDir);
    await addAccount(core, CLERK, 'clerk');
    const keyBefore = core.vault.databaseKeyHex;
    const slotsBefore = readSlotFile(dataDir).slots;

    await expectAppError(core.changePassword('not my current password at all', NEW_PASSWORD), 'wrong_credentials');
    await core.changePassword(SUPERVISOR.password, NEW_PASSWORD);
    const slotsAfter = readSlotFile(dataDir).slots;
    // Only the supervisor's slot was re-wrapped; the recovery and clerk slots are untouched.
    const changed = slotsAfter.filter((after) => JSON.stringify(slotsBefore.find((b) => b.id === after.id)) !== JSON.stringify(after));
    expect(changed).toHaveLength(1);
    core.signOut();

    await expectAppError(core.signIn(SUPERVISOR.userName, SUPERVISOR.password), 'wrong_credentials');
    await core.signIn(SUPERVISOR.userName, NEW_PASSWORD);
    expect(core.vault.databaseKeyHex).toBe(keyBefore); // no rekey: same database key
    expect(core.vault.accounts.list().map((a) => a.userName).sort()).toEqual([CLERK.userName, SUPERVISOR.userName].sort());
    core.close();
  });

  test('through AccountService.setPassword (a supervisor resets a clerk) the clerk’s old password stops working', async () => {
    const dataDir = tempDataDir('slots');
    const { core } = await setUpVault(dataDir);
    const clerk = await addAccount(core, CLERK, 'clerk');
    await core.vault.accounts.setPassword(clerk.id, NEW_PASSWORD, true);
    core.signOut();
    const store = KeySlotStore.open(dataDir);
    expect(await store.open(store.slotIdFor(CLERK.userName), CLERK.password)).toBeNull();
    const user = await core.signIn(CLERK.userName, NEW_PASSWORD);
    expect(user).toMatchObject({ userName: CLERK.userName, role: 'clerk', passwordChangeDue: true });
    expect(core.vault.accounts.list()).toHaveLength(2);
    core.close();
  });

  test('a password is normalised (NFKC) before derivation, so a composed and decomposed é both work', async () => {
    const dataDir = tempDataDir('slots');
    const composed = 'caf\u00e9 au lait sous la pluie';
    const decomposed = 'cafe\u0301 au lait sous la pluie';
    const { core } = await setUpVault(dataDir, { supervisor: { userName: 'noor.supervisor', password: composed } });
    core.signOut();
    await core.signIn('noor.supervisor', decomposed);
    expect(core.stateName).toBe('signed-in');
    core.close();
  });
});
