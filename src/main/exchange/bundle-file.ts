import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, type ErrorCode, type ErrorParams } from '../../shared/errors';
import { syncFolder } from '../backup/durable-files';
import { GLOBAL_ID_TEXT } from './global-id';

/**
 * A bundle file: what one desk carries to the other desks of its site, on a stick or through a
 * shared folder. What is inside (the operations) is designed elsewhere; here it is opaque bytes.
 *
 *   "intake-bundle\n"                        magic line naming the format
 *   header JSON, canonical, then "\n"        format version, site, desk, sequence range, time, payload length
 *   nonce (12 bytes)                         random
 *   ciphertext (payloadLength bytes)         AES-256-GCM, key derived from the site exchange key by HKDF-SHA256,
 *   tag (16 bytes)                           the header line (without its "\n") as additional authenticated data
 *   signature (64 bytes)                     Ed25519 of the desk, over every byte before it
 *
 * A lost stick exposes the header (which site and desk, which sequence numbers, when, how long)
 * and nothing of the payload without the site exchange key.
 */

export const BUNDLE_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('intake-bundle\n', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SIGNATURE_BYTES = 64;
/** A header is a few hundred bytes; anything longer is not one. */
const MAX_HEADER_BYTES = 4096;
const KEY_SALT = Buffer.from('intake-bundle', 'latin1');
const KEY_INFO = Buffer.from('intake-bundle v1 payload key', 'latin1');

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

export interface BundleHeader {
  /** The format version; this code reads and writes BUNDLE_FORMAT_VERSION. */
  format: number;
  /** The site's global id, text form. */
  site: string;
  /** The writing desk's global id, text form. */
  desk: string;
  /**
   * The range of the desk's own sequence numbers the bundle carries, both included. A bundle that
   * carries none of the desk's own (only, say, acknowledgements) has firstSeq = lastSeq + 1.
   */
  firstSeq: number;
  lastSeq: number;
  /** ISO 8601 UTC time the bundle was written. */
  createdAt: string;
  /** Bytes of the payload (plaintext; the ciphertext has the same length). */
  payloadLength: number;
}

/** What the caller fills in; the format version and payload length are the sealer's. */
export type BundleHeaderInput = Omit<BundleHeader, 'format' | 'payloadLength'>;

export interface SealKeys {
  /** The site exchange key, 32 bytes (siteExchangeKey(db)). */
  exchangeKey: Buffer;
  /** This desk's Ed25519 private key. */
  privateKey: KeyObject;
}

/** What the opening desk knows of a desk of its site. */
export interface KnownDesk {
  /** Ed25519 public key; null for a desk enrolled but whose key this desk has not received. */
  publicKey: KeyObject | null;
  retired: boolean;
  /** For a retired desk: the last of its sequence numbers the site accepted before retiring it. */
  acceptsUpTo: number | null;
}

export interface OpenContext {
  siteId: string;
  exchangeKey: Buffer;
  /** The desk of that global id as this desk knows it, or undefined if it knows no such desk. */
  deskOf: (deskId: string) => KnownDesk | undefined;
}

/** Why a bundle was refused, in the order the checks are made. */
export const REFUSAL_REASONS = [
  'not_a_bundle',
  'unsupported_version',
  'other_site',
  'unknown_desk',
  'retired_desk',
  'bad_signature',
  'damaged',
  'newer_app',
  'sent_on_unsigned',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const CODE_OF: Record<RefusalReason, ErrorCode> = {
  not_a_bundle: 'bundle_not_a_bundle',
  unsupported_version: 'bundle_version_unsupported',
  other_site: 'bundle_other_site',
  unknown_desk: 'bundle_unknown_desk',
  retired_desk: 'bundle_retired_desk',
  bad_signature: 'bundle_signature_invalid',
  newer_app: 'bundle_from_newer_app',
  damaged: 'bundle_damaged',
  sent_on_unsigned: 'bundle_sent_on_unsigned',
};

/** A bundle refused whole: nothing of it may be applied. The code gives the message, the reason the audit. */
export class BundleRefused extends AppError {
  constructor(
    readonly reason: RefusalReason,
    params?: ErrorParams,
  ) {
    super(CODE_OF[reason], params);
    this.name = 'BundleRefused';
  }
}

/** The header's bytes: keys in one fixed order, no spaces, so one header has one encoding. */
export function canonicalHeader(header: BundleHeader): Buffer {
  const ordered: BundleHeader = {
    format: header.format,
    site: header.site,
    desk: header.desk,
    firstSeq: header.firstSeq,
    lastSeq: header.lastSeq,
    createdAt: header.createdAt,
    payloadLength: header.payloadLength,
  };
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

function payloadKey(exchangeKey: Buffer): Buffer {
  if (exchangeKey.length !== 32) throw new Error('The site exchange key is 32 bytes.');
  return Buffer.from(hkdfSync('sha256', exchangeKey, KEY_SALT, KEY_INFO, 32));
}

const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The fields of a version-1 header, all present, of the right shape, and no others. */
function isHeader(value: Record<string, unknown>): value is Record<string, unknown> & BundleHeader {
  const keys = Object.keys(value).sort().join(',');
  return (
    keys === 'createdAt,desk,firstSeq,format,lastSeq,payloadLength,site' &&
    typeof value.site === 'string' &&
    GLOBAL_ID_TEXT.test(value.site) &&
    typeof value.desk === 'string' &&
    GLOBAL_ID_TEXT.test(value.desk) &&
    isSeq(value.firstSeq) &&
    isSeq(value.lastSeq) &&
    value.firstSeq >= 1 &&
    value.firstSeq <= value.lastSeq + 1 &&
    typeof value.createdAt === 'string' &&
    ISO_TIME.test(value.createdAt) &&
    isSeq(value.payloadLength)
  );
}

function checkHeaderInput(header: BundleHeaderInput, payloadLength: number): BundleHeader {
  const full: BundleHeader = {
    format: BUNDLE_FORMAT_VERSION,
    site: header.site,
    desk: header.desk,
    firstSeq: header.firstSeq,
    lastSeq: header.lastSeq,
    createdAt: header.createdAt,
    payloadLength,
  };
  if (!isHeader({ ...full })) throw new Error('A bundle header needs global ids, 1 <= firstSeq <= lastSeq + 1 and an ISO UTC time.');
  return full;
}

/** Seals a payload into the bytes of a bundle file. */
export function sealBundle(header: BundleHeaderInput, payload: Buffer, keys: SealKeys): Buffer {
  if (keys.privateKey.asymmetricKeyType !== 'ed25519' || keys.privateKey.type !== 'private') {
    throw new Error('A bundle is signed with the desk\'s Ed25519 private key.');
  }
  const headerBytes = canonicalHeader(checkHeaderInput(header, payload.length));
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', payloadKey(keys.exchangeKey), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(headerBytes);
  const ciphertext = Buffer.concat([cipher.update(payload), cipher.final()]);
  const signed = Buffer.concat([MAGIC, headerBytes, Buffer.from('\n', 'latin1'), nonce, ciphertext, cipher.getAuthTag()]);
  return Buffer.concat([signed, sign(null, signed, keys.privateKey)]);
}

/** The file name of a desk's bundle: its own bundles are recognisable, and a later one sorts by lastSeq. */
export function bundleFileName(header: Pick<BundleHeader, 'desk' | 'lastSeq'>): string {
  return `intake-bundle-${header.desk}-${header.lastSeq}.bundle`;
}

const BUNDLE_NAME = /^intake-bundle-([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})-(0|[1-9][0-9]{0,15})\.bundle$/;

/** The desk and last sequence number a bundle's file name gives, or undefined for any other name. */
export function parseBundleFileName(name: string): { deskId: string; lastSeq: number } | undefined {
  const match = BUNDLE_NAME.exec(name);
  if (!match?.[1] || !match[2]) return undefined;
  const lastSeq = Number(match[2]);
  return Number.isSafeInteger(lastSeq) ? { deskId: match[1], lastSeq } : undefined;
}

/**
 * Writes bytes as `folder/name` so that a pulled stick or a power cut never leaves a file of that
 * name that is not whole: under a temporary name (which no reader takes for a bundle), synced,
 * renamed, and the folder synced so the rename is on the media.
 */
export function writeFileDurably(folder: string, name: string, bytes: Buffer): void {
  const target = join(folder, name);
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(folder);
}

/** Seals a bundle and writes it durably into a folder; returns its file name. */
export function writeBundle(folder: string, header: BundleHeaderInput, payload: Buffer, keys: SealKeys): string {
  const name = bundleFileName(header);
  writeFileDurably(folder, name, sealBundle(header, payload, keys));
  return name;
}

/**
 * Opens a bundle file's bytes: the payload only if every check passes, else BundleRefused with the
 * first reason met. In order: the magic line, the header's form, the format version, the site, the
 * desk (known, not retired beyond what the site accepted from it), the file's length against the
 * header, the desk's signature over everything, and the AES-GCM tag over header and payload.
 * Nothing read before the signature and tag is trusted for anything but choosing the refusal.
 */
export function openBundle(bytes: Buffer, context: OpenContext): { header: BundleHeader; payload: Buffer } {
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new BundleRefused('not_a_bundle');

  // The header line ends within MAX_HEADER_BYTES (the search never runs through a large file).
  const headerEnd = bytes.subarray(0, MAGIC.length + MAX_HEADER_BYTES + 1).indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0) throw new BundleRefused('damaged');
  const headerBytes = bytes.subarray(MAGIC.length, headerEnd);
  let parsed: unknown;
  try {
    parsed = JSON.parse(headerBytes.toString('utf8'));
  } catch {
    throw new BundleRefused('damaged');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BundleRefused('damaged');
  const fields = parsed as Record<string, unknown>;
  // Only a whole number is a format version: any other value is not shown (it is unchecked text
  // that would go into the message the user reads) and the header is damaged.
  if (typeof fields.format !== 'number' || !Number.isSafeInteger(fields.format)) throw new BundleRefused('damaged');
  if (fields.format !== BUNDLE_FORMAT_VERSION) {
    throw new BundleRefused('unsupported_version', { version: fields.format, supported: BUNDLE_FORMAT_VERSION });
  }
  if (!isHeader(fields) || !canonicalHeader(fields).equals(headerBytes)) throw new BundleRefused('damaged');
  const header: BundleHeader = { ...fields };

  if (header.site !== context.siteId) throw new BundleRefused('other_site');
  const desk = context.deskOf(header.desk);
  if (!desk || !desk.publicKey) throw new BundleRefused('unknown_desk', { desk: header.desk });
  if (desk.retired && (desk.acceptsUpTo === null || header.lastSeq > desk.acceptsUpTo)) {
    throw new BundleRefused('retired_desk', { desk: header.desk });
  }

  // A file cut short (or grown) is told apart from a forged one: its length is not the header's.
  const bodyStart = headerEnd + 1;
  if (bytes.length !== bodyStart + NONCE_BYTES + header.payloadLength + TAG_BYTES + SIGNATURE_BYTES) {
    throw new BundleRefused('damaged', { desk: header.desk });
  }
  const signatureStart = bytes.length - SIGNATURE_BYTES;
  const signed = bytes.subarray(0, signatureStart);
  let signatureOk = false;
  try {
    signatureOk =
      desk.publicKey.asymmetricKeyType === 'ed25519' && verify(null, signed, desk.publicKey, bytes.subarray(signatureStart));
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) throw new BundleRefused('bad_signature', { desk: header.desk });

  const nonce = bytes.subarray(bodyStart, bodyStart + NONCE_BYTES);
  const ciphertextEnd = bodyStart + NONCE_BYTES + header.payloadLength;
  const decipher = createDecipheriv('aes-256-gcm', payloadKey(context.exchangeKey), nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(headerBytes);
  decipher.setAuthTag(bytes.subarray(ciphertextEnd, signatureStart));
  const opened = decipher.update(bytes.subarray(bodyStart + NONCE_BYTES, ciphertextEnd));
  try {
    // The tag is checked (in constant time, by OpenSSL) here; until it passes, `opened` is withheld.
    const rest = decipher.final();
    return { header, payload: rest.length > 0 ? Buffer.concat([opened, rest]) : opened };
  } catch {
    opened.fill(0);
    throw new BundleRefused('damaged', { desk: header.desk });
  }
}
