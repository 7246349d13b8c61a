/**
 * The audit log's end is anchored: someone with the database key who deletes the last entries
 * (dropping the triggers that stop honest mistakes) is caught by `intake verify`, by number; so is
 * a head changed by hand (its MAC no longer matches) or reset to unsealed.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { checkAuditHead } from '../../../src/main/audit/audit-head';
import { AuditLog } from '../../../src/main/audit/audit-log';
import { derivedKey } from '../../../src/main/vault/derived-keys';
import { DATABASE_FILE, openEncrypted, type Db } from '../../../src/main/db/connection';
import { migrate, MIGRATIONS } from '../../../src/main/db/migrations';
import { KeySlotStore } from '../../../src/main/vault/key-slots';
import { OpenVault } from '../../../src/main/vault/open-vault';
import { tempDataDir } from '../helpers/temp-dir';
import { setUpVault, SUPERVISOR } from '../helpers/vault';
import { caller } from './backup-helpers';

const CLI = join(process.cwd(), 'src/main/cli/index.ts');

/** A vault with some entries, closed; the raw key, as `intake export-key` gives it. */
async function closedVault(): Promise<{ dataDir: string; key: Buffer; entries: number }> {
  const dataDir = tempDataDir('audit-head');
  const { core } = await setUpVault(dataDir);
  for (let i = 0; i < 6; i++) core.audit({ action: 'setting-change', details: { round: i } });
  const key = Buffer.from(core.vault.databaseKeyHex, 'hex');
  core.close();
  const db = openEncrypted(join(dataDir, DATABASE_FILE), key, { mustExist: true });
  const entries = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  db.close();
  return { dataDir, key, entries };
}

function withRawSql(dataDir: string, key: Buffer, work: (db: Db) => void): void {
  const db = openEncrypted(join(dataDir, DATABASE_FILE), key, { mustExist: true });
  try {
    work(db);
  } finally {
    db.close();
  }
}

async function verifyReport(dataDir: string) {
  const core = new IntakeCore({ dataDir });
  try {
    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const result = await caller(core)('vault.verify', {});
    if (!result.ok) throw new Error(result.error.code);
    return { report: result.value, core };
  } catch (error) {
    core.close();
    throw error;
  }
}

describe("the audit log's head", () => {
  it('is sound as the app writes it', async () => {
    const { dataDir, entries } = await closedVault();
    const { report, core } = await verifyReport(dataDir);
    core.close();
    // The sign-in adds its own entry.
    expect(report.auditHead).toEqual({ status: 'sound', entries: entries + 1 });
  });

  it('reports entries deleted from the end through raw SQL with the key, by number, in intake verify', async () => {
    const { dataDir, key, entries } = await closedVault();
    withRawSql(dataDir, key, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE id > ?').run(entries - 3);
    });
    // The chain itself is still sound: only the head knows.
    const check = openEncrypted(join(dataDir, DATABASE_FILE), key, { mustExist: true });
    expect(new AuditLog(check).verify()).toEqual({ sound: true, entries: entries - 3 });
    check.close();

    const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'verify', '--data-dir', dataDir, '--user', SUPERVISOR.userName, '--password-stdin'], {
      input: `${SUPERVISOR.password}\n`,
      encoding: 'utf8',
      env: { ...process.env, INTAKE_DATA_DIR: '' },
    });
    expect(result.status).toBe(6);
    // The sign-in of verify itself wrote one more entry after the cut: the gap is carried forward.
    expect(result.stderr.trim()).toBe(`intake: 3 entries cut from the end of the audit log: the log had ${entries + 1}, now ${entries - 2}`);
  });

  it('keeps reporting the cut after the app has written more entries', async () => {
    const { dataDir, key, entries } = await closedVault();
    withRawSql(dataDir, key, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE id = ?').run(entries);
    });
    const { core } = await verifyReport(dataDir);
    for (let i = 0; i < 4; i++) core.audit({ action: 'setting-change', details: { after: i } });
    const again = await caller(core)('vault.verify', {});
    core.close();
    expect(again).toMatchObject({ ok: true, value: { audit: { sound: true }, auditHead: { status: 'cut' } } });
    if (again.ok && again.value.auditHead.status === 'cut') expect(again.value.auditHead.recorded - again.value.auditHead.found).toBe(1);
  });

  it('reports a head whose count was lowered with the deletion, without its MAC: changed outside the app, never sealed again', async () => {
    const { dataDir, key, entries } = await closedVault();
    withRawSql(dataDir, key, (db) => {
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE id > ?').run(entries - 2);
      const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string;
      db.prepare('UPDATE audit_head SET entries = ?, last_hash = ?').run(entries - 2, last);
    });
    const { report, core } = await verifyReport(dataDir);
    core.close();
    // The sign-in's entry found the head's MAC wrong and left it unsealed: never sealed again.
    expect(report.auditHead).toEqual({ status: 'unsealed' });
  });

  it('names a head whose MAC was tampered with as forged, before anything else is written', async () => {
    const { dataDir, key } = await closedVault();
    withRawSql(dataDir, key, (db) => {
      db.prepare('UPDATE audit_head SET mac = ?').run('ab'.repeat(32));
      expect(checkAuditHead(db, derivedKey(key, 'auditHead'))).toEqual({ status: 'forged' });
      // Without the key the MAC cannot be checked; the count still matches the log.
      expect(checkAuditHead(db, undefined)).toMatchObject({ status: 'sound' });
    });
  });

  it('reports a head reset to unsealed, and does not seal it again at the next unlock', async () => {
    const { dataDir, key } = await closedVault();
    withRawSql(dataDir, key, (db) => {
      db.prepare('UPDATE audit_head SET mac = NULL').run();
    });
    const { report, core } = await verifyReport(dataDir);
    core.close();
    // The sign-in wrote an entry after the reset: the head moved on, still unsealed.
    expect(report.auditHead).toEqual({ status: 'unsealed' });
  });

  it('reports an entry forged onto the end, even after the app has written more entries', async () => {
    const { dataDir, key, entries } = await closedVault();
    withRawSql(dataDir, key, (db) => {
      // A well-chained entry added past the app, the head left as it was.
      new AuditLog(db).append({ action: 'setting-change', details: { forged: true } });
      db.prepare('UPDATE audit_head SET entries = ?, last_hash = (SELECT hash FROM audit_log WHERE id = ?), mac = (SELECT mac FROM audit_head)').run(entries, entries);
    });
    const { report, core } = await verifyReport(dataDir);
    core.close();
    // The sign-in's entry found the log did not end where the head said: the head stays unsealed.
    expect(report.auditHead).toEqual({ status: 'unsealed' });
  });

  it('is sealed even when the app stopped after migration 8, before the later migrations', async () => {
    const dataDir = tempDataDir('audit-head-crash');
    const key = randomBytes(32);
    const db = openEncrypted(join(dataDir, DATABASE_FILE), key, { mustExist: false });
    migrate(db, MIGRATIONS.filter((m) => m.version <= 7));
    new AuditLog(db).append({ action: 'setting-change', details: { i: 1 } });
    db.close();
    const slots = KeySlotStore.create(dataDir, key);
    // Migration 9 fails (a table where its index goes): the app stops with migration 8 committed.
    withRawSql(dataDir, key, (raw) => raw.exec('DROP INDEX people_statistics; CREATE TABLE people_statistics (x)'));
    expect(() => OpenVault.open(dataDir, Buffer.from(key), slots, { create: false })).toThrow();
    withRawSql(dataDir, key, (raw) => {
      expect(raw.pragma('user_version', { simple: true })).toBe(8);
      raw.exec('DROP TABLE people_statistics');
    });
    const vault = OpenVault.open(dataDir, Buffer.from(key), slots, { create: false });
    try {
      expect(checkAuditHead(vault.db, vault.derivedKey('auditHead'))).toEqual({ status: 'sound', entries: 1 });
    } finally {
      vault.close();
    }
  });

  it('starts from the log of a database made before it (migration 8), sealed at the first unlock', async () => {
    const dataDir = tempDataDir('audit-head-v7');
    const key = randomBytes(32);
    const db = openEncrypted(join(dataDir, DATABASE_FILE), key, { mustExist: false });
    migrate(db, MIGRATIONS.filter((m) => m.version <= 7));
    const log = new AuditLog(db);
    for (let i = 0; i < 5; i++) log.append({ action: 'setting-change', details: { i } });
    db.close();
    const slots = KeySlotStore.create(dataDir, key);
    const vault = OpenVault.open(dataDir, Buffer.from(key), slots, { create: false });
    try {
      const head = vault.db.prepare('SELECT entries, mac FROM audit_head').get() as { entries: number; mac: string | null };
      expect(head.entries).toBe(5);
      expect(head.mac).toMatch(/^[0-9a-f]{64}$/);
      expect(checkAuditHead(vault.db, vault.derivedKey('auditHead'))).toEqual({ status: 'sound', entries: 5 });
    } finally {
      vault.close();
    }
  });
});
