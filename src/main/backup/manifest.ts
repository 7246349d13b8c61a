import { createHmac } from 'node:crypto';
import { macEquals } from '../vault/mac';
import { join } from 'node:path';
import { z } from 'zod';
import { DATABASE_FILE } from '../db/connection';
import { KEY_SLOTS_FILE } from '../vault/key-slots';
import { readJsonFile } from '../vault/atomic-file';
import { AppError } from '../../shared/errors';

/**
 * A backup's manifest: what the backup holds (each file's size and SHA-256), what the database in
 * it holds (schema version, site, counts, the audit head), and a MAC over all of it under a key
 * derived from the database key. A file cut short, flipped or taken from another backup is refused
 * before anything is written. Holds no personal data and no user name.
 */
export const MANIFEST_FILE = 'manifest.json';
/** The files a backup holds beside its manifest: what a restore needs to open the vault. */
export const BACKUP_FILES = [DATABASE_FILE, KEY_SLOTS_FILE] as const;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().nonnegative();
const manifestSchema = z
  .object({
    format: z.literal(1),
    app: z.object({ name: z.string(), version: z.string() }).strict(),
    schemaVersion: count,
    site: z.object({ createdAt: z.string(), prefix: z.string() }).strict(),
    createdAt: z.iso.datetime(),
    files: z.array(z.object({ name: z.enum(BACKUP_FILES), bytes: count, sha256: hex64 }).strict()).length(BACKUP_FILES.length),
    counts: z.object({ people: count, auditEntries: count }).strict(),
    auditHead: z.object({ entries: count, lastHash: hex64 }).strict(),
    /**
     * Present only when the database's audit log was not sound when it was backed up (an English
     * phrase naming the entry or the head, never a value): the backup is made all the same, so no
     * record is lost, and every later check expects exactly this problem, no other and not none.
     */
    auditLogProblem: z.string().max(200).optional(),
    mac: hex64,
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;
export type UnsignedManifest = Omit<Manifest, 'mac'>;

/** JSON with keys sorted at every level: the bytes the MAC covers do not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function macOf(key: Buffer, manifest: UnsignedManifest): string {
  return createHmac('sha256', key).update(`intake-backup-manifest-v1\n${canonical(manifest)}`, 'utf8').digest('hex');
}

export function signManifest(key: Buffer, manifest: UnsignedManifest): Manifest {
  return { ...manifest, mac: macOf(key, manifest) };
}

export function manifestMacMatches(key: Buffer, manifest: Manifest): boolean {
  const { mac, ...unsigned } = manifest;
  const expected = Buffer.from(macOf(key, unsigned), 'hex');
  const actual = Buffer.from(mac, 'hex');
  return macEquals(actual, expected);
}

/**
 * The manifest of the backup in `folder`, as written; not yet checked against its MAC. A folder
 * with none is no backup (or one cut short before it was whole); one that is not a manifest is damaged.
 */
export function readManifest(folder: string): Manifest {
  const read = readJsonFile(join(folder, MANIFEST_FILE));
  if (read.status === 'missing') throw new AppError('backup_not_found', { path: folder });
  const parsed = read.status === 'read' ? manifestSchema.safeParse(read.value) : undefined;
  if (!parsed?.success) throw new AppError('backup_damaged', { path: folder, file: MANIFEST_FILE });
  return parsed.data;
}
