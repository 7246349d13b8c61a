import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { deriveKey, newScryptParams, SCRYPT_FLOOR, type ScryptParams } from './kdf';
import { unwrapKey, wrapKey } from './wrap';
import { readJsonFile, writeJsonAtomic } from './atomic-file';

/**
 * Key slots, as in LUKS: the database key is random; each account and the recovery key hold their
 * own copy of it, wrapped under a key derived from their secret. Slots are found by a keyed hash of
 * the normalised user name, so no user name is written in clear outside the encrypted database.
 */
export const KEY_SLOTS_FILE = 'keyslots.json';
export const RECOVERY_SLOT_ID = 'recovery';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const slotSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['account', 'recovery']),
  kdf: z.object({ kdf: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: base64 }),
  wrapped: z.object({ iv: base64, ciphertext: base64, tag: base64 }),
});
const fileSchema = z.object({
  format: z.literal(1),
  lookupKey: base64,
  /** A check value for the database key, so a slot file from another site is noticed. */
  keyCheck: base64,
  slots: z.array(slotSchema),
});
type SlotFile = z.infer<typeof fileSchema>;
export type SlotKind = z.infer<typeof slotSchema>['kind'];

export function normaliseUserName(userName: string): string {
  return userName.normalize('NFKC').trim().toLocaleLowerCase('en-US');
}

function keyCheckOf(databaseKey: Buffer): string {
  return createHmac('sha256', databaseKey).update('intake key check v1').digest('base64');
}

function associatedData(slotId: string): string {
  return `intake-keyslot-v1:${slotId}`;
}

export class KeySlotStore {
  private constructor(
    private readonly path: string,
    private file: SlotFile,
    /** False for a vault being set up: nothing is written until commit(), so a half set-up leaves no slot file. */
    private persisted: boolean,
  ) {}

  /**
   * Whether this folder holds a vault: a slot file is there, sound or not. A damaged one is a vault
   * to restore, never one to set up again (that would wrap a new key over the old database).
   */
  static existsIn(dataDir: string): boolean {
    return existsSync(join(dataDir, KEY_SLOTS_FILE));
  }

  /**
   * Reads the slot file; never rewrites it. It cannot be rebuilt (it holds the only wrapped copies
   * of the database key), so a missing or damaged one fails with `vault_files_damaged`, naming it.
   */
  static open(dataDir: string): KeySlotStore {
    const path = join(dataDir, KEY_SLOTS_FILE);
    const read = readJsonFile(path);
    const parsed = read.status === 'read' ? fileSchema.safeParse(read.value) : undefined;
    if (!parsed?.success) throw new AppError('vault_files_damaged', { file: KEY_SLOTS_FILE });
    return new KeySlotStore(path, parsed.data, true);
  }

  /** A new store in memory; call commit() once the database it unlocks is written. */
  static create(dataDir: string, databaseKey: Buffer): KeySlotStore {
    const file: SlotFile = {
      format: 1,
      lookupKey: randomBytes(32).toString('base64'),
      keyCheck: keyCheckOf(databaseKey),
      slots: [],
    };
    return new KeySlotStore(join(dataDir, KEY_SLOTS_FILE), file, false);
  }

  commit(): void {
    this.persisted = true;
    this.save();
  }

  slotIdFor(userName: string): string {
    return createHmac('sha256', Buffer.from(this.file.lookupKey, 'base64'))
      .update(normaliseUserName(userName), 'utf8')
      .digest('hex');
  }

  has(slotId: string): boolean {
    return this.file.slots.some((slot) => slot.id === slotId);
  }

  /** Wraps the database key for a secret, replacing any slot with the same id. */
  async put(slotId: string, kind: SlotKind, secret: string, databaseKey: Buffer): Promise<void> {
    this.assertDatabaseKey(databaseKey);
    const kdf = newScryptParams();
    const kek = await deriveKey(secret, kdf);
    try {
      const slot = { id: slotId, kind, kdf, wrapped: wrapKey(kek, databaseKey, associatedData(slotId)) };
      this.file = { ...this.file, slots: [...this.file.slots.filter((s) => s.id !== slotId), slot] };
      this.save();
    } finally {
      kek.fill(0);
    }
  }

  /**
   * Removes every account slot not listed; the recovery slot stays. Writes only when one goes.
   * Reads the file again first: another process (the CLI beside the app) may have changed it.
   */
  keepOnlyAccounts(accountSlotIds: ReadonlySet<string>): void {
    if (this.persisted) {
      const fresh = KeySlotStore.open(dirname(this.path));
      if (fresh.file.keyCheck === this.file.keyCheck) this.file = fresh.file;
    }
    const kept = this.file.slots.filter((slot) => slot.kind !== 'account' || accountSlotIds.has(slot.id));
    if (kept.length === this.file.slots.length) return;
    this.file = { ...this.file, slots: kept };
    this.save();
  }

  remove(slotId: string): void {
    this.file = { ...this.file, slots: this.file.slots.filter((s) => s.id !== slotId) };
    this.save();
  }

  /**
   * The database key, or null for a wrong secret or an unknown slot. An unknown slot still costs a
   * full derivation, so timing does not tell which user names exist.
   */
  async open(slotId: string, secret: string): Promise<Buffer | null> {
    const slot = this.file.slots.find((s) => s.id === slotId);
    const params: ScryptParams = slot?.kdf ?? { kdf: 'scrypt', ...SCRYPT_FLOOR, salt: randomBytes(16).toString('base64') };
    const kek = await deriveKey(secret, params);
    try {
      if (!slot) return null;
      const key = unwrapKey(kek, slot.wrapped, associatedData(slot.id));
      if (!key) return null;
      this.assertDatabaseKey(key);
      return key;
    } finally {
      kek.fill(0);
    }
  }

  private assertDatabaseKey(databaseKey: Buffer): void {
    const expected = Buffer.from(this.file.keyCheck, 'base64');
    const actual = Buffer.from(keyCheckOf(databaseKey), 'base64');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw new Error('The key does not belong to this vault.');
    }
  }

  private save(): void {
    if (!this.persisted) return;
    writeJsonAtomic(this.path, this.file);
  }
}
