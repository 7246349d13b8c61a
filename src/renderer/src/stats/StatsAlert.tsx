import { useTranslation } from 'react-i18next';
import type { StatsProblem } from './problems';

/** A failure, in the user's language, announced as soon as it appears. */
export function StatsAlert({ problem }: { problem: StatsProblem | null }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p role="alert" className="message message-error">
      {t(problem.key, problem.params ?? {})}
    </p>
  );
}
