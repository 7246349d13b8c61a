import { hkdfSync } from 'node:crypto';

/**
 * Keys for one purpose each, derived from the database key with HKDF-SHA256 and a fixed label, so
 * a MAC made for one purpose never verifies for another and the database key itself is never used
 * twice. Whoever holds the database key can derive them too: they prove a file or a row came from
 * the app (or from someone holding the key), not from anyone who merely edited it.
 */
export const KEY_PURPOSES = {
  auditHead: 'intake audit head v1',
  backupManifest: 'intake backup manifest v1',
} as const;
export type KeyPurpose = keyof typeof KEY_PURPOSES;

export function derivedKey(databaseKey: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), KEY_PURPOSES[purpose], 32));
}
