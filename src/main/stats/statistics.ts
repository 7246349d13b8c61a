/**
 * The statistics a supervisor exports: count, protect, audit, publish. Everything that leaves
 * main goes through here, so no table can be exported without disclosure control.
 */
import { AppError } from '../../shared/errors';
import {
  STATS_K_DEFAULT,
  STATS_K_SENSITIVE_DEFAULT,
  assertDisclosureRules,
  statsRequestSchema,
  type StatsReport,
  type StatsRequest,
  type StatsRequestInput,
} from '../../shared/stats';
import type { Db } from '../db/connection';
import { SpecificNeedsCatalogue } from '../services/specific-needs';
import { countPeriod } from './count';
import { periodOf } from './period';
import { publishTable } from './publish';
import { protect, type Protection } from './suppress';
import { buildTables, linksOf, type RawTable } from './tables';

/**
 * Checks a request. The thresholds are checked first, with their own error, so that a request
 * for k below 3 fails as a disclosure rule and not as a form error.
 */
export function parseStatsRequest(input: StatsRequestInput): StatsRequest {
  const k = input.k ?? STATS_K_DEFAULT;
  assertDisclosureRules({ k, kSensitive: input.kSensitive ?? Math.max(k, STATS_K_SENSITIVE_DEFAULT), from: input.from, to: input.to });
  const parsed = statsRequestSchema.safeParse({ ...input, kSensitive: input.kSensitive ?? Math.max(k, STATS_K_SENSITIVE_DEFAULT) });
  if (!parsed.success) throw new AppError('invalid_input', { field: parsed.error.issues[0]?.path.join('.') ?? 'request' });
  return parsed.data;
}

export interface Statistics {
  report: StatsReport;
  /** What disclosure control did, with the final audit. Internal: never exported as is. */
  protection: Protection;
  /** Exact counts. Internal: for tests and the audit only. */
  exact: RawTable[];
}

export function computeStatistics(db: Db, input: StatsRequestInput, today: Date): Statistics {
  const request = parseStatsRequest(input);
  const period = periodOf(request.from, request.to, request.granularity);
  const thresholds = { k: request.k, kSensitive: request.kSensitive };
  const needs = new SpecificNeedsCatalogue(db).list();
  const exact = buildTables(countPeriod(db, period, today), thresholds, needs);
  const protection = protect(exact, linksOf(needs), thresholds);
  return {
    report: {
      rules: { from: period.from, to: period.to, granularity: period.granularity, ...thresholds, roundTo5: request.roundTo5 },
      tables: exact.map((table) => publishTable(table, protection.suppressed, { ...thresholds, roundTo5: request.roundTo5 })),
    },
    protection,
    exact,
  };
}

/** The published report only: what the contract method returns and the exporters take. */
export function produceStatistics(db: Db, input: StatsRequestInput, today: Date): StatsReport {
  return computeStatistics(db, input, today).report;
}
