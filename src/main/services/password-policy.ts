import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../shared/errors';
import { normalisePassword, passwordLength, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../shared/passwords';

// The zxcvbn-ts list of common passwords: a maintained list, so we do not keep our own.
const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLocaleLowerCase('en-US')));
const CONTEXT_WORDS = ['intake', 'reception', 'registration', 'password', 'passphrase'];

/** Throws the first rule the password breaks; returns the normalised password to derive from. */
export function checkNewPassword(password: string, context: { userName?: string } = {}): string {
  const normalised = normalisePassword(password);
  const length = passwordLength(normalised);
  if (length < PASSWORD_MIN_LENGTH) throw new AppError('password_too_short', { min: PASSWORD_MIN_LENGTH });
  if (length > PASSWORD_MAX_LENGTH) throw new AppError('password_too_long', { max: PASSWORD_MAX_LENGTH });
  const folded = normalised.toLocaleLowerCase('en-US');
  const compact = folded.replace(/[\s\p{P}]/gu, '');
  const distinct = new Set(compact).size;
  const user = context.userName?.normalize('NFKC').toLocaleLowerCase('en-US').replace(/[\s\p{P}]/gu, '');
  const isContextual =
    (user !== undefined && user.length > 0 && compact.replace(user, '').length < 4) ||
    CONTEXT_WORDS.some((word) => compact.replace(new RegExp(word, 'g'), '').replace(/\d/g, '').length < 3);
  if (COMMON.has(folded) || COMMON.has(compact) || distinct <= 3 || isContextual) {
    throw new AppError('password_common');
  }
  return normalised;
}
