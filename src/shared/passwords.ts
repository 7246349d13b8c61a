/** NIST SP 800-63B rev. 4 for single-factor passwords: length, not composition. */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 256;

/** Unicode-normalise before counting or deriving, so the same password typed on another keyboard works. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Length in user-perceived characters, so an Arabic or emoji password is counted as typed. */
export function passwordLength(password: string): number {
  return [...normalisePassword(password)].length;
}
