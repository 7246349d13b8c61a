import type { ErrorCode, ErrorParams } from '../../shared/errors';
import { CallFailed } from './bridge';

/** Something to tell the user, as a translation key: a failure from main or a check made here. */
export type LocalProblemKey =
  | 'form.incomplete'
  | 'form.passwordsDoNotMatch'
  | 'person.form.checkAnswers'
  | 'audit.datesReversed'
  | 'settings.needs.nameRequired';
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

export function requireSamePasswords(password: string, repeated: string): void {
  if (password !== repeated) throw new FormProblem('form.passwordsDoNotMatch');
}
