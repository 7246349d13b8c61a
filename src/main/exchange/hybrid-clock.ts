/**
 * A hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014): milliseconds of the
 * wall clock, and a counter for events within one millisecond or while the wall clock lags behind
 * a time already seen. Every time it gives is greater than every time it gave or received before,
 * whatever the laptop's clock does (set back, wrong time zone, no battery), and stays close to the
 * wall clock when that is right. Operations from the desks of a site are ordered by (time, desk id).
 */
export interface HlcTime {
  /** Unix milliseconds. */
  readonly wall: number;
  /** 0 to COUNTER_MAX. */
  readonly counter: number;
}

export const COUNTER_MAX = 0xffff;
/**
 * How far ahead of this laptop's clock a received time may pull it. A desk whose clock says 2099
 * would otherwise move every desk's clock there for good. The operation keeps its own time; only
 * this clock does not follow it. Causally later edits still win: the merge orders by each field's
 * version first (docs/desk-exchange.md).
 */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;
const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
const ENCODED = new RegExp(`^(\\d{${WALL_DIGITS}})-(\\d{${COUNTER_DIGITS}})$`);

export function compareHlc(a: HlcTime, b: HlcTime): number {
  return a.wall - b.wall || a.counter - b.counter;
}

/** Fixed-width text whose string order is the clock's order (what SQLite sorts and compares). */
export function encodeHlc(time: HlcTime): string {
  return `${String(time.wall).padStart(WALL_DIGITS, '0')}-${String(time.counter).padStart(COUNTER_DIGITS, '0')}`;
}

export function decodeHlc(text: string): HlcTime {
  const match = ENCODED.exec(text);
  const counter = Number(match?.[2]);
  if (!match || counter > COUNTER_MAX) throw new Error(`Not a hybrid clock time: ${JSON.stringify(text)}`);
  return { wall: Number(match[1]), counter };
}

/** The smallest time after `time`; a full counter moves on to the next millisecond. */
function after(time: HlcTime): HlcTime {
  return time.counter < COUNTER_MAX ? { wall: time.wall, counter: time.counter + 1 } : { wall: time.wall + 1, counter: 0 };
}

export class HybridClock {
  constructor(
    private last: HlcTime,
    private readonly physicalNow: () => number = Date.now,
  ) {}

  /** The time of a local event: a change made at this desk. */
  now(): HlcTime {
    const physical = this.physicalNow();
    this.last = physical > this.last.wall ? { wall: physical, counter: 0 } : after(this.last);
    return this.last;
  }

  /**
   * Takes in a time received from another desk; what happens here afterwards is later than it,
   * unless it is more than MAX_DRIFT_MS ahead of this laptop's clock (then it is not followed).
   */
  receive(remote: HlcTime): HlcTime {
    const physical = this.physicalNow();
    const followed = remote.wall <= physical + MAX_DRIFT_MS && compareHlc(remote, this.last) > 0;
    const latest = followed ? remote : this.last;
    this.last = physical > latest.wall ? { wall: physical, counter: 0 } : after(latest);
    return this.last;
  }

  get latest(): HlcTime {
    return this.last;
  }
}
