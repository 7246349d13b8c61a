import type { ErrorCode, ErrorParams } from '../../shared/errors';
import { CallFailed } from './bridge';

/** Something to tell the user, as a translation key: a failure from main or a check made here. */
export type LocalProblemKey =
  | 'form.incomplete'
  | 'form.passwordsDoNotMatch'
  | 'form.wrongPassword'
  | 'person.form.checkAnswers'
  | 'audit.datesReversed'
  | 'settings.needs.nameRequired'
  | 'referrals.directory.nameRequired'
  | 'referrals.directory.serviceRequired'
  | 'referrals.needConsent'
  | 'referrals.needProvider';
export interface Problem {
  key: `errors.${ErrorCode}` | LocalProblemKey;
  params?: ErrorParams;
}

/** Thrown by a form's submit handler when a check in the renderer fails before main is asked. */
export class FormProblem extends Error {
  constructor(readonly key: LocalProblemKey) {
    super(key);
    this.name = 'FormProblem';
  }
}

export function problemOf(error: unknown): Problem {
  if (error instanceof FormProblem) return { key: error.key };
  if (error instanceof CallFailed) return { key: `errors.${error.error.code}`, params: error.error.params };
  return { key: 'errors.internal' };
}

/**
 * Where the user name is fixed (the lock screen, the signed-in user's own password asked again),
 * main's "user name or password" refusal can only mean the password: say so (issue 15).
 */
export async function askingPasswordOnly<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof CallFailed && error.error.code === 'wrong_credentials') throw new FormProblem('form.wrongPassword');
    throw error;
  }
}

export function requireSamePasswords(password: string, repeated: string): void {
  if (password !== repeated) throw new FormProblem('form.passwordsDoNotMatch');
}
