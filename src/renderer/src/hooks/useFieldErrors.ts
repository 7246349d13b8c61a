import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rpcErrorOf } from '../bridge';
import { fieldErrorText, placeFieldErrors, type FieldErrors } from '../field-errors';

/** Where a failure went: all of it beside the form's controls, some (the alert says the rest), or none. */
export type Placement = 'all' | 'some' | 'none';

/** What ActionForm asks of a form's field errors. */
export interface FieldErrorSink {
  /** Puts main's refusal of the form's own fields beside them (and clears the others). */
  place: (error: unknown) => Placement;
  clear: () => void;
}

export interface FieldErrorState<P extends string> extends FieldErrorSink {
  /** The message beside the field at `path`, in the reader's language, or undefined. */
  messageOf: (path: P) => string | undefined;
}

/**
 * Main's invalid_input refusals of the fields at `paths` (paths of the call's input), for a form
 * to show beside its controls through their `error` prop. Worded when shown, so a change of
 * language re-words them.
 */
export function useFieldErrors<P extends string>(paths: readonly P[]): FieldErrorState<P> {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors<P>>({});
  return {
    messageOf: (path) => {
      const error = errors[path];
      return error ? fieldErrorText(error, t) : undefined;
    },
    place: (error) => {
      const placed = placeFieldErrors(rpcErrorOf(error), paths);
      setErrors(placed?.fields ?? {});
      if (placed === null) return 'none';
      return placed.unplaced ? 'some' : 'all';
    },
    clear: () => setErrors({}),
  };
}
