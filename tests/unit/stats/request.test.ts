import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import {
  DisclosureRuleError,
  STATS_K_MIN,
  STATS_K_SENSITIVE_MIN,
  STATS_MIN_POPULATION_DEFAULT,
  assertDisclosureRules,
  statsRequestSchema,
} from '../../../src/shared/stats';
import { computeStatistics, parseStatsRequest } from '../../../src/main/stats';
import { peopleFixture } from '../people/people-db';

const period = { from: '2026-01-01', to: '2026-11-30' };

describe('the threshold k can never go below 3', () => {
  it('is refused by the request schema', () => {
    expect(statsRequestSchema.safeParse({ ...period, k: 2 }).success).toBe(false);
    expect(statsRequestSchema.safeParse({ ...period, k: 0 }).success).toBe(false);
    expect(statsRequestSchema.safeParse({ ...period, k: 3, kSensitive: 10 }).success).toBe(true);
    // Combining exports at several k narrowed a sensitive cell: kSensitive is never below 10.
    expect(statsRequestSchema.safeParse({ ...period, k: 3, kSensitive: 3 }).success).toBe(false);
  });

  it('throws a typed DisclosureRuleError from the function, whatever the caller skipped', () => {
    for (const k of [2, 1, 0, -5, 2.5]) {
      let thrown: unknown;
      try {
        parseStatsRequest({ ...period, k });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DisclosureRuleError);
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as DisclosureRuleError).rule).toBe('k-minimum');
      expect((thrown as DisclosureRuleError).code).toBe('invalid_input');
      expect((thrown as DisclosureRuleError).params).toMatchObject({ minimum: STATS_K_MIN });
    }
    expect(() => assertDisclosureRules({ ...period, k: 2, kSensitive: 10 })).toThrow(DisclosureRuleError);
  });

  it('refuses before reading any data', () => {
    const fixture = peopleFixture();
    try {
      expect(() => computeStatistics(fixture.db, { ...period, k: 2 }, new Date('2026-11-25T12:00:00Z'))).toThrow(DisclosureRuleError);
    } finally {
      fixture.close();
    }
  });

  it('keeps the sensitive threshold at least k', () => {
    expect(statsRequestSchema.safeParse({ ...period, k: 8, kSensitive: 6 }).success).toBe(false);
    expect(() => parseStatsRequest({ ...period, k: 8, kSensitive: 6 })).toThrow(DisclosureRuleError);
    // Raising k alone raises the default sensitive threshold with it.
    expect(parseStatsRequest({ ...period, k: 12 })).toMatchObject({ k: 12, kSensitive: 12 });
  });

  it('has the documented defaults', () => {
    expect(parseStatsRequest(period)).toEqual({ ...period, granularity: 'month', k: 5, kSensitive: 10, roundTo5: false, minPopulation: 50 });
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => parseStatsRequest({ from: '2026-11-30', to: '2026-01-01' })).toThrow(AppError);
  });

  it('never lets the sensitive threshold below 10, and names the rule (--k-sensitive 3)', () => {
    for (const kSensitive of [3, 9]) {
      let thrown: unknown;
      try {
        parseStatsRequest({ ...period, k: 3, kSensitive });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DisclosureRuleError);
      expect((thrown as DisclosureRuleError).rule).toBe('k-sensitive-minimum');
      expect((thrown as DisclosureRuleError).params).toMatchObject({ minimum: STATS_K_SENSITIVE_MIN });
    }
  });

  it('never lets the minimum population for breakdowns below 50; a supervisor may raise it', () => {
    expect(() => parseStatsRequest({ ...period, minPopulation: 20 })).toThrow(DisclosureRuleError);
    expect(statsRequestSchema.safeParse({ ...period, minPopulation: STATS_MIN_POPULATION_DEFAULT - 1 }).success).toBe(false);
    expect(parseStatsRequest({ ...period, minPopulation: 200 })).toMatchObject({ minPopulation: 200 });
  });
});
