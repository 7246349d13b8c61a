/**
 * `intake rotate-key` as a supervisor types it (issue 12): through the CLI's dispatch and role
 * checks, the database gets a new key, and the copy of keyslots.json an attacker kept from before
 * no longer opens the live database, with a disabled account's password or any other. A clerk is
 * refused and changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { KEY_SLOTS_FILE, KeySlotStore } from '../../src/main/vault/key-slots';
import { databaseOpensWith } from '../../src/main/vault/key-rotation';
import { tempDataDir } from './helpers/temp-dir';
import { CLERK, dispatcherFor, PROTECTION, setUpVault, SUPERVISOR, type Credentials } from './helpers/vault';

const CLI = join(process.cwd(), 'src/main/cli/index.ts');

function intake(args: string[], who: Credentials) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args, '--user', who.userName, '--password-stdin'], {
    input: `${who.password}\n`,
    encoding: 'utf8',
    env: { ...process.env, INTAKE_DATA_DIR: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('intake rotate-key', () => {
  it('rotates the key: an old copy of keyslots.json no longer opens the live database; a clerk is refused', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('cli-rotate-key');
    const { core } = await setUpVault(dataDir);
    // Through the dispatcher, so each account has the entry that created it and verify is sound.
    const { dispatcher } = dispatcherFor(core, 'cli');
    for (const [who, role] of [[CLERK, 'clerk'], [PROTECTION, 'protection']] as const) {
      expect((await dispatcher.dispatch('accounts.create', { changePasswordAtSignIn: false, ...who, role, language: 'en' })).ok).toBe(true);
    }
    const oldKeyHex = core.vault.databaseKeyHex;
    core.close();
    // The attacker's copy, taken while the protection officer was still enabled.
    copyFileSync(join(dataDir, KEY_SLOTS_FILE), join(dataDir, 'stolen-keyslots.json'));
    const disable = spawnSync(
      process.execPath,
      ['--import', 'tsx', CLI, 'user', 'disable', '--data-dir', dataDir, '--user', SUPERVISOR.userName, '--password-stdin', '--name', PROTECTION.userName],
      { input: `${SUPERVISOR.password}\n`, encoding: 'utf8', env: { ...process.env, INTAKE_DATA_DIR: '' } },
    );
    expect(disable.status).toBe(0);

    // A clerk may not rotate: refused by the role check, and the key stays as it was.
    const clerk = intake(['rotate-key', '--data-dir', dataDir], CLERK);
    expect(clerk.code).toBe(3);
    expect(clerk.stderr.trim()).toBe('intake: This account is not allowed to do that.');
    expect(clerk.stdout).toBe('');
    expect(KeySlotStore.open(dataDir).isFor(Buffer.from(oldKeyHex, 'hex'))).toBe(true);

    // Before the rotation, the measured attack works: the old copy and the disabled password open today's database.
    const stolen = KeySlotStore.open(dataDir, 'stolen-keyslots.json');
    const stolenKey = await stolen.open(stolen.slotIdFor(PROTECTION.userName), PROTECTION.password);
    expect(stolenKey?.toString('hex')).toBe(oldKeyHex);
    expect(databaseOpensWith(dataDir, stolenKey ?? Buffer.alloc(32))).toBe(true);

    const rotated = intake(['rotate-key', '--data-dir', dataDir, '--json'], SUPERVISOR);
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    const result = JSON.parse(rotated.stdout) as { accounts: number; seconds: number; stages: string[]; earlierBackupsKeepOldKey: boolean };
    expect(result).toMatchObject({ accounts: 2, stages: ['re-encrypting', 're-wrapping', 'done'], earlierBackupsKeepOldKey: true });

    // The old copy still unwraps the old key, with the disabled password or the supervisor's: it opens nothing now.
    for (const who of [PROTECTION, SUPERVISOR]) {
      const key = await stolen.open(stolen.slotIdFor(who.userName), who.password);
      expect(key?.toString('hex')).toBe(oldKeyHex);
      expect(databaseOpensWith(dataDir, key ?? Buffer.alloc(32))).toBe(false);
    }
    // Put back in place of the live file, it is refused with the reason.
    const live = join(dataDir, 'live-keyslots.json');
    copyFileSync(join(dataDir, KEY_SLOTS_FILE), live);
    copyFileSync(join(dataDir, 'stolen-keyslots.json'), join(dataDir, KEY_SLOTS_FILE));
    const outdated = intake(['verify', '--data-dir', dataDir], SUPERVISOR);
    expect(outdated.code).toBe(6);
    expect(outdated.stderr).toContain('keyslots.json is an older copy than the database');
    copyFileSync(live, join(dataDir, KEY_SLOTS_FILE));

    // The remaining accounts open the vault under the new key; the rotation is in the audit log.
    const after = new IntakeCore({ dataDir });
    await after.signIn(CLERK.userName, CLERK.password);
    const newKeyHex = after.vault.databaseKeyHex;
    after.close();
    expect(newKeyHex).not.toBe(oldKeyHex);
    const supervisor = new IntakeCore({ dataDir });
    await supervisor.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const entries = supervisor.vault.audit.list({ action: 'key-rotation', limit: 10 });
    supervisor.close();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userName: SUPERVISOR.userName, details: { accounts: 2 } });

    // Without --json: what was done, and that earlier backups keep the old key.
    const again = intake(['rotate-key', '--data-dir', dataDir], SUPERVISOR);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Rotated the database key in [\d.]+ s: .*2 enabled accounts and the recovery key were re-wrapped/);
    expect(again.stdout).toContain('Backups made before keep the old key');
    const verify = intake(['verify', '--data-dir', dataDir], CLERK);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  });

  it('while the app has the vault open: the app says the key was changed elsewhere and signs out, not that the database is damaged', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('cli-rotate-while-open');
    const { core } = await setUpVault(dataDir);
    const { dispatcher } = dispatcherFor(core);
    expect((await dispatcher.dispatch('accounts.list', {})).ok).toBe(true);

    const rotated = intake(['rotate-key', '--data-dir', dataDir], SUPERVISOR);
    expect(rotated.code).toBe(0);

    // The app's next call cannot read with the old key: it is told why, and signed out.
    expect(await dispatcher.dispatch('accounts.list', {})).toEqual({ ok: false, error: { code: 'vault_key_changed' } });
    expect(core.stateName).toBe('signed-out');
    // The same password signs in again, under the new key, and the vault is sound.
    await core.signIn(SUPERVISOR.userName, SUPERVISOR.password);
    const verify = await dispatcher.dispatch('vault.verify', {});
    expect(verify).toMatchObject({ ok: true, value: { integrity: ['ok'], audit: { sound: true }, auditHead: { status: 'sound' } } });
    core.close();
  });
});
