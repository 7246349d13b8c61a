import { AuditLog, type ChainCheck } from '../audit/audit-log';
import { checkCoverage, type CoverageCheck } from '../audit/coverage';
import type { Db } from './connection';
import { LATEST_VERSION, schemaVersion } from './migrations';

export interface VaultReport {
  integrity: string[];
  schemaVersion: number;
  expectedSchemaVersion: number;
  audit: ChainCheck;
  coverage: CoverageCheck;
}

/**
 * SQLite's integrity check over every page (each decrypted and authenticated), the schema
 * version, the audit log's hash chain, and its coverage: an entry for every record, account and
 * consent created.
 */
export function verifyVault(db: Db): VaultReport {
  const rows = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all();
  return {
    integrity: rows.map((row) => row.integrity_check),
    schemaVersion: schemaVersion(db),
    expectedSchemaVersion: LATEST_VERSION,
    audit: new AuditLog(db).verify(),
    coverage: checkCoverage(db),
  };
}
