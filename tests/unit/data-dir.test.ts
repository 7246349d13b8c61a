/** Where the vault lives: --data-dir wins over INTAKE_DATA_DIR, which wins over the platform default. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { APP_FOLDER, DATA_DIR_ENV, dataDirFlag, resolveDataDir } from '../../src/main/data-dir';

describe('resolveDataDir', () => {
  test('--data-dir wins over INTAKE_DATA_DIR and the platform default', () => {
    expect(resolveDataDir('/srv/from-flag', { [DATA_DIR_ENV]: '/srv/from-env', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/srv/from-flag');
  });

  test('INTAKE_DATA_DIR wins over the platform default', () => {
    expect(DATA_DIR_ENV).toBe('INTAKE_DATA_DIR');
    expect(resolveDataDir(undefined, { INTAKE_DATA_DIR: '/srv/from-env', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/srv/from-env');
    expect(resolveDataDir(undefined, { INTAKE_DATA_DIR: '/srv/from-env', APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      resolve('/srv/from-env'),
    );
  });

  test('relative paths from the flag or the environment are made absolute', () => {
    expect(resolveDataDir('rel/flag', {}, 'linux')).toBe(resolve('rel/flag'));
    expect(resolveDataDir(undefined, { INTAKE_DATA_DIR: 'rel/env' }, 'linux')).toBe(resolve('rel/env'));
  });

  test('an empty flag or variable does not count', () => {
    expect(resolveDataDir('', { INTAKE_DATA_DIR: '/srv/from-env' }, 'linux')).toBe('/srv/from-env');
    expect(resolveDataDir(undefined, { INTAKE_DATA_DIR: '', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe(join('/xdg', APP_FOLDER));
  });

  test.each<[NodeJS.Platform, NodeJS.ProcessEnv, string]>([
    ['linux', { XDG_CONFIG_HOME: '/home/a/.cfg' }, join('/home/a/.cfg', 'reception-intake')],
    ['linux', {}, join(homedir(), '.config', 'reception-intake')],
    ['darwin', {}, join(homedir(), 'Library', 'Application Support', 'reception-intake')],
    ['win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, join('C:\\Users\\a\\AppData\\Roaming', 'reception-intake')],
    ['win32', {}, join(homedir(), 'AppData', 'Roaming', 'reception-intake')],
  ])('platform default on %s with %o', (platform, env, expected) => {
    expect(resolveDataDir(undefined, env, platform)).toBe(expected);
  });
});

describe('dataDirFlag', () => {
  test.each<[string[], string | undefined]>([
    [['--data-dir', '/a'], '/a'],
    [['--data-dir=/b'], '/b'],
    [['--port', '8080', '--data-dir', '/c', 'extra'], '/c'],
    [['--data-dir=/first', '--data-dir', '/second'], '/first'],
    [['--data-dir'], undefined],
    [['--data-directory=/x'], undefined],
    [[], undefined],
  ])('%j → %s', (argv, expected) => {
    expect(dataDirFlag(argv)).toBe(expected);
  });

  test('the flag read from argv wins over the environment end to end', () => {
    const argv = ['node', 'cli.js', '--data-dir=/from/argv'];
    expect(resolveDataDir(dataDirFlag(argv.slice(2)), { INTAKE_DATA_DIR: '/from/env' }, 'linux')).toBe('/from/argv');
  });
});
