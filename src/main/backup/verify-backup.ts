import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { DATABASE_FILE } from '../db/connection';
import { derivedKey } from '../vault/derived-keys';
import { hashFile } from './durable-files';
import { manifestMacMatches, MANIFEST_FILE, type Manifest } from './manifest';
import { checkSnapshot, openSnapshot, type SnapshotFacts } from './snapshot';

/** The manifest is the backup's own (made under this database key), and says what it says. */
export function assertManifestSigned(folder: string, manifest: Manifest, key: Buffer): void {
  if (!manifestMacMatches(derivedKey(key, 'backupManifest'), manifest)) throw new AppError('backup_damaged', { path: folder, file: MANIFEST_FILE });
}

/** Each file is there, of the size and SHA-256 the manifest gives, read back from the disk. */
export function assertFilesMatch(folder: string, manifest: Manifest): void {
  for (const file of manifest.files) {
    const path = join(folder, file.name);
    if (!existsSync(path)) throw new AppError('backup_damaged', { path: folder, file: file.name });
    const found = hashFile(path);
    if (found.bytes !== file.bytes || found.sha256 !== file.sha256) throw new AppError('backup_damaged', { path: folder, file: file.name });
  }
}

function sameFacts(a: SnapshotFacts, b: Pick<Manifest, keyof SnapshotFacts>): boolean {
  return (
    a.schemaVersion === b.schemaVersion &&
    a.site.createdAt === b.site.createdAt &&
    a.site.prefix === b.site.prefix &&
    a.counts.people === b.counts.people &&
    a.counts.auditEntries === b.counts.auditEntries &&
    a.auditHead.entries === b.auditHead.entries &&
    a.auditHead.lastHash === b.auditHead.lastHash
  );
}

/** The database in `folder` opens with the key, passes every check, and holds what the manifest says. */
export function assertDatabaseMatches(folder: string, manifest: Manifest, key: Buffer): SnapshotFacts {
  let db;
  try {
    db = openSnapshot(join(folder, DATABASE_FILE), key);
  } catch {
    throw new AppError('backup_damaged', { path: folder, file: DATABASE_FILE });
  }
  try {
    const facts = checkSnapshot(db, key, manifest.auditLogProblem);
    if (!sameFacts(facts, manifest)) throw new AppError('backup_damaged', { path: folder, file: DATABASE_FILE });
    return facts;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('backup_damaged', { path: folder, file: DATABASE_FILE });
  } finally {
    db.close();
  }
}

/**
 * The backup's files are the ones its manifest was signed over: the MAC under this key, then every
 * file's size and SHA-256. Since the database was checked in full where it was written, bytes
 * that hash the same are that checked database. Reads only.
 */
export function assertBackupIntact(folder: string, manifest: Manifest, key: Buffer): void {
  assertManifestSigned(folder, manifest, key);
  assertFilesMatch(folder, manifest);
}
