import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

export type ExchangeStatus = MethodOutput<'exchange.status'>;

/** The exchange status from main (exchange.status, every role), and a way to take a fresh one. */
export function useExchangeStatus(): { status: ExchangeStatus | null; problem: Problem | null; reload: () => void } {
  const [status, setStatus] = useState<ExchangeStatus | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let live = true;
    request('exchange.status', {}).then(
      (next) => {
        if (!live) return;
        setStatus(next);
        setProblem(null);
      },
      (error: unknown) => live && setProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, [asked]);

  const reload = useCallback(() => setAsked((count) => count + 1), []);
  return { status, problem, reload };
}
