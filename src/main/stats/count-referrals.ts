/**
 * Referrals made in a period, by service and month (issue 16), with their cell keys. A referral
 * counts once in each service it was made for, in the bucket of the day it was made; its key is
 * the referred person's record key, so the same referrals always give the same published numbers.
 * Only the services and dates are read: never the provider, the fields shared or the reason.
 */
import { SERVICES, type Service } from '../../shared/referrals';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { bucketer, timestampRange, type Period } from './period';
import { categoryKey, codeNumber } from './perturb';

export interface ReferralCounts {
  /** Per service, per bucket of the period: referrals made. */
  counts: Map<Service, Map<string, number>>;
  /** The same cells' keys: the sum of the referred people's record keys. */
  keys: Map<Service, Map<string, number>>;
  /** The table's content key (perturb.ts): every referral's person, service and bucket. */
  tableKey: number;
}

const KNOWN_SERVICES: ReadonlySet<string> = new Set(SERVICES);

const REFERRALS_IN_RANGE = `
  SELECT r.created_at, r.services, p.record_key
  FROM referrals r JOIN people p ON p.id = r.person_id
  WHERE r.created_at >= ? AND r.created_at < ?`;

function emptyGrid(period: Period): Map<Service, Map<string, number>> {
  return new Map(SERVICES.map((service) => [service, new Map(period.buckets.map((bucket) => [bucket, 0]))]));
}

function servicesOf(json: string): Service[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return [...new Set(parsed.filter((value): value is Service => typeof value === 'string' && KNOWN_SERVICES.has(value)))];
  } catch {
    return [];
  }
}

export function countReferrals(db: Db, period: Period): ReferralCounts {
  const result: ReferralCounts = { counts: emptyGrid(period), keys: emptyGrid(period), tableKey: 0 };
  const bucketOf = bucketer(period.granularity);
  const range = timestampRange(period);
  const rows = prepared<[string, string], [string, string, number | null]>(db, REFERRALS_IN_RANGE).raw(true);
  for (const [createdAt, servicesJson, recordKey] of rows.iterate(range.fromInclusive, range.toExclusive)) {
    const bucket = bucketOf(createdAt);
    const key = recordKey ?? 0;
    for (const service of servicesOf(servicesJson)) {
      const counts = result.counts.get(service);
      const keys = result.keys.get(service);
      if (!counts || !keys || !counts.has(bucket)) continue;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      keys.set(bucket, (keys.get(bucket) ?? 0) + key);
      result.tableKey += categoryKey(key, codeNumber(`${service}|${bucket}`));
    }
  }
  return result;
}
