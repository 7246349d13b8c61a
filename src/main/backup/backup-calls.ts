import { basename } from 'node:path';
import type { BackupResult, BackupStatus, RestoreReport } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { IntakeCore } from '../app/intake-core';
import { backupStatus, rememberBackup, rememberDrill, setGenerations } from './backup-record';
import { createBackup } from './create-backup';
import { drillBackup, restoreBackup } from './restore-backup';

/** The backup methods of the contract, over the signed-in supervisor's vault (see handlers.ts). */

export function status(core: IntakeCore): BackupStatus {
  return backupStatus(core.vault.db);
}

export function changeGenerations(core: IntakeCore, generations: number): BackupStatus {
  const { db } = core.vault;
  db.transaction(() => {
    setGenerations(db, generations);
    core.audit({ action: 'setting-change', details: { backupGenerations: generations } });
  })();
  return backupStatus(db);
}

/**
 * Makes and verifies a backup, then, in one transaction, remembers it and writes its entry. Not
 * inside the call's transaction: VACUUM INTO cannot run in one (it reads its own snapshot).
 */
export function create(core: IntakeCore, to: string): BackupResult {
  const vault = core.vault;
  const key = Buffer.from(vault.databaseKeyHex, 'hex');
  try {
    const result = createBackup({ db: vault.db, databaseKey: key, dataDir: core.dataDir, to, keep: backupStatus(vault.db).generations });
    vault.db.transaction(() => {
      rememberBackup(vault.db, { at: result.createdAt, path: result.path });
      core.audit({
        action: 'backup-create',
        details: { backup: result.name, people: result.people, entries: result.auditEntries, bytes: result.bytes, removed: result.removed.length },
      });
    })();
    return result;
  } finally {
    key.fill(0);
  }
}

/** A drill of a backup, recorded in the live audit log whether it passes or not. */
export async function drill(core: IntakeCore, from: string, password: string | undefined): Promise<RestoreReport> {
  const vault = core.vault;
  const user = core.user;
  const key = Buffer.from(vault.databaseKeyHex, 'hex');
  try {
    const report = await drillBackup(from, { key, ...(password && user ? { restorer: { userName: user.userName, password } } : {}) });
    vault.db.transaction(() => {
      rememberDrill(vault.db, { at: new Date().toISOString(), path: report.from });
      core.audit({
        action: 'backup-drill',
        details: { backup: basename(report.from), backupCreatedAt: report.createdAt, people: report.people, entries: report.auditEntries, passed: true },
      });
    })();
    return report;
  } catch (error) {
    if (core.stateName === 'signed-in') {
      core.audit({ action: 'backup-drill', details: { backup: basename(from), passed: false, ...(error instanceof AppError ? { error: error.code } : {}) } });
    }
    throw error;
  } finally {
    key.fill(0);
  }
}

/** Before set-up, from the CLI: into this core's (empty) data folder, or a drill in a temporary one. */
export function restore(core: IntakeCore, input: { from: string; userName: string; password: string; drill: boolean }): Promise<RestoreReport> {
  const restorer = { userName: input.userName, password: input.password };
  return input.drill ? drillBackup(input.from, { restorer }) : restoreBackup(input.from, core.dataDir, restorer);
}
