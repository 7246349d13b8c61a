import { CalendarDate, IslamicUmalquraCalendar, toCalendar } from '@internationalized/date';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIELD_KEYS } from '../../../src/shared/catalogue';
import { calendarDateOf, isoOf } from '../../../src/renderer/src/components/date-value';
import { newRegistrationDraft } from '../../../src/renderer/src/registration/draft';
import { draftChanged } from '../../../src/renderer/src/registration/draft-changed';

describe('the date box and the stored day (YYYY-MM-DD)', () => {
  it('reads a stored day and gives it back unchanged', () => {
    const day = calendarDateOf('2026-03-07');
    expect(day && [day.year, day.month, day.day]).toEqual([2026, 3, 7]);
    expect(isoOf(day)).toBe('2026-03-07');
    expect(isoOf(calendarDateOf('0987-01-31'))).toBe('0987-01-31');
  });

  it('an empty, half-typed or impossible day is no day', () => {
    expect(calendarDateOf('')).toBeNull();
    expect(calendarDateOf('2026-3-7')).toBeNull();
    expect(calendarDateOf('2026-02-30')).toBeNull();
    expect(calendarDateOf('2026-13-01')).toBeNull();
    expect(isoOf(null)).toBe('');
  });

  it('stores the Gregorian day whatever calendar the box shows', () => {
    const shown = toCalendar(new CalendarDate(2026, 3, 7), new IslamicUmalquraCalendar());
    expect(isoOf(shown)).toBe('2026-03-07');
  });
});

describe('a new registration', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('arrives today, the local calendar day, with the name carried from the search if any', () => {
    vi.useFakeTimers();
    // Late in the evening, local time: still this day, whatever the UTC day is.
    vi.setSystemTime(new Date(2026, 11, 31, 23, 30));
    expect(newRegistrationDraft()).toEqual({ arrivalDate: '2026-12-31' });
    expect(newRegistrationDraft('  Samira ')).toEqual({ arrivalDate: '2026-12-31', chosenName: 'Samira' });
    expect(newRegistrationDraft('   ')).toEqual({ arrivalDate: '2026-12-31' });
  });

  it("today's arrival alone is no change to ask about before leaving", () => {
    const start = newRegistrationDraft();
    expect(draftChanged(start, { ...start }, FIELD_KEYS)).toBe(false);
    expect(draftChanged(start, { ...start, arrivalDate: '2026-01-02' }, FIELD_KEYS)).toBe(true);
  });
});
