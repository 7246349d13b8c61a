import { useEffect, useState } from 'react';
import type { Progress } from '../../../shared/contract';
import { request } from '../session';

/** How often a progress bar asks main how far the long call is. */
const PROGRESS_POLL_MS = 300;

type Task = NonNullable<Progress>;

/**
 * While `running`, the progress main reports for `task` (app.progress, answered beside the long
 * call between its steps); null before the first report and once it is over.
 */
export function useCallProgress<T extends Task['task']>(task: T, running: boolean): Extract<Task, { task: T }> | null {
  const [progress, setProgress] = useState<Extract<Task, { task: T }> | null>(null);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      request('app.progress', {}).then(
        (next) => {
          if (next?.task === task) setProgress(next as Extract<Task, { task: T }>);
        },
        () => undefined,
      );
    }, PROGRESS_POLL_MS);
    return () => {
      clearInterval(timer);
      // What the last run reached is not shown at the start of the next.
      setProgress(null);
    };
  }, [task, running]);

  return running ? progress : null;
}
