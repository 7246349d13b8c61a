import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { focusFirstInvalid } from '../field-errors';
import type { FieldErrorSink } from '../hooks/useFieldErrors';
import { problemOf, type Problem } from '../problems';
import { ErrorAlert } from './Messages';

interface ActionFormProps {
  /** Runs on submit (Enter in any field works); throw to show the problem. */
  onSubmit: () => Promise<void>;
  submitLabel: string;
  children?: ReactNode;
  /** Buttons after the submit button, such as Cancel. */
  secondary?: ReactNode;
  className?: string;
  submitClassName?: string;
  labelledBy?: string;
  /** From useFieldErrors: main's refusals of the form's fields go beside them, not in the alert. */
  fieldErrors?: FieldErrorSink;
}

/**
 * A form that checks its required fields, runs one action, and shows what went wrong in the
 * user's language: beside the fields main refused (focus goes to the first), in the alert for the
 * rest. While the action runs, a second submit is ignored.
 */
export function ActionForm({ onSubmit, submitLabel, children, secondary, className, submitClassName, labelledBy, fieldErrors }: ActionFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  /** Counts refusals with fields in error: each one moves focus to the first, once it shows. */
  const [refusals, setRefusals] = useState(0);

  useEffect(() => {
    if (refusals > 0) focusFirstInvalid(formRef.current);
  }, [refusals]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    fieldErrors?.clear();
    if (!form.checkValidity()) {
      setProblem({ key: 'form.incomplete' });
      form.querySelector<HTMLElement>(':invalid')?.focus();
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      await onSubmit();
    } catch (error) {
      const placed = fieldErrors?.place(error) ?? 'none';
      setProblem(placed === 'all' ? null : problemOf(error));
      if (placed !== 'none') setRefusals((count) => count + 1);
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      ref={formRef}
      noValidate
      className={className ?? 'stack-form'}
      aria-labelledby={labelledBy}
      aria-busy={pending}
      onSubmit={(event) => void handleSubmit(event)}
    >
      {children}
      <ErrorAlert problem={problem} />
      <div className="actions">
        <button type="submit" className={submitClassName ?? 'button button-primary'} aria-disabled={pending}>
          {pending ? t('form.working') : submitLabel}
        </button>
        {secondary}
      </div>
    </form>
  );
}
