/**
 * A number of minutes in words of the reader's language, in the largest unit that fits whole:
 * minutes under two hours, hours under two days, then days ("3 hours", "3 heures", "٣ ساعات").
 * Intl's unit formatting has each language's plural forms, which a message string cannot.
 */
export function formatMinutes(minutes: number, locale: string): string {
  const [value, unit] = minutes < 120 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / (24 * 60)), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
