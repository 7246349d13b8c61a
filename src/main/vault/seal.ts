import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync } from 'node:crypto';
import { unwrapKey, wrapKey, type WrappedKey } from './wrap';

/**
 * A key sealed to a slot's public key (X25519 + HKDF-SHA256 + AES-256-GCM), so a supervisor can
 * give every slot a new database key at a rotation without anyone's password: only the slot's
 * private key, itself wrapped under the holder's password, opens it. A symmetric scheme could not
 * do this without storing something the old database key (which a disabled account once had)
 * would also unlock.
 */
export interface SealedKey extends WrappedKey {
  /** The sender's one-time public key, SPKI DER, base64. */
  readonly ephemeralKey: string;
}

export interface SlotKeyPair {
  /** SPKI DER. */
  readonly publicKey: Buffer;
  /** PKCS#8 DER: wrap it before it leaves memory. */
  readonly privateKey: Buffer;
}

export function newSlotKeyPair(): SlotKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
}

function sealingKey(shared: Buffer, ephemeralKey: Buffer, recipientKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralKey, recipientKey]), 'intake-keyslot-seal-v1', 32));
}

export function sealKey(recipientPublicKey: Buffer, key: Buffer, associatedData: string): SealedKey {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralKey = ephemeral.publicKey.export({ type: 'spki', format: 'der' });
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: createPublicKey({ key: recipientPublicKey, format: 'der', type: 'spki' }) });
  const kek = sealingKey(shared, ephemeralKey, recipientPublicKey);
  try {
    return { ephemeralKey: ephemeralKey.toString('base64'), ...wrapKey(kek, key, associatedData) };
  } finally {
    kek.fill(0);
    shared.fill(0);
  }
}

/** Null when the private key is not the one the key was sealed to, or anything was changed. */
export function unsealKey(privateKey: Buffer, recipientPublicKey: Buffer, sealed: SealedKey, associatedData: string): Buffer | null {
  try {
    const ephemeralKey = Buffer.from(sealed.ephemeralKey, 'base64');
    const shared = diffieHellman({
      privateKey: createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' }),
      publicKey: createPublicKey({ key: ephemeralKey, format: 'der', type: 'spki' }),
    });
    const kek = sealingKey(shared, ephemeralKey, recipientPublicKey);
    try {
      return unwrapKey(kek, sealed, associatedData);
    } finally {
      kek.fill(0);
      shared.fill(0);
    }
  } catch {
    return null;
  }
}
