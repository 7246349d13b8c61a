import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { IntakeCore } from '../../src/main/app/intake-core';
import { tempDataDir } from './helpers/temp-dir';
import { CLERK, PROTECTION, SUPERVISOR } from './helpers/vault';

const CLI = join(process.cwd(), 'src/main/cli/index.ts');

/** Runs `npm run intake -- …` as a user would, without npm's own output. */
function intake(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    input: stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, INTAKE_DATA_DIR: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('admin CLI', () => {
  it('creates a vault, verifies it, and exports a key that opens it in SQLCipher 4 mode', async () => {
    const dir = tempDataDir('cli');
    const init = intake(['init', '--data-dir', dir, '--user', SUPERVISOR.userName, '--password-stdin', '--json'], `${SUPERVISOR.password}\n`);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toEqual({ recoveryKey: expect.stringMatching(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/) });

    const verify = intake(['verify', '--data-dir', dir, '--user', SUPERVISOR.userName, '--password-stdin'], `${SUPERVISOR.password}\n`);
    expect(verify.code).toBe(0);

    const exported = intake(['export-key', '--data-dir', dir, '--user', SUPERVISOR.userName, '--password-stdin'], `${SUPERVISOR.password}\n`);
    expect(exported.code).toBe(0);
    const key = exported.stdout.trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const db = new Database(join(dir, 'intake.db'), { fileMustExist: true });
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key}'"`);
    expect(db.prepare('SELECT user_name FROM accounts').all()).toEqual([{ user_name: SUPERVISOR.userName }]);
    db.close();
  });

  it('fails verify with one line on stderr for a wrong password, and refuses export-key to a clerk', async () => {
    const dir = tempDataDir('cli');
    const core = new IntakeCore({ dataDir: dir });
    await core.setUp({ ...SUPERVISOR, language: 'en' });
    await core.vault.accounts.create({ changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
    core.close();

    const wrong = intake(['verify', '--data-dir', dir, '--user', SUPERVISOR.userName, '--password-stdin'], 'not the right password at all\n');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stdout).toBe('');

    const clerk = intake(['export-key', '--data-dir', dir, '--user', CLERK.userName, '--password-stdin'], `${CLERK.password}\n`);
    expect(clerk.code).not.toBe(0);
    expect(clerk.stdout).not.toMatch(/[0-9a-f]{64}/);
  });

  it('takes passwords only from standard input', () => {
    const dir = tempDataDir('cli');
    const result = intake(['init', '--data-dir', dir, '--user', 'someone', '--password', 'violet kettle drums at noon']);
    expect(result.code).toBe(2);
  });
});

describe('intake duplicates', () => {
  it('lists a likely pair, merges it, undoes the merge and remembers "not the same", by registration number', async () => {
    const dir = tempDataDir('cli-duplicates');
    const core = new IntakeCore({ dataDir: dir });
    await core.setUp({ ...SUPERVISOR, language: 'en' });
    await core.vault.accounts.create({ changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
    const actor = { id: 2, role: 'protection' as const };
    const older = core.vault.people.register(actor, { fields: { chosenName: 'عيسى حداد', birth: { precision: 'year', year: 1988 } }, consents: [] });
    const newer = core.vault.people.register(actor, { fields: { chosenName: 'Issa Haddad', birth: { precision: 'year', year: 1988 } }, consents: [] });
    core.close();
    const as = (...args: string[]) => intake(['duplicates', ...args, '--data-dir', dir, '--user', PROTECTION.userName, '--password-stdin'], `${PROTECTION.password}\n`);

    const listed = as('--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ first: expect.objectContaining({ registrationNumber: older.registrationNumber }), reasons: expect.arrayContaining(['other-script', 'birth-year']) })]);

    const merged = as('merge', older.registrationNumber, newer.registrationNumber);
    expect(merged.stdout).toContain(`Merged ${newer.registrationNumber} into ${older.registrationNumber}`);
    expect(JSON.parse(intake(['search', '--json', newer.registrationNumber, '--data-dir', dir, '--user', PROTECTION.userName, '--password-stdin'], `${PROTECTION.password}\n`).stdout)).toEqual([
      expect.objectContaining({ registrationNumber: older.registrationNumber }),
    ]);
    const again = as('merge', older.registrationNumber, newer.registrationNumber);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`was merged into ${older.registrationNumber}`);

    expect(as('undo', newer.registrationNumber).stdout).toContain('Undid the merge');
    const twice = as('undo', newer.registrationNumber);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`No record with the registration number ${newer.registrationNumber} is merged into another`);
    expect(as('not-same', newer.registrationNumber, older.registrationNumber).code).toBe(0);
    expect(as().stdout).toBe('No likely duplicates are waiting for a decision.\n');
    // Nine runs of the CLI, each deriving a key from a password: slow on a busy machine.
  }, 240_000);
});
