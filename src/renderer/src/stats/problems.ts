import type { ErrorCode, ErrorParams } from '../../../shared/errors';
import { STATS_K_MIN } from '../../../shared/stats';
import { CallFailed } from '../bridge';

export type StatsProblemKey =
  | `errors.${ErrorCode}`
  | 'stats.screen.errors.kMinimum'
  | 'stats.screen.errors.kSensitive'
  | 'stats.screen.errors.period'
  | 'stats.screen.errors.periodMissing';

export interface StatsProblem {
  key: StatsProblemKey;
  params?: ErrorParams;
}

/** A check made here, before main is asked. */
export class StatsFormProblem extends Error {
  constructor(readonly problem: StatsProblem) {
    super(problem.key);
    this.name = 'StatsFormProblem';
  }
}

/**
 * Main refuses a request that would weaken disclosure control (k below the minimum, kSensitive
 * below k, a reversed or too long period): say which rule, in the user's words.
 */
export function statsProblemOf(error: unknown, k?: number): StatsProblem {
  if (error instanceof StatsFormProblem) return error.problem;
  if (!(error instanceof CallFailed)) return { key: 'errors.internal' };
  const { code, params, fields } = error.error;
  if (code === 'invalid_input') {
    const rule = params?.rule;
    const paths = new Set((fields ?? []).map((field) => field.path));
    if (rule === 'k-minimum' || paths.has('k')) return { key: 'stats.screen.errors.kMinimum', params: { min: STATS_K_MIN } };
    if (rule === 'k-sensitive-below-k' || paths.has('kSensitive')) {
      return { key: 'stats.screen.errors.kSensitive', params: { min: typeof params?.minimum === 'number' ? params.minimum : (k ?? STATS_K_MIN) } };
    }
    if (rule === 'period' || paths.has('from') || paths.has('to')) return { key: 'stats.screen.errors.period' };
  }
  return { key: `errors.${code}`, ...(params ? { params } : {}) };
}
