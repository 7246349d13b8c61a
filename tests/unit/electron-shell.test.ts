/** The Electron shell's launch decisions, tested through its pure modules (Electron cannot start here). */
import { describe, expect, test, vi } from 'vitest';
import { applicationMenu, DEV_FLAG, isDevMode } from '../../src/main/electron/dev-mode';
import { runAsSingleInstance } from '../../src/main/electron/single-instance';

describe('development mode', () => {
  const unpackedArgv = ['/path/to/electron', '.'];

  test('the flag is --intake-dev', () => {
    expect(DEV_FLAG).toBe('--intake-dev');
  });

  test('off by default, also when the app is not packaged', () => {
    expect(isDevMode(unpackedArgv, false)).toBe(false);
    expect(isDevMode([...unpackedArgv, '--data-dir', './site-a'], false)).toBe(false);
  });

  test('on with the flag in an unpacked app', () => {
    expect(isDevMode([...unpackedArgv, DEV_FLAG], false)).toBe(true);
    expect(isDevMode([...unpackedArgv, '--data-dir', './site-a', DEV_FLAG], false)).toBe(true);
  });

  test('a packaged build ignores the flag', () => {
    expect(isDevMode(['C:\\Program Files\\Reception Intake\\Reception Intake.exe', DEV_FLAG], true)).toBe(false);
  });

  test('look-alike arguments do not count', () => {
    expect(isDevMode([...unpackedArgv, '--intake-dev=1'], false)).toBe(false);
    expect(isDevMode([...unpackedArgv, '--intake-devtools'], false)).toBe(false);
    expect(isDevMode([...unpackedArgv, '--data-dir', '--intake-dev-folder'], false)).toBe(false);
  });
});

describe('application menu', () => {
  test.each<NodeJS.Platform>(['win32', 'linux'])('none outside development on %s', (platform) => {
    expect(applicationMenu(false, platform)).toBeNull();
  });

  test('macOS outside development: only the app and edit menus, so copy, paste and quit work', () => {
    expect(applicationMenu(false, 'darwin')).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }]);
  });

  test.each<NodeJS.Platform>(['win32', 'linux', 'darwin'])("Electron's default menu in development on %s", (platform) => {
    expect(applicationMenu(true, platform)).toBe('default');
  });
});

describe('single instance', () => {
  test('an instance without the lock quits and starts nothing', () => {
    const lock = { requestSingleInstanceLock: vi.fn(() => false), quit: vi.fn() };
    const start = vi.fn();
    expect(runAsSingleInstance(lock, start)).toBe(false);
    expect(lock.quit).toHaveBeenCalledOnce();
    expect(start).not.toHaveBeenCalled();
  });

  test('the instance holding the lock starts once and does not quit', () => {
    const lock = { requestSingleInstanceLock: vi.fn(() => true), quit: vi.fn() };
    const start = vi.fn();
    expect(runAsSingleInstance(lock, start)).toBe(true);
    expect(start).toHaveBeenCalledOnce();
    expect(lock.quit).not.toHaveBeenCalled();
  });

  test('the lock is requested before anything starts', () => {
    const calls: string[] = [];
    runAsSingleInstance(
      {
        requestSingleInstanceLock: () => {
          calls.push('lock');
          return true;
        },
        quit: () => calls.push('quit'),
      },
      () => calls.push('start'),
    );
    expect(calls).toEqual(['lock', 'start']);
  });
});
