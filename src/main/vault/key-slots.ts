import { createHmac, randomBytes } from 'node:crypto';
import { macEquals } from './mac';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { deriveKey, newScryptParams, SCRYPT_FLOOR, type ScryptParams } from './kdf';
import { unwrapKey, wrapKey } from './wrap';
import { readJsonFile, writeJsonAtomic } from './atomic-file';
import { newSlotKeyPair, sealKey, unsealKey } from './seal';

/**
 * Key slots, as in LUKS: the database key is random; each account and the recovery key hold their
 * own copy of it, wrapped under a key derived from their secret. Slots are found by a keyed hash of
 * the normalised user name, so no user name is written in clear outside the encrypted database.
 */
export const KEY_SLOTS_FILE = 'keyslots.json';
export const RECOVERY_SLOT_ID = 'recovery';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const wrappedSchema = z.object({ iv: base64, ciphertext: base64, tag: base64 });
// Bounded before use: the file may come from a backup on a stick, and scrypt's cost is N·r·p.
export const kdfSchema = z.object({
  kdf: z.literal('scrypt'),
  N: z.number().int().min(2 ** 17).max(2 ** 20).refine((n) => (n & (n - 1)) === 0, 'a power of two'),
  r: z.number().int().min(8).max(8),
  p: z.number().int().min(1).max(4),
  salt: base64,
});
const slotSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(['account', 'recovery']),
    kdf: kdfSchema,
    /** Format 1: the database key wrapped under the secret's key. Cannot be given a new key without the secret. */
    wrapped: wrappedSchema.optional(),
    /**
     * Format 2: a key pair per slot. The private key is wrapped under the secret's key; the
     * database key is sealed to the public key, so a key rotation can re-seal it with no secret.
     */
    sealed: z
      .object({
        publicKey: base64,
        privateKey: wrappedSchema,
        key: wrappedSchema.extend({ ephemeralKey: base64 }),
      })
      .optional(),
  })
  .refine((slot) => (slot.wrapped === undefined) !== (slot.sealed === undefined));
const fileSchema = z.object({
  format: z.union([z.literal(1), z.literal(2)]),
  lookupKey: base64,
  /** A check value for the database key, so a slot file from another site is noticed. */
  keyCheck: base64,
  slots: z.array(slotSchema),
});
type SlotFile = z.infer<typeof fileSchema>;

/**
 * The slots as another desk of the site takes them (issue 13, docs/desk-exchange.md): each slot's
 * key pair, the private key still wrapped under its holder's secret, and the lookup key, so the
 * same user names find the same slots. Without the database key sealed to each: that is one desk's.
 */
export const portableSlotsSchema = z
  .object({
    lookupKey: base64,
    slots: z.array(
      z
        .object({
          id: z.string().min(1),
          kind: z.enum(['account', 'recovery']),
          kdf: kdfSchema,
          publicKey: base64,
          privateKey: wrappedSchema,
        })
        .strict(),
    ),
  })
  .strict();
export type PortableSlots = z.infer<typeof portableSlotsSchema>;
/** An account's slot id: slotIdFor's HMAC-SHA256 in hex. */
const ACCOUNT_SLOT_ID = /^[0-9a-f]{64}$/;
const travellingKeyPairSchema = z.object({ kdf: kdfSchema, publicKey: base64, privateKey: wrappedSchema }).strict();
type Slot = z.infer<typeof slotSchema>;
export type SlotKind = Slot['kind'];

export function normaliseUserName(userName: string): string {
  return userName.normalize('NFKC').trim().toLocaleLowerCase('en-US');
}

function keyCheckOf(databaseKey: Buffer): string {
  return createHmac('sha256', databaseKey).update('intake key check v1').digest('base64');
}

function associatedData(slotId: string): string {
  return `intake-keyslot-v1:${slotId}`;
}

function privateKeyData(slotId: string): string {
  return `intake-keyslot-v2-private:${slotId}`;
}

/** The database key sealed to a slot's public key. */
function sealedSlot(
  slot: Pick<Slot, 'id' | 'kind' | 'kdf'>,
  pair: { publicKey: string; privateKey: NonNullable<Slot['sealed']>['privateKey'] },
  databaseKey: Buffer,
): Slot {
  const key = sealKey(Buffer.from(pair.publicKey, 'base64'), databaseKey, associatedData(slot.id));
  return { id: slot.id, kind: slot.kind, kdf: slot.kdf, sealed: { publicKey: pair.publicKey, privateKey: pair.privateKey, key } };
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
  static open(dataDir: string, fileName: string = KEY_SLOTS_FILE): KeySlotStore {
    const path = join(dataDir, fileName);
    const read = readJsonFile(path);
    const parsed = read.status === 'read' ? fileSchema.safeParse(read.value) : undefined;
    if (!parsed?.success) throw new AppError('vault_files_damaged', { file: fileName });
    return new KeySlotStore(path, parsed.data, true);
  }

  /** A new store in memory; call commit() once the database it unlocks is written. */
  static create(dataDir: string, databaseKey: Buffer): KeySlotStore {
    const file: SlotFile = {
      format: 2,
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

  /** The ids of the slots, by kind. */
  slotIds(kind: SlotKind): string[] {
    return this.file.slots.filter((slot) => slot.kind === kind).map((slot) => slot.id);
  }

  /** Whether this store's key check is that of the given database key. */
  isFor(databaseKey: Buffer): boolean {
    const expected = Buffer.from(this.file.keyCheck, 'base64');
    const actual = Buffer.from(keyCheckOf(databaseKey), 'base64');
    return macEquals(expected, actual);
  }

  /** The key check written in the file (an HMAC of the database key, no secret). */
  get keyCheck(): string {
    return this.file.keyCheck;
  }

  /** Whether the slot is of format 1 (re-sealable only with its secret). */
  isLegacy(slotId: string): boolean {
    return this.file.slots.find((s) => s.id === slotId)?.wrapped !== undefined;
  }

  /** Wraps the database key for a secret, replacing any slot with the same id. */
  async put(slotId: string, kind: SlotKind, secret: string, databaseKey: Buffer): Promise<void> {
    this.assertDatabaseKey(databaseKey);
    const kdf = newScryptParams();
    const kek = await deriveKey(secret, kdf);
    const pair = newSlotKeyPair();
    try {
      const sealed = {
        publicKey: pair.publicKey.toString('base64'),
        privateKey: wrapKey(kek, pair.privateKey, privateKeyData(slotId)),
        key: sealKey(pair.publicKey, databaseKey, associatedData(slotId)),
      };
      const slot: Slot = { id: slotId, kind, kdf, sealed };
      this.file = { ...this.file, format: 2, slots: [...this.file.slots.filter((s) => s.id !== slotId), slot] };
      this.save();
    } finally {
      kek.fill(0);
      pair.privateKey.fill(0);
    }
  }

  /**
   * The slot file for a new database key, in memory (nothing is written; see writeCopy/commit):
   * the recovery slot and the listed account slots, each with the new key sealed to its own
   * public key; every other account slot is left out. Format-1 slots cannot be re-sealed without
   * their secret: they are left out too and their ids returned, for the caller to put() or refuse.
   */
  resealed(newDatabaseKey: Buffer, accountSlotIds: ReadonlySet<string>): { store: KeySlotStore; notResealed: Slot[] } {
    const kept = this.file.slots.filter((slot) => slot.kind === 'recovery' || accountSlotIds.has(slot.id));
    const slots: Slot[] = [];
    const notResealed: Slot[] = [];
    for (const slot of kept) {
      if (slot.sealed) slots.push(sealedSlot(slot, slot.sealed, newDatabaseKey));
      else notResealed.push(slot);
    }
    const file: SlotFile = { format: 2, lookupKey: this.file.lookupKey, keyCheck: keyCheckOf(newDatabaseKey), slots };
    return { store: new KeySlotStore(join(dirname(this.path), KEY_SLOTS_FILE), file, false), notResealed };
  }

  /**
   * The recovery slot and the listed account slots as a joining desk takes them (see
   * PortableSlots). A format-1 slot has no key pair to carry: its id is returned, for its holder to
   * sign in here once (which converts it) before the desk is enrolled, or to be left out.
   */
  portable(accountSlotIds: ReadonlySet<string>): { slots: PortableSlots; notCarried: string[] } {
    const kept = this.file.slots.filter((slot) => slot.kind === 'recovery' || accountSlotIds.has(slot.id));
    const slots: PortableSlots['slots'] = [];
    const notCarried: string[] = [];
    for (const slot of kept) {
      if (slot.sealed) slots.push({ id: slot.id, kind: slot.kind, kdf: slot.kdf, publicKey: slot.sealed.publicKey, privateKey: slot.sealed.privateKey });
      else notCarried.push(slot.id);
    }
    return { slots: { lookupKey: this.file.lookupKey, slots }, notCarried };
  }

  /**
   * A joining desk's slot file, in memory (commit() writes it): its own database key sealed to each
   * carried slot's public key, so every account opens it with its own password, and the recovery
   * key too, with no secret needed here.
   */
  static forJoiningDesk(dataDir: string, portable: PortableSlots, databaseKey: Buffer): KeySlotStore {
    const slots = portable.slots.map((slot) => sealedSlot(slot, slot, databaseKey));
    const file: SlotFile = { format: 2, lookupKey: portable.lookupKey, keyCheck: keyCheckOf(databaseKey), slots };
    return new KeySlotStore(join(dataDir, KEY_SLOTS_FILE), file, false);
  }

  /**
   * An account slot's key pair as it travels between desks (issue 13): the public key and the
   * private key wrapped under the account's password, as text with its keys in one order so every
   * desk writes the same. Undefined for a slot without a key pair (format 1) or no slot.
   */
  travellingKeyPair(slotId: string): string | undefined {
    const slot = this.file.slots.find((s) => s.id === slotId && s.kind === 'account');
    if (!slot?.sealed) return undefined;
    return JSON.stringify({ kdf: slot.kdf, publicKey: slot.sealed.publicKey, privateKey: slot.sealed.privateKey });
  }

  /**
   * Takes in an account's key pair that came from another desk: this desk's database key sealed to
   * its public key, so the account signs in here with the password it has there. No secret is
   * needed. Returns whether the slot file changed.
   */
  adoptTravellingKeyPair(slotId: string, keyPair: string, databaseKey: Buffer): boolean {
    this.assertDatabaseKey(databaseKey);
    const pair = this.adoptable(slotId, keyPair);
    if (!pair) return false;
    const slot = sealedSlot({ id: slotId, kind: 'account', kdf: pair.kdf }, pair, databaseKey);
    this.file = { ...this.file, format: 2, slots: [...this.file.slots.filter((s) => s.id !== slotId), slot] };
    this.save();
    return true;
  }

  /** Whether adoptTravellingKeyPair would change the slot file; reads only. */
  wouldAdopt(slotId: string, keyPair: string): boolean {
    return this.adoptable(slotId, keyPair) !== undefined;
  }

  /** A travelling key pair this file does not hold yet for an account's slot; undefined otherwise. */
  private adoptable(slotId: string, keyPair: string): z.infer<typeof travellingKeyPairSchema> | undefined {
    // Only an account's slot id (an HMAC of a user name), never the recovery slot's or another kind.
    if (!ACCOUNT_SLOT_ID.test(slotId)) return undefined;
    let parsed;
    try {
      parsed = travellingKeyPairSchema.safeParse(JSON.parse(keyPair));
    } catch {
      return undefined;
    }
    if (!parsed.success) return undefined;
    const current = this.file.slots.find((s) => s.id === slotId);
    if (current && current.kind !== 'account') return undefined;
    if (current?.sealed?.publicKey === parsed.data.publicKey) return undefined;
    return parsed.data;
  }

  /** Writes the file, as it is in memory, under another name (write-then-rename). */
  writeCopy(path: string): void {
    writeJsonAtomic(path, this.file);
  }

  /** Rewrites a format-1 slot in format 2, once its secret is known (at sign-in). */
  async upgrade(slotId: string, secret: string, databaseKey: Buffer): Promise<void> {
    const slot = this.file.slots.find((s) => s.id === slotId);
    if (!slot?.wrapped) return;
    await this.put(slotId, slot.kind, secret, databaseKey);
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
      const key = slot.sealed ? this.unseal(kek, slot, slot.sealed) : slot.wrapped ? unwrapKey(kek, slot.wrapped, associatedData(slot.id)) : null;
      if (!key) return null;
      this.assertDatabaseKey(key);
      return key;
    } finally {
      kek.fill(0);
    }
  }

  private unseal(kek: Buffer, slot: Slot, sealed: NonNullable<Slot['sealed']>): Buffer | null {
    const privateKey = unwrapKey(kek, sealed.privateKey, privateKeyData(slot.id));
    if (!privateKey) return null;
    try {
      return unsealKey(privateKey, Buffer.from(sealed.publicKey, 'base64'), sealed.key, associatedData(slot.id));
    } finally {
      privateKey.fill(0);
    }
  }

  private assertDatabaseKey(databaseKey: Buffer): void {
    if (!this.isFor(databaseKey)) throw new Error('The key does not belong to this vault.');
  }

  private save(): void {
    if (!this.persisted) return;
    writeJsonAtomic(this.path, this.file);
  }
}
