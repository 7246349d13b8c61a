import { AuditLog, type ChainCheck } from '../audit/audit-log';
import { receivedChains, type ReceivedChain } from '../exchange/received-audit';
import { checkCoverage, type CoverageCheck } from '../audit/coverage';
import { checkAuditHead, type HeadCheck } from '../audit/audit-head';
import type { Db } from './connection';
import { LATEST_VERSION, schemaVersion } from './migrations';

export interface VaultReport {
  integrity: string[];
  schemaVersion: number;
  expectedSchemaVersion: number;
  audit: ChainCheck;
  /** The log's end against its head: entries cut from the end, or a head changed past the app. */
  auditHead: HeadCheck;
  coverage: CoverageCheck;
  /** The audit chains of the site's other desks, as received in exchanges, each walked like this desk's. */
  otherDesks: ReceivedChain[];
}

/**
 * SQLite's integrity check over every page (each decrypted and authenticated), the schema
 * version, the audit log's hash chain, and its coverage: an entry for every record, account and
 * consent created. With the audit head's key (derived from the database key) the head's MAC is
 * checked too.
 */
export function verifyVault(db: Db, auditHeadKey?: Buffer): VaultReport {
  const rows = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all();
  return {
    integrity: rows.map((row) => row.integrity_check),
    schemaVersion: schemaVersion(db),
    expectedSchemaVersion: LATEST_VERSION,
    audit: new AuditLog(db).verify(),
    auditHead: checkAuditHead(db, auditHeadKey),
    coverage: checkCoverage(db),
    otherDesks: receivedChains(db),
  };
}
