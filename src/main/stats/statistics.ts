/**
 * The statistics a supervisor exports: count, protect, audit, perturb, publish. Everything that
 * leaves main goes through here, so no table can be exported without disclosure control.
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
  type WithheldReason,
} from '../../shared/stats';
import type { Db } from '../db/connection';
import { SettingsService } from '../services/settings';
import { SpecificNeedsCatalogue } from '../services/specific-needs';
import { countPeriod, type Counts } from './count';
import { countReferrals } from './count-referrals';
import { periodOf, type Period } from './period';
import { publishTable, thresholdAt, type Perturbation, type Thresholds } from './publish';
import { resolve, positionKey, type Link } from './structure';
import { protect, type Protection } from './suppress';
import { buildTables, linksOf, type Breakdowns, type RawTable } from './tables';

/**
 * Checks a request. The thresholds are checked first, with their own error, so that a request
 * for k below 3 or kSensitive below 10 fails as a disclosure rule and not as a form error.
 */
export function parseStatsRequest(input: StatsRequestInput): StatsRequest {
  const k = input.k ?? STATS_K_DEFAULT;
  const kSensitive = input.kSensitive ?? Math.max(k, STATS_K_SENSITIVE_DEFAULT);
  assertDisclosureRules({ k, kSensitive, from: input.from, to: input.to, minPopulation: input.minPopulation });
  const parsed = statsRequestSchema.safeParse({ ...input, kSensitive });
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

/**
 * Which tables the period may publish. Breakdowns only for whole calendar months that have
 * ended (a week, or a month still running, can be differenced against the month around it);
 * tier 1 only when the period has at least the minimum population; tier 2 only when each of its
 * months has (so no month can be differenced out of a longer period's sensitive tables).
 */
export function breakdownsOf(period: Period, counts: Counts, minPopulation: number, today: Date): { breakdowns: Breakdowns; withheld?: WithheldReason } {
  if (period.granularity !== 'month') return { breakdowns: 'none', withheld: 'weekly' };
  if (period.to >= today.toISOString().slice(0, 10)) return { breakdowns: 'none', withheld: 'not-ended' };
  if (counts.people < minPopulation) return { breakdowns: 'none', withheld: 'below-minimum' };
  if (period.buckets.some((month) => (counts.registrations.get(month) ?? 0) < minPopulation)) return { breakdowns: 'tier1', withheld: 'month-below-minimum' };
  return { breakdowns: 'all' };
}

/**
 * Numbers that appear in several tables are perturbed as one: each with the plain cell key and
 * the highest threshold of the tables it is in.
 */
function sharedNumbers(tables: readonly RawTable[], links: readonly Link[], thresholds: Thresholds): Map<string, number> {
  const shared = new Map<string, number>();
  for (const link of links) {
    if (link.kind !== 'equal') continue;
    const members = link.cells.flatMap((ref) => {
      const table = tables.find((candidate) => candidate.id === ref.table);
      const position = table && resolve(table, ref);
      return table && position ? [{ key: positionKey(table.id, position), threshold: thresholdAt(table, position, thresholds) }] : [];
    });
    const threshold = Math.max(0, ...members.map((member) => member.threshold));
    for (const member of members) shared.set(member.key, threshold);
  }
  return shared;
}

/** The site as every file names it: its registration-number prefix, and its name when it has one. */
function site(db: Db): { sitePrefix: string; siteName?: string } {
  const { sitePrefix, siteName } = new SettingsService(db).get();
  return { sitePrefix, ...(siteName ? { siteName } : {}) };
}

export function computeStatistics(db: Db, input: StatsRequestInput, today: Date): Statistics {
  const request = parseStatsRequest(input);
  const period = periodOf(request.from, request.to, request.granularity);
  const thresholds = { k: request.k, kSensitive: request.kSensitive };
  const needs = new SpecificNeedsCatalogue(db).list();
  const counts = countPeriod(db, period, today);
  const { breakdowns, withheld } = breakdownsOf(period, counts, request.minPopulation, today);
  const exact = buildTables(counts, { ...thresholds, breakdowns, referrals: countReferrals(db, period) }, needs);
  const links = linksOf(needs);
  const protection = protect(exact, links, thresholds);
  const perturbation: Perturbation = { shared: sharedNumbers(exact, links, thresholds) };
  return {
    report: {
      rules: {
        from: period.from,
        to: period.to,
        granularity: period.granularity,
        ...thresholds,
        roundTo5: request.roundTo5,
        minPopulation: request.minPopulation,
        breakdowns,
        ...(withheld ? { withheld } : {}),
        ...site(db),
      },
      tables: exact.map((table) => publishTable(table, protection.suppressed, { ...thresholds, roundTo5: request.roundTo5, perturbation })),
    },
    protection,
    exact,
  };
}

/** The published report only: what the contract method returns and the exporters take. */
export function produceStatistics(db: Db, input: StatsRequestInput, today: Date): StatsReport {
  return computeStatistics(db, input, today).report;
}
