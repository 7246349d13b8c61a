import type { Db } from './connection';
import { LATEST_VERSION, schemaVersion } from './migrations';

/** SQLite's integrity check over every page (each decrypted and authenticated) and the schema version. */
export function verifyVault(db: Db): { integrity: string[]; schemaVersion: number; expectedSchemaVersion: number } {
  const rows = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all();
  return {
    integrity: rows.map((row) => row.integrity_check),
    schemaVersion: schemaVersion(db),
    expectedSchemaVersion: LATEST_VERSION,
  };
}
