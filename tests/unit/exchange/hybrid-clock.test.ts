/**
 * The clock that orders the desks' operations: whatever the laptops' clocks do (set back, jumping,
 * stuck), every time a desk gives is later than everything it gave or received before, and the
 * text form sorts as the times do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTER_MAX, compareHlc, decodeHlc, encodeHlc, HybridClock, MAX_DRIFT_MS, type HlcTime } from '../../../src/main/exchange/hybrid-clock';

const wall = fc.integer({ min: 0, max: 8_000_000_000_000 });
const time = fc.record({ wall, counter: fc.integer({ min: 0, max: COUNTER_MAX }) });
/** A local change at a physical reading, or a time received from another desk. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('local' as const), physical: wall }),
  fc.record({ kind: fc.constant('receive' as const), physical: wall, remote: time }),
);

describe('the hybrid logical clock', () => {
  it('gives strictly increasing times, each later than every time received within the drift allowed, whatever the wall clock does', () => {
    fc.assert(
      fc.property(time, fc.array(step, { maxLength: 200 }), (start, steps) => {
        let physical = 0;
        const clock = new HybridClock(start, () => physical);
        let previous: HlcTime = start;
        for (const s of steps) {
          physical = s.physical;
          const given = s.kind === 'local' ? clock.now() : clock.receive(s.remote);
          expect(compareHlc(given, previous)).toBeGreaterThan(0);
          if (s.kind === 'receive' && s.remote.wall <= physical + MAX_DRIFT_MS) expect(compareHlc(given, s.remote)).toBeGreaterThan(0);
          // Never behind the wall clock.
          expect(given.wall).toBeGreaterThanOrEqual(physical);
          previous = given;
        }
      }),
    );
  });

  it('follows a correct wall clock exactly', () => {
    let physical = 1_764_500_000_000;
    const clock = new HybridClock({ wall: 0, counter: 0 }, () => physical);
    expect(clock.now()).toEqual({ wall: physical, counter: 0 });
    expect(clock.now()).toEqual({ wall: physical, counter: 1 });
    physical += 5;
    expect(clock.now()).toEqual({ wall: physical, counter: 0 });
  });

  it('is not pulled into the far future by a desk whose clock is wrong', () => {
    const physical = 1_764_500_000_000;
    const clock = new HybridClock({ wall: physical, counter: 0 }, () => physical);
    clock.receive({ wall: Date.parse('2099-01-01T00:00:00Z'), counter: 0 });
    expect(clock.now().wall).toBeLessThanOrEqual(physical + 1);
    clock.receive({ wall: physical + 60_000, counter: 3 });
    expect(clock.now()).toEqual({ wall: physical + 60_000, counter: 5 });
  });

  it('moves to the next millisecond when the counter is full', () => {
    const clock = new HybridClock({ wall: 10, counter: COUNTER_MAX }, () => 0);
    expect(clock.now()).toEqual({ wall: 11, counter: 0 });
  });

  it('encodes times as text that sorts as the times do, and decodes them back', () => {
    fc.assert(
      fc.property(time, time, (a, b) => {
        expect(decodeHlc(encodeHlc(a))).toEqual(a);
        const textOrder = encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0;
        expect(textOrder).toBe(Math.sign(compareHlc(a, b)));
      }),
    );
    for (const bad of ['', '1-1', '000000000000001-99999', '00000000000000a-00001', '000000000000001-00001 ']) {
      expect(() => decodeHlc(bad)).toThrow(/hybrid clock/);
    }
  });
});
