import { randomBytes } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import type { KeyRotationStage } from '../../shared/contract';
import { DATABASE_FILE, keyConnection, type Db } from '../db/connection';
import { checkAuditHead, hasAuditHead, resealAuditHead } from '../audit/audit-head';
import { derivedKey } from './derived-keys';
import { KEY_SLOTS_FILE, KeySlotStore } from './key-slots';
import { readJsonFile, writeJsonAtomic } from './atomic-file';

/**
 * Rotating the database key (issue 12): a new random key for the database (`PRAGMA rekey`), the
 * recovery slot and every enabled account's slot given the new key, every other slot dropped.
 * Afterwards no earlier copy of keyslots.json opens the live database: the key it holds no longer
 * decrypts it.
 *
 * Crash safety, step by step (the database opens with the old or the new key, never neither):
 *  1. The new slot file is written whole, beside the live one, as keyslots.rotating.json.
 *  2. `PRAGMA rekey` rewrites every page under the new key in one write transaction. The database
 *     runs in WAL mode, where SQLite3 Multiple Ciphers 2.4 rekeys (keeping the page salt): the
 *     pages go to the WAL and count only once the commit frame is synced, so a crash before it
 *     leaves the old key, after it the new one. The audit head's MAC (keyed from the database key)
 *     is then sealed under the new key, and a checkpoint moves the pages into intake.db.
 *  3. The new slot file replaces keyslots.json (write-then-rename), the pending one is removed,
 *     and key-rotation.json records when, with the new key's check value (no secret).
 * At unlock (unlockDatabaseKey): when a pending file is there and the key from keyslots.json does
 * not open the database, the crash came between 2 and 3; the same secret opens the pending file,
 * its key opens the database, the audit head is sealed under it if the crash came before that, and
 * step 3 is finished. A pending file whose key does not open the
 * database is from a rotation that never reached 2: it is left alone (its key encrypts nothing)
 * and the next rotation replaces it. It is never deleted at unlock, because a rotation under way
 * in another process may be about to need it.
 */
export const PENDING_SLOTS_FILE = 'keyslots.rotating.json';
export const LAST_ROTATION_FILE = 'key-rotation.json';

const lastRotationSchema = z.object({ format: z.literal(1), rotatedAt: z.string(), keyCheck: z.string() });

export interface RotationInput {
  dataDir: string;
  /** The open database, under the old key, not inside a transaction. */
  db: Db;
  oldKey: Buffer;
  /** The supervisor rotating: their slot is written afresh with their secret when it is still of format 1. */
  own: { slotId: string; secret: string };
  /** Told as each stage starts; awaited, so a host can answer app.progress before the rekey. */
  onProgress?: (stage: KeyRotationStage) => Promise<void> | void;
  now?: () => Date;
  /** For the crash tests: called just before and just after the rekey. */
  hooks?: { beforeRekey?: () => void; afterRekey?: () => void };
}

export interface RotationResult {
  newKey: Buffer;
  slots: KeySlotStore;
  /** Account slots given the new key. */
  accounts: number;
  /** Account slots dropped: none should be left, disabled accounts' slots go at the disable. */
  dropped: number;
  milliseconds: number;
}

/** Whether a key opens the database file; reads one page and writes nothing. */
export function databaseOpensWith(dataDir: string, key: Buffer): boolean {
  let db: Db | undefined;
  try {
    db = new Database(join(dataDir, DATABASE_FILE), { fileMustExist: true });
    keyConnection(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function writeLastRotation(dataDir: string, slots: KeySlotStore, at: Date): void {
  writeJsonAtomic(join(dataDir, LAST_ROTATION_FILE), { format: 1, rotatedAt: at.toISOString(), keyCheck: slots.keyCheck });
}

/**
 * A rotation cut short between the rekey and the resealing of the audit head leaves the head's MAC
 * under the old key. Finishing it, the old key is at hand (it came from the old keyslots.json):
 * the head is sealed under the new key when it was sound under the old one, left alone when it is
 * already sealed under the new one.
 */
function resealHeadAfterCrash(dataDir: string, oldKey: Buffer, newKey: Buffer): void {
  const db = new Database(join(dataDir, DATABASE_FILE), { fileMustExist: true });
  try {
    keyConnection(db, newKey);
    if (!hasAuditHead(db)) return;
    const newHeadKey = derivedKey(newKey, 'auditHead');
    const status = checkAuditHead(db, newHeadKey).status;
    if (status !== 'forged' && status !== 'unsealed') return;
    if (status === 'forged') resealAuditHead(db, derivedKey(oldKey, 'auditHead'), newHeadKey);
  } finally {
    db.close();
  }
}

/** Step 3: the pending slot file becomes keyslots.json. */
function finishRotation(dataDir: string, next: KeySlotStore, at: Date): KeySlotStore {
  next.writeCopy(join(dataDir, KEY_SLOTS_FILE));
  writeLastRotation(dataDir, next, at);
  removePending(dataDir);
  return KeySlotStore.open(dataDir);
}

function pendingIsStale(dataDir: string, slots: KeySlotStore): boolean {
  try {
    return KeySlotStore.open(dataDir, PENDING_SLOTS_FILE).keyCheck === slots.keyCheck;
  } catch {
    return false;
  }
}

function removePending(dataDir: string): void {
  const pending = join(dataDir, PENDING_SLOTS_FILE);
  if (existsSync(pending)) unlinkSync(pending);
}

/**
 * When keyslots.json is an older copy than the database (put back after a key rotation), the time
 * of the last rotation; undefined when nothing says so. Asked only once the key failed to open it.
 */
export function slotFileOutdatedSince(dataDir: string, slots: KeySlotStore): string | undefined {
  const read = readJsonFile(join(dataDir, LAST_ROTATION_FILE));
  if (read.status !== 'read') return undefined;
  const parsed = lastRotationSchema.safeParse(read.value);
  if (!parsed.success || parsed.data.keyCheck === slots.keyCheck) return undefined;
  return parsed.data.rotatedAt;
}

/**
 * The database key for a secret, finishing a rotation a crash cut short (see above). Null when the
 * secret opens no slot. The key is not checked against the database when no rotation is pending.
 */
export async function unlockDatabaseKey(
  dataDir: string,
  slots: KeySlotStore,
  slotId: string,
  secret: string,
): Promise<{ key: Buffer; slots: KeySlotStore } | null> {
  const key = await slots.open(slotId, secret);
  // A pending file for the key keyslots.json already holds is what a crash left after a rotation
  // ended: stale, and it would let a password since disabled or changed unwrap the live key.
  if (existsSync(join(dataDir, PENDING_SLOTS_FILE)) && pendingIsStale(dataDir, slots)) removePending(dataDir);
  if (!existsSync(join(dataDir, PENDING_SLOTS_FILE))) {
    if (!key) return null;
    // A format-1 slot becomes re-sealable now its secret is known, so later rotations keep it.
    await slots.upgrade(slotId, secret, key);
    return { key, slots };
  }
  if (key && databaseOpensWith(dataDir, key)) return { key, slots };
  let pending: KeySlotStore;
  try {
    pending = KeySlotStore.open(dataDir, PENDING_SLOTS_FILE);
  } catch {
    return key ? { key, slots } : null;
  }
  const newKey = await pending.open(slotId, secret);
  if (newKey && databaseOpensWith(dataDir, newKey)) {
    if (key) resealHeadAfterCrash(dataDir, key, newKey);
    key?.fill(0);
    return { key: newKey, slots: finishRotation(dataDir, pending, new Date()) };
  }
  newKey?.fill(0);
  return key ? { key, slots } : null;
}

/** Rotates the database key; see the top of this file for the order of the steps. */
export async function rotateDatabaseKey(input: RotationInput): Promise<RotationResult> {
  const { dataDir, db, oldKey, own } = input;
  const now = input.now ?? (() => new Date());
  const started = Date.now();
  if (db.inTransaction) throw new Error('The key cannot be rotated inside a transaction.');
  const current = KeySlotStore.open(dataDir); // as it is on disk now: the CLI may have changed it
  // Another process rotated the key meanwhile: this connection's key is not the one on disk.
  if (!current.isFor(oldKey)) throw new AppError('key_rotation_failed');
  const enabled = new Set(
    db.prepare<[], { slot_id: string }>('SELECT slot_id FROM accounts WHERE disabled_at IS NULL').all().map((row) => row.slot_id),
  );
  const newKey = randomBytes(32);
  const { store: next, notResealed } = current.resealed(newKey, enabled);
  const blocked = notResealed.filter((slot) => slot.id !== own.slotId);
  if (blocked.length > 0) {
    newKey.fill(0);
    throw new AppError('key_rotation_needs_sign_in', {
      accounts: blocked.filter((slot) => slot.kind === 'account').length,
      recovery: blocked.some((slot) => slot.kind === 'recovery') ? 1 : 0,
    });
  }
  if (notResealed.length > 0) await next.put(own.slotId, 'account', own.secret, newKey);
  const accounts = next.slotIds('account').length;
  const dropped = current.slotIds('account').length - accounts;

  // 1. The new slots, whole, before the database changes.
  next.writeCopy(join(dataDir, PENDING_SLOTS_FILE));
  await input.onProgress?.('re-encrypting');
  input.hooks?.beforeRekey?.();
  // 2. Every page under the new key, in one transaction; then into the main file.
  try {
    db.pragma(`rekey = "x'${newKey.toString('hex')}'"`);
  } catch (error) {
    if (!databaseOpensWith(dataDir, newKey)) {
      // Rolled back: the old key still opens it, and the pending slots would only confuse.
      const oldKeyOpens = databaseOpensWith(dataDir, oldKey);
      if (oldKeyOpens) removePending(dataDir);
      newKey.fill(0);
      // The old key still opens it: nothing changed, and the supervisor may try again.
      throw oldKeyOpens ? new AppError('key_rotation_failed') : error;
    }
  }
  // The audit head's MAC is keyed from the database key: seal it again under the new one (a crash
  // before this line is made good at the next unlock, see resealHeadAfterCrash).
  if (hasAuditHead(db)) resealAuditHead(db, derivedKey(oldKey, 'auditHead'), derivedKey(newKey, 'auditHead'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  input.hooks?.afterRekey?.();
  // 3. The slot file follows the database.
  await input.onProgress?.('re-wrapping');
  const slots = finishRotation(dataDir, next, now());
  await input.onProgress?.('done');
  return { newKey, slots, accounts, dropped, milliseconds: Date.now() - started };
}
