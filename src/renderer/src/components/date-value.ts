import { GregorianCalendar, parseDate, toCalendar, type CalendarDate, type DateValue } from '@internationalized/date';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** A stored day (YYYY-MM-DD) as the date control holds it; nothing for an empty or unreadable value. */
export function calendarDateOf(iso: string): CalendarDate | null {
  if (!ISO_DAY.test(iso)) return null;
  try {
    return parseDate(iso);
  } catch {
    // A day that does not exist (2026-02-30): shown empty, as a native date box did.
    return null;
  }
}

/** What the app stores for the control's day: YYYY-MM-DD, or '' when the day is not (fully) given. */
export function isoOf(value: DateValue | null): string {
  if (!value) return '';
  // Stored days are Gregorian whatever calendar the interface language would show.
  const { year, month, day } = toCalendar(value, new GregorianCalendar());
  const pad = (part: number, length: number): string => String(part).padStart(length, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * What a date box reports while some of its parts are typed and others are not: not a day, so
 * every form's check refuses it ("Enter a complete date.") instead of saving the field as empty.
 */
export const INCOMPLETE_DATE = 'incomplete';
