import type { Granularity } from '../../shared/stats';
import { isoWeekOf } from '../../shared/stats-text';

export { isoWeekOf };

/**
 * Periods in whole ISO weeks or calendar months. Registration times are UTC timestamps; a week or
 * month is the UTC date's. A report never names a day: the requested period is widened to whole
 * weeks or months, so two reports cannot be differenced down to a single day's registrations.
 */
export interface Period {
  /** Inclusive first and last day of the widened period. */
  from: string;
  to: string;
  granularity: Granularity;
  /** Every week (2026-W47) or month (2026-11) in the period, in order. */
  buckets: string[];
}

const DAY = 86_400_000;

function utc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}


function mondayOf(date: string): number {
  const ms = utc(date);
  return ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
}

export function periodOf(from: string, to: string, granularity: Granularity): Period {
  if (granularity === 'week') {
    const start = mondayOf(from);
    const end = mondayOf(to) + 6 * DAY;
    const buckets: string[] = [];
    for (let monday = start; monday <= end; monday += 7 * DAY) buckets.push(isoWeekOf(isoDay(monday)));
    return { from: isoDay(start), to: isoDay(end), granularity, buckets };
  }
  const [fromYear, fromMonth] = [Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1];
  const [toYear, toMonth] = [Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1];
  const buckets: string[] = [];
  for (let month = fromYear * 12 + fromMonth; month <= toYear * 12 + toMonth; month++) {
    buckets.push(`${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`);
  }
  return { from: isoDay(Date.UTC(fromYear, fromMonth, 1)), to: isoDay(Date.UTC(toYear, toMonth + 1, 0)), granularity, buckets };
}

/** The registered_at bounds of a period, for a range scan of the registration index. */
export function timestampRange(period: Period): { fromInclusive: string; toExclusive: string } {
  return { fromInclusive: `${period.from}T00:00:00.000Z`, toExclusive: `${isoDay(utc(period.to) + DAY)}T00:00:00.000Z` };
}

/** Maps a registration timestamp to its bucket; memoised per day, since a site has few distinct days. */
export function bucketer(granularity: Granularity): (timestamp: string) => string {
  if (granularity === 'month') return (timestamp) => timestamp.slice(0, 7);
  const cache = new Map<string, string>();
  return (timestamp) => {
    const day = timestamp.slice(0, 10);
    let week = cache.get(day);
    if (week === undefined) {
      week = isoWeekOf(day);
      cache.set(day, week);
    }
    return week;
  };
}
