import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { deriveKey, newScryptParams, type ScryptParams } from '../vault/kdf';
import { kdfSchema, portableSlotsSchema } from '../vault/key-slots';
import { GLOBAL_ID_TEXT } from './global-id';
import { macEquals } from '../vault/mac';
import { unwrapKey, wrapKey } from '../vault/wrap';

/**
 * The enrolment file a supervisor gives a new desk (issue 13, docs/desk-exchange.md): what the desk
 * needs to become one of the site's: the site's id and exchange key, its own identity and Ed25519
 * key pair, the desks known, the site's settings and catalogue, and the accounts with their slot
 * key pairs (each private key still wrapped under its holder's password). All of it is encrypted
 * (AES-256-GCM) under a key derived with scrypt from a one-time passphrase the supervisor tells the
 * person at the new desk by another way than the file. A check value, an HMAC under the derived key,
 * tells a wrong passphrase from a file whose sealed part was changed (a changed salt or cost derives
 * another key, so it reads as a wrong passphrase). It lets a guesser test a passphrase no faster
 * than the AES-GCM tag would: each guess still costs one scrypt.
 */
const FORMAT = 'intake-enrolment';
const VERSION = 1;
const AAD = 'intake-enrolment-v1';
/**
 * An enrolment file carries the site's settings, catalogue and accounts: a few hundred kilobytes
 * at a large site. Anything far larger is not read (a wrong file picked, a disk image).
 */
export const ENROLMENT_MAX_BYTES = 16 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const globalIdText = z.string().regex(GLOBAL_ID_TEXT);

export const enrolmentSchema = z
  .object({
    site: z.object({ id: globalIdText, createdAt: z.string(), exchangeKey: base64 }).strict(),
    desks: z.array(z.object({ id: globalIdText, number: z.number().int().min(1), publicKey: base64, enrolledAt: z.string(), retiredAt: z.string().nullable() }).strict()),
    desk: z.object({ id: globalIdText, number: z.number().int().min(2), privateKey: base64 }).strict(),
    settings: z.array(z.object({ key: z.string(), value: z.string() }).strict()),
    specificNeeds: z.array(
      z
        .object({
          code: z.string(),
          gid: globalIdText,
          field: z.string(),
          origin: z.string(),
          offered: z.number().int(),
          labels: z.string().nullable(),
          changedAt: z.string(),
        })
        .strict(),
    ),
    accounts: z.array(
      z
        .object({
          id: globalIdText,
          slotId: z.string(),
          userName: z.string(),
          role: z.enum(['clerk', 'protection', 'supervisor']),
          language: z.string(),
          viewMode: z.enum(['normal', 'restricted']),
          /** Absent from enrolment files of versions before migration 17. */
          passwordChangeDue: z.boolean().optional(),
          createdAt: z.string(),
          updatedAt: z.string(),
        })
        .strict(),
    ),
    keySlots: portableSlotsSchema,
    /**
     * The merge state of the rows carried (settings, catalogue, accounts, desks): the joining desk's
     * first change of one of them then comes after what the site had, as it does at the other desks.
     */
    fieldVersions: z
      .array(
        z
          .object({
            entity: z.enum(['account', 'desk', 'setting', 'specific_need']),
            row: z.string().max(64),
            field: z.string().max(128),
            version: z.number().int().min(0),
            hlc: z.string().regex(/^\d{15}-\d{5}$/),
            desk: z.number().int().min(1),
            seq: z.number().int().min(1),
          })
          .strict(),
      )
      .optional(),
    enrolledAt: z.string(),
  })
  .strict();
export type Enrolment = z.infer<typeof enrolmentSchema>;

const envelopeSchema = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(VERSION),
    // The slots' bounds: N a power of two, or scrypt would throw and a changed file read as an internal error.
    kdf: kdfSchema,
    check: base64,
    sealed: z.object({ iv: base64, ciphertext: base64, tag: base64 }).strict(),
  })
  .strict();

function checkOf(key: Buffer): string {
  return createHmac('sha256', key).update('intake enrolment passphrase check v1').digest('base64');
}

export async function sealEnrolment(enrolment: Enrolment, passphrase: string): Promise<Buffer> {
  const kdf: ScryptParams = newScryptParams();
  const key = await deriveKey(passphrase, kdf);
  try {
    const sealed = wrapKey(key, Buffer.from(JSON.stringify(enrolment), 'utf8'), AAD);
    return Buffer.from(`${JSON.stringify({ format: FORMAT, version: VERSION, kdf, check: checkOf(key), sealed })}\n`, 'utf8');
  } finally {
    key.fill(0);
  }
}

/** The enrolment, or a refusal naming the cause: not an enrolment file, a wrong passphrase, a changed file. */
export async function openEnrolment(bytes: Buffer, passphrase: string, file: string): Promise<Enrolment> {
  let envelope;
  try {
    envelope = envelopeSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new AppError('enrolment_not_an_enrolment', { file });
  }
  const key = await deriveKey(passphrase, envelope.kdf);
  try {
    if (!macEquals(Buffer.from(checkOf(key), 'base64'), Buffer.from(envelope.check, 'base64'))) throw new AppError('enrolment_wrong_passphrase', { file });
    const plain = unwrapKey(key, envelope.sealed, AAD);
    if (!plain) throw new AppError('enrolment_damaged', { file });
    try {
      let value: unknown;
      try {
        value = JSON.parse(plain.toString('utf8'));
      } catch {
        throw new AppError('enrolment_damaged', { file });
      }
      const parsed = enrolmentSchema.safeParse(value);
      if (!parsed.success) throw new AppError('enrolment_damaged', { file });
      return parsed.data;
    } finally {
      plain.fill(0);
    }
  } finally {
    key.fill(0);
  }
}
