import { useCallback, useEffect, useState } from 'react';
import type { PersonSummary } from '../../../shared/people';
import type { RecordListFilter } from '../../../shared/record-status';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';

export interface Found {
  query: string;
  people: PersonSummary[];
}

/**
 * Search as you type: asks main once the typing pauses, and keeps the last answer (with the query
 * it answered) until the next one arrives, so the list does not flicker between keystrokes.
 */
export function usePeopleSearch(trimmed: string, options: { limit: number; debounceMs: number; show?: RecordListFilter }) {
  const [found, setFound] = useState<Found | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const { limit, debounceMs, show = 'active' } = options;

  useEffect(() => {
    if (trimmed === '') return;
    let live = true;
    const timer = window.setTimeout(() => {
      request('people.search', { query: trimmed, limit, show }).then(
        (people) => {
          if (!live) return;
          setProblem(null);
          setFound({ query: trimmed, people });
        },
        (error: unknown) => live && setProblem(problemOf(error)),
      );
    }, debounceMs);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [trimmed, limit, debounceMs, show]);

  const clear = useCallback(() => setFound(null), []);
  return { found, problem, clear };
}
