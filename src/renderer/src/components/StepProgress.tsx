import { useTranslation } from 'react-i18next';

interface StepProgressProps {
  /** The bar's accessible name. */
  label: string;
  /** Steps finished before the one under way. */
  done: number;
  total: number;
  /** The step under way, in words. */
  step: string;
}

/** A long call's steps as a bar and "Step n of N: …", announced politely as each one starts. */
export function StepProgress({ label, done, total, step }: StepProgressProps) {
  const { t } = useTranslation();
  return (
    <div className="step-progress">
      <progress aria-label={label} max={total} value={done} />
      <p aria-live="polite">{t('progress.stepOf', { number: done + 1, total, step })}</p>
    </div>
  );
}
