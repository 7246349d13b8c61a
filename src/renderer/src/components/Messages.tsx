import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ErrorParams } from '../../../shared/errors';

/** Anything to tell the user as one translated message: a failure from main or a check made here. */
export interface TranslatedProblem {
  key: ParseKeys;
  params?: ErrorParams;
}

/** A failure, announced to screen readers as soon as it appears. */
export function ErrorAlert({ problem }: { problem: TranslatedProblem | null }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p role="alert" className="message message-error">
      {t(problem.key, problem.params ?? {})}
    </p>
  );
}

/** A polite live region that is always present, so a later success message is announced. */
export function StatusMessage({ children }: { children?: string | null }) {
  return (
    <p role="status" className="message message-success">
      {children}
    </p>
  );
}
