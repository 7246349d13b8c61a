/**
 * The password rules a user meets when setting one (NIST SP 800-63B rev. 4): at least 15
 * characters, no composition rules, not a common or context-derived password.
 */
import { describe, expect, test } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { checkNewPassword } from '../../src/main/services/password-policy';
import { AppError, type ErrorCode } from '../../src/shared/errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../src/shared/passwords';
import { readAllFiles } from './helpers/files';
import { tempDataDir } from './helpers/temp-dir';
import { dispatcherFor, errorCodeOf } from './helpers/vault';

function ruleBroken(password: string, userName?: string): ErrorCode | 'ok' {
  try {
    checkNewPassword(password, userName === undefined ? {} : { userName });
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('length', () => {
  test('14 characters is too short (with the minimum in params); 15 is enough', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(15);
    let error: unknown;
    try {
      checkNewPassword('tulip river k9');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'password_too_short', params: { min: 15 } });
    expect(ruleBroken('tulip river k9x')).toBe('ok');
  });

  test('no composition rules: a long all-lower-case passphrase with no digits or symbols is fine', () => {
    expect(ruleBroken('correct bramble window sunrise')).toBe('ok');
  });

  test('length counts characters, not bytes: 15 Arabic letters pass, 14 do not', () => {
    const fifteen = 'كتبتالرسالةلكي'.padEnd(15, 'م');
    expect([...fifteen]).toHaveLength(15);
    expect(Buffer.byteLength(fifteen)).toBeGreaterThan(15);
    expect(ruleBroken(fifteen)).toBe('ok');
    expect(ruleBroken(fifteen.slice(0, 14))).toBe('password_too_short');
  });

  test('length is counted after NFKC normalisation (a ligature counts as the letters it stands for)', () => {
    // U+FB01 "ﬁ" becomes "fi": 14 typed code points, 15 after normalisation.
    const typed = '\ufb01sh tank lampx';
    expect([...typed]).toHaveLength(14);
    expect(ruleBroken(typed)).toBe('ok');
    expect(ruleBroken(typed.slice(0, -1))).toBe('password_too_short');
  });

  test(`more than ${PASSWORD_MAX_LENGTH} characters is refused as too long`, () => {
    const long = Array.from({ length: PASSWORD_MAX_LENGTH + 1 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[i % 26]).join('');
    expect(ruleBroken(long)).toBe('password_too_long');
    expect(ruleBroken(long.slice(0, PASSWORD_MAX_LENGTH))).toBe('ok');
  });
});

describe('common and guessable passwords', () => {
  test.each([
    'qwerty123456789',
    'QWERTY123456789',
    '1qaz2wsx3edc4rfv',
    'passwordpassword',
    '123456789987654321',
    'aaaaaaaaaaaaaaaaaaaa',
    'abababababababababab',
    'intake intake 2026',
    'reception1234567',
    'Password123456789',
  ])('%s → password_common', (password) => {
    expect(ruleBroken(password)).toBe('password_common');
  });

  test('the user’s own name, with a few characters added, is refused', () => {
    expect(ruleBroken('faridclerkfarid!', 'faridclerkfarid')).toBe('password_common');
    expect(ruleBroken('Faridclerkfarid1', 'faridclerkfarid')).toBe('password_common');
  });

  test('a user name with punctuation, used as the password, is refused', () => {
    // The check strips spaces and punctuation from the password but not from the user name.
    expect(ruleBroken('zaynab.distinctive-name', 'zaynab.distinctive-name')).toBe('password_common');
    expect(ruleBroken('zaynab distinctive name', 'zaynab.distinctive-name')).toBe('password_common');
  });
});

describe('through set-up', () => {
  test('a short password → password_too_short, a common one → password_common, and nothing is created', async () => {
    const dataDir = tempDataDir('policy');
    const core = new IntakeCore({ dataDir });
    const { dispatcher } = dispatcherFor(core);
    const short = await dispatcher.dispatch('setup.create', { userName: 'amira', password: 'fourteen chars', language: 'en' });
    expect(short).toEqual({ ok: false, error: { code: 'password_too_short', params: { min: 15 } } });
    const common = await dispatcher.dispatch('setup.create', { userName: 'amira', password: '1qaz2wsx3edc4rfv', language: 'en' });
    expect(errorCodeOf(common)).toBe('password_common');
    expect(core.stateName).toBe('not-set-up');
    expect([...readAllFiles(dataDir).keys()]).toEqual([]);
  });
});
