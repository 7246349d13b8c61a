import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus } from '../../../shared/contract';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

/** The backup status from main, and a way to take a fresh one after a change. */
export function useBackupStatus(): { status: BackupStatus | null; problem: Problem | null; replace: (status: BackupStatus) => void; reload: () => void } {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let live = true;
    request('backup.status', {}).then(
      (next) => live && setStatus(next),
      (error: unknown) => live && setProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, [asked]);

  const reload = useCallback(() => setAsked((count) => count + 1), []);
  return { status, problem, replace: setStatus, reload };
}
