/**
 * A clock that is wrong, here or at another desk, is said at the exchange (issue 13): a concurrent
 * change of a field is settled by time, and records are dated by each desk's clock.
 */
import { describe, expect, it, vi } from 'vitest';
import { ClockCheck } from '../../../src/main/exchange/clock-check';
import { formatMinutes } from '../../../src/shared/durations';
import { exchange, register, twoDesks } from './two-desks';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

describe('the clocks of the desks', () => {
  it("names the desk whose bundle was written later than this laptop's time now", { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    // Desk 2's laptop is three hours ahead when it registers and exchanges.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3 * 60 * 60_000 });
    try {
      await register(twoDir, 'Dalia Saad');
      await exchange(twoDir, folder);
    } finally {
      vi.useRealTimers();
    }
    const result = await exchange(oneDir, folder);
    expect(result.clockBehind).toBeNull();
    expect(result.clockAhead).toHaveLength(1);
    expect(result.clockAhead[0]?.desk).toBe(2);
    expect(result.clockAhead[0]?.minutes).toBeGreaterThanOrEqual(178);
    expect(result.clockAhead[0]?.minutes).toBeLessThanOrEqual(180);
    // Desk 2, reading desk 1's bundle written by a clock behind its own, is not warned of anything ahead.
    const back = await exchange(twoDir, folder);
    expect(back).toMatchObject({ clockBehind: null, clockAhead: [] });
  });

  it('says this clock is the one behind when every other desk read is ahead, and says nothing within ten minutes', () => {
    const three = new ClockCheck();
    three.note(2, later(95), NOW);
    three.note(3, later(240), NOW);
    expect(three.findings()).toEqual({ clockBehind: 95, clockAhead: [] });

    const mixed = new ClockCheck();
    mixed.note(2, later(-600), NOW); // an old bundle off the stick
    mixed.note(3, later(240), NOW);
    expect(mixed.findings()).toEqual({ clockBehind: null, clockAhead: [{ desk: 3, minutes: 240 }] });

    const close = new ClockCheck();
    close.note(2, later(9), NOW);
    close.note(3, later(9), NOW);
    expect(close.findings()).toEqual({ clockBehind: null, clockAhead: [] });
  });

  it('says a duration in the largest whole unit, in the reader\'s language', () => {
    expect(formatMinutes(95, 'en')).toBe('95 minutes');
    expect(formatMinutes(240, 'fr')).toMatch(/^4\sheures$/);
    expect(formatMinutes(3 * 24 * 60, 'en')).toBe('3 days');
  });
});
