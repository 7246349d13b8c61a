/**
 * User names that only look like another account's (issue 14): invisible or text-direction
 * characters are refused outright, and a name whose Unicode TR39 skeleton matches an existing
 * account's is refused as confusable. Arabic names and ordinary distinct names are accepted.
 */
import { describe, expect, test } from 'vitest';
import { checkNewUserName, confusableWith } from '../../src/main/services/user-name-policy';
import { AppError, type ErrorCode } from '../../src/shared/errors';
import { tempDataDir } from './helpers/temp-dir';
import { addAccount, expectAppError, setUpVault, type Credentials } from './helpers/vault';

const AMIRA: Credentials = { userName: 'amira', password: 'violet kettle drums at noon' };
const PASSWORD = 'marble harbour lantern quietly';

function refusal(userName: string, existing: readonly string[]): { code: ErrorCode; params: unknown } | 'accepted' {
  try {
    checkNewUserName(userName, existing);
    return 'accepted';
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, params: error.params };
    throw error;
  }
}

describe('invisible and text-direction characters', () => {
  test.each([
    ['zero-width space', 'ami\u200Bra'],
    ['zero-width non-joiner', 'ami\u200Cra'],
    ['zero-width joiner', 'ami\u200Dra'],
    ['left-to-right mark', 'amira\u200E'],
    ['right-to-left mark', '\u200Famira'],
    ['left-to-right embedding', '\u202Aamira'],
    ['right-to-left override', '\u202Eamira'],
    ['pop directional formatting', 'amira\u202C'],
    ['right-to-left isolate', '\u2067amira\u2069'],
    ['first strong isolate', '\u2068amira'],
    ['Arabic letter mark', '\u061Cعمر'],
    ['byte-order mark', '\uFEFFamira'],
    ['word joiner', 'ami\u2060ra'],
    ['soft hyphen', 'ami\u00ADra'],
    ['combining grapheme joiner', 'ami\u034Fra'],
    ['variation selector', 'amira\uFE0F'],
    ['Hangul filler', 'amira\u3164'],
    ['NUL', 'amira\u0000'],
    ['escape', '\u001B[31mamira'],
    ['delete', 'amira\u007F'],
    ['line separator', 'ami\u2028ra'],
  ])('%s is refused as user_name_invalid, naming the code point', (_label, userName) => {
    const result = refusal(userName, []);
    expect(result).toMatchObject({ code: 'user_name_invalid' });
    expect(result !== 'accepted' && result.params).toMatchObject({ character: expect.stringMatching(/^U\+[0-9A-F]{4,6}$/) });
  });

  test('the refusal names the first such character by code point, never the name', () => {
    expect(refusal('ami\u200Bra\u202E', [])).toEqual({ code: 'user_name_invalid', params: { character: 'U+200B' } });
  });

  test('ordinary spaces, dots, hyphens, digits and Arabic letters are fine', () => {
    for (const name of ['amira haddad', 'amira.supervisor', 'amira-2', 'عمر', 'ليلى', 'Zoë', 'Chloé Dubois']) {
      expect(refusal(name, []), name).toBe('accepted');
    }
  });
});

describe('names confusable with an existing account', () => {
  test.each([
    ['Cyrillic а', '\u0430mira'],
    ['Cyrillic а and і', '\u0430m\u0456ra'],
    ['Greek α', '\u03B1mira'],
    ['dotless ı', 'am\u0131ra'],
    ['rn for m', 'arnira'],
    ['fullwidth capitals ending in a Cyrillic А', '\uFF21\uFF2D\uFF29\uFF32\u0410'],
    ['Cyrillic capitals', '\u0410MIR\u0410'],
  ])('%s is refused as user_name_confusable, naming the existing account', (_label, userName) => {
    expect(refusal(userName, ['farid.clerk', 'amira'])).toEqual({ code: 'user_name_confusable', params: { existing: 'amira' } });
  });

  test('a digit zero for o, and a one for l, are confusable whatever the case', () => {
    expect(refusal('0mar', ['Omar'])).toMatchObject({ code: 'user_name_confusable' });
    expect(refusal('a1i', ['ali'])).toMatchObject({ code: 'user_name_confusable' });
  });

  test('Arabic look-alikes: Farsi yeh for Arabic yeh, keheh for kaf', () => {
    expect(refusal('علی', ['علي'])).toEqual({ code: 'user_name_confusable', params: { existing: 'علي' } });
    expect(refusal('کريم', ['كريم'])).toMatchObject({ code: 'user_name_confusable' });
  });

  test('the very same name (in another case or width) is left to the duplicate check (user_exists)', () => {
    expect(refusal('AMIRA', ['amira'])).toBe('accepted');
    expect(refusal('\uFF41mira', ['amira'])).toBe('accepted');
  });

  test('distinct names are accepted: Latin, Arabic, and names that merely share letters', () => {
    const existing = ['amira', 'farid.clerk', 'عمر', 'leila.protection'];
    for (const name of ['amina', 'omar', 'amir', 'mira', 'amira.haddad', 'عمرو', 'علي', 'ليلى', 'farida', 'leila']) {
      expect(refusal(name, existing), name).toBe('accepted');
    }
  });

  test('confusableWith compares two names by skeleton', () => {
    expect(confusableWith('\u0430mira', 'amira')).toBe(true);
    expect(confusableWith('amina', 'amira')).toBe(false);
  });
});

describe('AccountService.create', () => {
  test('amira exists: look-alikes and the same name in capitals are refused; amina, عمر and omar are accepted', async () => {
    const { core } = await setUpVault(tempDataDir('user-names'), { supervisor: AMIRA });
    const create = (userName: string) => addAccount(core, { userName, password: PASSWORD }, 'clerk');
    try {
      const cyrillic = await expectAppError(create('\u0430mira'), 'user_name_confusable');
      expect(cyrillic.params).toEqual({ existing: 'amira' });
      await expectAppError(create('ami\u200Bra'), 'user_name_invalid');
      await expectAppError(create('\u202Eamira'), 'user_name_invalid');
      await expectAppError(create('am\u0131ra'), 'user_name_confusable');
      await expectAppError(create('AMIRA'), 'user_exists');
      expect(core.vault.accounts.list().map((account) => account.userName)).toEqual(['amira']);

      for (const userName of ['amina', 'عمر', 'omar']) expect((await create(userName)).userName).toBe(userName);
      // A disabled account's name stays taken: its look-alike is still refused.
      const omar = core.vault.accounts.list().find((account) => account.userName === 'omar');
      core.vault.accounts.disable(omar?.id ?? -1);
      await expectAppError(create('0mar'), 'user_name_confusable');
    } finally {
      core.close();
    }
  });
});
