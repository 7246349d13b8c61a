import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/main/audit/audit-log';
import { auditCsv } from '../../src/main/audit/audit-csv';
import { Dispatcher } from '../../src/main/app/dispatch';
import type { Db } from '../../src/main/db/connection';
import { verifyVault } from '../../src/main/db/verify';
import { peopleFixture } from './people/people-db';
import { tempDataDir } from './helpers/temp-dir';
import { addAccount, CLERK, PROTECTION, setUpVault } from './helpers/vault';

/** An attacker with the key edits the file directly; the triggers only stop honest mistakes. */
function tamper(db: Db, sql: string, ...values: (string | number)[]): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.prepare(sql).run(...values);
}

function logWithEntries(count: number) {
  const fx = peopleFixture();
  const log = new AuditLog(fx.db, () => new Date('2026-11-25T10:00:00Z'));
  for (let i = 0; i < count; i++) log.append({ action: 'record-open', userName: 'clerk.one', registrationNumber: `REG-00000${i}` });
  return { fx, log };
}

describe('the audit chain', () => {
  it('is sound as written, and refuses ordinary updates and deletes', () => {
    const { fx, log } = logWithEntries(5);
    expect(log.verify()).toEqual({ sound: true, entries: 5 });
    expect(() => fx.db.prepare("UPDATE audit_log SET action = 'lock' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => fx.db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
    fx.close();
  });

  it('names the first broken entry when one was edited', () => {
    const { fx, log } = logWithEntries(5);
    tamper(fx.db, "UPDATE audit_log SET user_name = 'someone.else' WHERE id = 3");
    expect(log.verify()).toMatchObject({ sound: false, brokenAt: 3, reason: 'edited' });
    fx.close();
  });

  it('names the entry after a deleted one', () => {
    const { fx, log } = logWithEntries(5);
    tamper(fx.db, 'DELETE FROM audit_log WHERE id = 2');
    expect(log.verify()).toMatchObject({ sound: false, brokenAt: 3, reason: 'missing-or-reordered' });
    fx.close();
  });

  it('names the first entry out of order when two were swapped', () => {
    const { fx, log } = logWithEntries(5);
    const rows = fx.db.prepare('SELECT * FROM audit_log WHERE id IN (2, 4) ORDER BY id').all() as Record<string, unknown>[];
    const [second, fourth] = rows;
    tamper(fx.db, 'UPDATE audit_log SET id = 99 WHERE id = 2');
    fx.db.prepare('UPDATE audit_log SET id = 2 WHERE id = 4').run();
    fx.db.prepare('UPDATE audit_log SET id = 4 WHERE id = 99').run();
    expect(second?.hash).not.toBe(fourth?.hash);
    expect(log.verify()).toMatchObject({ sound: false, brokenAt: 2 });
    fx.close();
  });

  it('is checked by the vault verification', () => {
    const { fx } = logWithEntries(3);
    expect(verifyVault(fx.db).audit).toEqual({ sound: true, entries: 3 });
    tamper(fx.db, "UPDATE audit_log SET details = '{\"field\":\"notes\"}' WHERE id = 1");
    expect(verifyVault(fx.db).audit).toMatchObject({ sound: false, brokenAt: 1 });
    fx.close();
  });
});

describe('what is audited', () => {
  it('records sign-ins, failed sign-ins, openings, reveals with their reason, changes by field name, and lock; never values', async () => {
    const dataDir = tempDataDir('audit');
    const { core, supervisor } = await setUpVault(dataDir);
    await addAccount(core, PROTECTION, 'protection');
    await addAccount(core, CLERK, 'clerk');
    core.signOut();
    await expect(core.signIn(PROTECTION.userName, 'not the right password here')).rejects.toThrow();
    await core.signIn(PROTECTION.userName, PROTECTION.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    const registered = await ui.dispatch('people.register', {
      fields: { chosenName: 'Dilan', notes: 'distinctive private note', genderIdentity: { kind: 'self-described', text: 'distinctive words' } },
      consents: ['register'],
    });
    expect(registered.ok).toBe(true);
    const id = registered.ok ? (registered.value as { id: number }).id : 0;
    await ui.dispatch('people.get', { id });
    await ui.dispatch('people.reveal', { id, field: 'notes', reason: 'protection-follow-up' });
    await ui.dispatch('people.update', { id, set: { notes: 'another distinctive note' }, clear: [] });
    core.lock();
    await core.unlock(PROTECTION.password);
    core.signOut();
    await core.signIn(supervisor.userName, supervisor.password);

    const entries = core.vault.audit.list({ limit: 200 });
    const actions = entries.map((entry) => `${entry.userName ?? '-'} ${entry.action}`).reverse();
    expect(actions).toEqual(
      expect.arrayContaining([
        `${PROTECTION.userName} sign-in-failed`,
        `${PROTECTION.userName} sign-in`,
        `${PROTECTION.userName} record-create`,
        `${PROTECTION.userName} record-open`,
        `${PROTECTION.userName} field-reveal`,
        `${PROTECTION.userName} record-change`,
        `${PROTECTION.userName} lock`,
        `${PROTECTION.userName} unlock`,
        `${PROTECTION.userName} sign-out`,
      ]),
    );
    expect(entries.find((entry) => entry.action === 'field-reveal')?.details).toEqual({ field: 'notes', reason: 'protection-follow-up' });
    expect(entries.find((entry) => entry.action === 'record-change')?.details).toEqual({ fields: ['notes'] });
    const everything = JSON.stringify(entries) + auditCsv(entries);
    expect(everything).not.toContain('distinctive');
    expect(everything).not.toContain('not the right password');
    expect(core.vault.audit.verify()).toMatchObject({ sound: true });
    core.close();
  });

  it('exports CSV with a byte-order mark and without reveal reasons typed as free text', () => {
    const csv = auditCsv([
      { id: 1, at: '2026-11-25T10:00:00.000Z', userName: 'ليلى', action: 'field-reveal', registrationNumber: 'REG-000001', details: { field: 'notes', reason: 'other', reasonText: 'typed by a person' } },
    ]);
    expect(csv.startsWith('\uFEFFid,at,user,action,registration_number,details')).toBe(true);
    expect(csv).toContain('ليلى');
    expect(csv).not.toContain('typed by a person');
  });
});
