import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a key copied by hand is hard to misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_BYTES = 20; // 160 bits: 32 characters, shown as 8 groups of 4

export function newRecoveryKey(): string {
  return encode(randomBytes(KEY_BYTES));
}

function encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)?.join('-') ?? out;
}

/**
 * Canonical form of a key as typed: case, spaces and dashes ignored, and the letters people
 * confuse with digits read as those digits. Returns null when it cannot be a recovery key.
 */
export function canonicalRecoveryKey(typed: string): string | null {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (cleaned.length !== Math.ceil((KEY_BYTES * 8) / 5)) return null;
  if ([...cleaned].some((c) => !ALPHABET.includes(c))) return null;
  return cleaned.match(/.{1,4}/g)?.join('-') ?? null;
}
