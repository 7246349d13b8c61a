import { randomBytes } from 'node:crypto';

/**
 * Global ids: UUIDv7 (RFC 9562), 16 bytes. Time-ordered, so a table's index on them grows at its end,
 * and 74 random bits, so two desks that never met never make the same one. Stored as BLOB.
 */
export function newGlobalId(now: number = Date.now()): Buffer {
  const id = randomBytes(16);
  id.writeUIntBE(now, 0, 6);
  id[6] = 0x70 | ((id[6] ?? 0) & 0x0f);
  id[8] = 0x80 | ((id[8] ?? 0) & 0x3f);
  return id;
}

/** The usual 8-4-4-4-12 text form, for output and logs (a global id says nothing about a person). */
export function globalIdText(id: Buffer): string {
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The text form of a UUIDv7, as globalIdText writes it. */
export const GLOBAL_ID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 16 bytes of a global id's text form (checked against GLOBAL_ID_TEXT by the caller). */
export function globalIdFromText(text: string): Buffer {
  return Buffer.from(text.replaceAll('-', ''), 'hex');
}

/** Whether 16 bytes are a UUIDv7: version 7, RFC variant. */
export function isGlobalId(value: unknown): value is Buffer {
  return Buffer.isBuffer(value) && value.length === 16 && (value[6] ?? 0) >> 4 === 7 && (value[8] ?? 0) >> 6 === 2;
}
