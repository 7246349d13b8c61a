/**
 * Whether this laptop's clock, or another desk's, is wrong, read off the bundles an exchange opens:
 * a bundle written later than this laptop's time now was written by a clock ahead of this one. The
 * hybrid clock keeps the order of changes whatever the clocks say, but a concurrent change of a
 * field is settled by time (a laptop far behind loses every one), records are dated by it, and a
 * time more than a day ahead is not followed (hybrid-clock.ts): so the desk is told, not corrected.
 */

/** Laptops without a time server drift by minutes; less than this is not worth a warning. */
export const CLOCK_TOLERANCE_MS = 10 * 60 * 1000;

export interface ClockFindings {
  /** Minutes this laptop's clock is behind every other desk whose bundle was read (two desks or more); null when it is not. */
  clockBehind: number | null;
  /** Desks whose bundle was written later than this laptop's time now, by how many minutes (when this clock is not the one behind). */
  clockAhead: { desk: number; minutes: number }[];
}

export class ClockCheck {
  private readonly leads = new Map<number, number>();

  /** A bundle of `desk` written at `createdAt`, read at `now` by this laptop's clock. */
  note(desk: number, createdAt: string, now: Date): void {
    const lead = Date.parse(createdAt) - now.getTime();
    if (Number.isNaN(lead)) return;
    this.leads.set(desk, Math.max(this.leads.get(desk) ?? -Infinity, lead));
  }

  findings(): ClockFindings {
    const ahead = [...this.leads].filter(([, lead]) => lead > CLOCK_TOLERANCE_MS).map(([desk, lead]) => ({ desk, minutes: Math.floor(lead / 60_000) }));
    // One other desk ahead cannot say which clock is wrong; every one of several ahead says this one is.
    if (this.leads.size >= 2 && ahead.length === this.leads.size) return { clockBehind: Math.min(...ahead.map((desk) => desk.minutes)), clockAhead: [] };
    return { clockBehind: null, clockAhead: ahead.sort((a, b) => a.desk - b.desk) };
  }
}
