import type { ParseKeys, TFunction } from 'i18next';
import type { InvalidField, RpcError } from '../../shared/errors';
import { inputRuleText } from '../../shared/input-rules';
import type { TranslatedProblem } from './components/Messages';

/** What to say beside one field: a rule main applied (worded by inputRuleText), or a message of the form's own. */
export type FieldError = { rule: InvalidField } | { message: TranslatedProblem };

/** A form's fields in error, by the path of the call's input each control holds. */
export type FieldErrors<P extends string = string> = Partial<Record<P, FieldError>>;

/** Main's invalid_input refusal, split between the form's controls and its alert. */
export interface PlacedFieldErrors<P extends string> {
  /** One error per field (main's first for that path). */
  fields: FieldErrors<P>;
  /** Main also refused something no control of the form shows: the alert must say so. */
  unplaced: boolean;
}

/**
 * The fields of an invalid_input refusal that the form shows (`paths`), each worded by `word`
 * (main's rule by default). Null when the refusal names none of them, so the alert says it all.
 */
export function placeFieldErrors<P extends string>(
  error: RpcError,
  paths: readonly P[],
  word: (field: InvalidField) => FieldError = (rule) => ({ rule }),
): PlacedFieldErrors<P> | null {
  if (error.code !== 'invalid_input') return null;
  const fields: FieldErrors<P> = {};
  let unplaced = false;
  for (const field of error.fields ?? []) {
    const path = paths.find((candidate) => candidate === field.path);
    if (path === undefined) unplaced = true;
    else fields[path] ??= word(field);
  }
  return Object.keys(fields).length > 0 ? { fields, unplaced } : null;
}

/** A field's error in the reader's language. */
export function fieldErrorText(error: FieldError, t: TFunction): string {
  if ('rule' in error) return inputRuleText(error.rule, (key, params) => t(key as ParseKeys, params ?? {}));
  return t(error.message.key, error.message.params ?? {});
}

/** The first field in error inside `container`, in the order of the page: where focus goes after a refused submit. */
export function focusFirstInvalid(container: HTMLElement | null): void {
  container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
