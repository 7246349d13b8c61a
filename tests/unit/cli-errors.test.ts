/**
 * Every CLI error a new user can provoke from the README's commands names its cause: the option and
 * the rule, or the file and what to do, with an exit code per kind of failure.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from './helpers/temp-dir';
import { SUPERVISOR } from './helpers/vault';

const CLI = join(process.cwd(), 'src/main/cli/index.ts');

function intake(args: string[], stdin = `${SUPERVISOR.password}\n`) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { input: stdin, encoding: 'utf8', env: { ...process.env, INTAKE_DATA_DIR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

let dataDir = '';
const signIn = () => ['--data-dir', dataDir, '--user', SUPERVISOR.userName, '--password-stdin'];
const stats = (...args: string[]) => intake(['stats', ...signIn(), '--format', 'csv', ...args]);

// One site for the whole file (each CLI run costs a key derivation); removed at the end.
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'intake-cli-errors-'));
  expect(intake(['init', '--data-dir', dataDir, '--user', SUPERVISOR.userName, '--password-stdin', '--json']).code).toBe(0);
});

describe('stats: each invalid option is named with its rule (exit 2)', () => {
  it.each([
    [['--from', '2026-01-01', '--to', '2026-02-30'], '--to: must be a date that exists, written YYYY-MM-DD'],
    [['--from', '2026-01-01', '--to', '2026-03-31', '--k', '2'], '--k: must be at least 3'],
    [['--from', '2026-03-31', '--to', '2026-01-01'], '--to: the period ends before it starts'],
    [['--from', '2000-01-01', '--to', '2100-01-01'], '--to: the period is at most 10 years'],
    [['--from', '2026-01-01', '--to', '2026-03-31', '--k', '12', '--k-sensitive', '11'], '--k-sensitive: must be at least as high as k'],
    [['--from', '2026-01-01', '--to', '2026-03-31', '--min-population', '49'], '--min-population: must be at least 50'],
  ])('%j', (args, message) => {
    const out = join(dataDir, 'refused.csv');
    const result = stats(...args, '--out', out);
    expect(result.stderr).toBe(`intake: ${message}`);
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('--min-population 80 is taken, and the file states it', () => {
    const out = join(dataDir, 'min80.csv');
    const result = stats('--from', '2026-01-01', '--to', '2026-03-31', '--min-population', '80', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/\r\nFewest people for breakdowns,80,/);
  });

  it('--k 12 alone is taken: k_sensitive follows k', () => {
    const out = join(dataDir, 'k12.csv');
    const result = stats('--from', '2026-01-01', '--to', '2026-03-31', '--k', '12', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

describe('stats: an output file that cannot be written is named, and nothing is audited (exit 4)', () => {
  it('a folder that does not exist', () => {
    const result = stats('--from', '2026-01-01', '--to', '2026-03-31', '--out', '/no/such/dir/s.csv');
    expect(result.stderr).toBe('intake: /no/such/dir/s.csv could not be written: its folder does not exist. Create the folder or choose another one.');
    expect(result.code).toBe(4);
  });

  it.skipIf(process.getuid?.() === 0)('a folder this account may not write in', () => {
    const locked = join(dataDir, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    chmodSync(locked, 0o500);
    const result = stats('--from', '2026-01-01', '--to', '2026-03-31', '--out', join(locked, 's.csv'));
    expect(result.stderr).toMatch(/may not write .*locked\/s\.csv/);
    expect(result.code).toBe(4);
  });

  it('a path that is a folder, not a file: the write fails inside the export, which is rolled back with its audit entry', () => {
    const folder = join(dataDir, 'a-folder.csv');
    mkdirSync(folder);
    const result = stats('--from', '2026-01-01', '--to', '2026-03-31', '--out', folder);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(`intake: ${folder} is a folder: give the name of a file to write, inside it or elsewhere.`);
    const audit = intake(['audit', ...signIn(), '--json']);
    const exports = (JSON.parse(audit.stdout) as { action: string }[]).filter((entry) => entry.action === 'export');
    // Only the --k 12 and --min-population 80 exports above wrote a file; none of the refused or failed ones is logged.
    expect(exports).toHaveLength(['k12.csv', 'min80.csv'].filter((name) => existsSync(join(dataDir, name))).length);
  });
});

describe('sign-in and usage', () => {
  it('a wrong password: exit 3, one line', () => {
    const result = intake(['verify', ...signIn()], 'not the right password at all\n');
    expect(result.code).toBe(3);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });

  it('a data folder that was never set up is named as such (exit 3)', () => {
    const result = intake(['verify', '--data-dir', tempDataDir('cli-empty'), '--user', SUPERVISOR.userName, '--password-stdin']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/not set up/);
  });

  it('a command without --password-stdin says so (exit 2)', () => {
    const result = intake(['verify', '--data-dir', dataDir, '--user', SUPERVISOR.userName]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--password-stdin/);
  });

  it('verify reports coverage as sound for a site used through the CLI', () => {
    const result = intake(['verify', ...signIn()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/an entry for each of 0 records, 1 accounts and 0 consents/);
  });
});
