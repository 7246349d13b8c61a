import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A key encrypted under another with AES-256-GCM; all fields base64. */
export interface WrappedKey {
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

export function wrapKey(keyEncryptionKey: Buffer, key: Buffer, associatedData: string): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyEncryptionKey, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Returns null when the key-encryption key is wrong (the tag does not verify). */
export function unwrapKey(keyEncryptionKey: Buffer, wrapped: WrappedKey, associatedData: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyEncryptionKey, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
