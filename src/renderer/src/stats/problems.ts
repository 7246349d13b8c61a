import type { ErrorCode, ErrorParams, InvalidField, RpcError } from '../../../shared/errors';
import { STATS_K_MIN, STATS_K_SENSITIVE_MIN, STATS_MIN_POPULATION_DEFAULT } from '../../../shared/stats';
import type { TranslatedProblem } from '../components/Messages';
import { placeFieldErrors, type FieldError, type FieldErrors } from '../field-errors';

export type StatsProblemKey =
  | `errors.${ErrorCode}`
  | 'stats.screen.errors.kMinimum'
  | 'stats.screen.errors.kSensitive'
  | 'stats.screen.errors.kSensitiveMinimum'
  | 'stats.screen.errors.minPopulation'
  | 'stats.screen.errors.period'
  | 'stats.screen.errors.fromMissing'
  | 'stats.screen.errors.toMissing';

export interface StatsProblem {
  key: StatsProblemKey;
  params?: ErrorParams;
}

/** The request's fields the form shows a control for, in the order of the page. */
export const STATS_FIELDS = ['from', 'to', 'k', 'kSensitive', 'minPopulation'] as const;
export type StatsField = (typeof STATS_FIELDS)[number];

/** What is wrong with a request: beside the fields it concerns, and in the alert for the rest. */
export interface StatsRefusal {
  fields: FieldErrors<StatsField>;
  alert: StatsProblem | null;
}

/** Checks made here, before main is asked: each beside its field. */
export class StatsFormProblem extends Error {
  constructor(readonly fields: FieldErrors<StatsField>) {
    super('stats form');
    this.name = 'StatsFormProblem';
  }
}

const said = (problem: StatsProblem): FieldError => ({ message: problem });

export const kMinimumError = (): FieldError => said({ key: 'stats.screen.errors.kMinimum', params: { min: STATS_K_MIN } });

/** kSensitive is at least k: name the k the supervisor asked for when it is a valid one. */
export function kSensitiveError(k: number): FieldError {
  return said({ key: 'stats.screen.errors.kSensitive', params: { min: Number.isInteger(k) && k >= STATS_K_MIN ? k : STATS_K_MIN } });
}

/** kSensitive is never below 10, whatever k is. */
export const kSensitiveMinimumError = (): FieldError => said({ key: 'stats.screen.errors.kSensitiveMinimum', params: { min: STATS_K_SENSITIVE_MIN } });

export const minPopulationError = (): FieldError => said({ key: 'stats.screen.errors.minPopulation', params: { min: STATS_MIN_POPULATION_DEFAULT } });

export const periodMissingError = (end: 'from' | 'to'): FieldError =>
  said({ key: end === 'from' ? 'stats.screen.errors.fromMissing' : 'stats.screen.errors.toMissing' });

const K_RULES: ReadonlySet<string> = new Set(['too_small', 'invalid_type']);
const K_SENSITIVE_RULES: ReadonlySet<string> = new Set(['too_small', 'invalid_type', 'k_sensitive_below_k']);

/**
 * One wording per rule: the screen's own words for k and kSensitive below their minimum (they
 * say why, and that it may be raised), the shared rule words for everything else (the period's
 * rules among them).
 */
function statsFieldError(field: InvalidField, k: number): FieldError {
  if (field.path === 'k' && K_RULES.has(field.rule)) return kMinimumError();
  if (field.path === 'kSensitive' && field.rule === 'too_small') return kSensitiveMinimumError();
  if (field.path === 'kSensitive' && K_SENSITIVE_RULES.has(field.rule)) return kSensitiveError(k);
  if (field.path === 'minPopulation' && K_RULES.has(field.rule)) return minPopulationError();
  return { rule: field };
}

/** A refusal built in code by main (DisclosureRuleError: params.rule, no fields), beside its field. */
function ruleFieldErrors(params: ErrorParams | undefined, k: number): FieldErrors<StatsField> | null {
  switch (params?.rule) {
    case 'k-minimum':
      return { k: kMinimumError() };
    case 'k-sensitive-minimum':
      return { kSensitive: kSensitiveMinimumError() };
    case 'minimum-population':
      return { minPopulation: minPopulationError() };
    case 'k-sensitive-below-k':
      return { kSensitive: kSensitiveError(typeof params.minimum === 'number' ? params.minimum : k) };
    case 'period':
      return { to: said({ key: 'stats.screen.errors.period' }) };
    default:
      return null;
  }
}

/**
 * Main refused a request (`k` is the one sent): the fields it names go beside their control, the
 * rest (stats_unprotectable, internal, a field the form has no control for) in the alert.
 */
export function statsRefusalOf(error: RpcError, k: number): StatsRefusal {
  const placed = placeFieldErrors(error, STATS_FIELDS, (field) => statsFieldError(field, k));
  if (placed) return { fields: placed.fields, alert: placed.unplaced ? { key: 'errors.invalid_input' } : null };
  const byRule = error.code === 'invalid_input' ? ruleFieldErrors(error.params, k) : null;
  if (byRule) return { fields: byRule, alert: null };
  return { fields: {}, alert: { key: `errors.${error.code}`, ...(error.params ? { params: error.params } : {}) } };
}

/**
 * For a panel without the fields (the exports): one message, the screen's own words for a field
 * main refused when it has some, the alert's otherwise.
 */
export function statsProblemOf(error: RpcError, k: number): TranslatedProblem {
  const refusal = statsRefusalOf(error, k);
  if (refusal.alert) return refusal.alert;
  for (const field of STATS_FIELDS) {
    const fieldError = refusal.fields[field];
    if (fieldError && 'message' in fieldError) return fieldError.message;
  }
  return { key: 'errors.invalid_input' };
}
