import { randomBytes, scrypt } from 'node:crypto';

/**
 * scrypt from node:crypto: memory-hard, at OWASP's floor (N=2^17, r=8, p=1) and with no native
 * dependency beyond Node itself. Argon2id is not in Node 22's crypto; the parameters are stored
 * beside each slot so a later version can raise them or switch KDF without breaking old slots.
 */
export interface ScryptParams {
  readonly kdf: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  /** base64, 16 random bytes */
  readonly salt: string;
}

export const SCRYPT_FLOOR = { N: 2 ** 17, r: 8, p: 1 } as const;

export function newScryptParams(): ScryptParams {
  return { kdf: 'scrypt', ...SCRYPT_FLOOR, salt: randomBytes(16).toString('base64') };
}

export function deriveKey(secret: string, params: ScryptParams): Promise<Buffer> {
  const maxmem = 128 * params.N * params.r * params.p + 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(secret, 'utf8'),
      Buffer.from(params.salt, 'base64'),
      32,
      { N: params.N, r: params.r, p: params.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
