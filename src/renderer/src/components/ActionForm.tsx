import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
}

/**
 * A form that checks its required fields, runs one action, and shows what went wrong in the
 * user's language. While the action runs, a second submit is ignored.
 */
export function ActionForm({ onSubmit, submitLabel, children, secondary, className, submitClassName, labelledBy }: ActionFormProps) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
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
      setProblem(problemOf(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form
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
