import { timingSafeEqual } from 'node:crypto';

/**
 * Whether two secret-derived values (a MAC, a key check, a token) are equal, in constant time for
 * equal lengths; values of different lengths are unequal (timingSafeEqual would throw).
 */
export function macEquals(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
