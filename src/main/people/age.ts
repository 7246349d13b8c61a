import type { Birth } from '../../shared/catalogue';

export interface DerivedAge {
  years: number;
  estimated: boolean;
}

function wholeYearsBetween(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const beforeBirthday =
    to.getUTCMonth() < from.getUTCMonth() || (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  if (beforeBirthday) years -= 1;
  return Math.max(0, years);
}

/** Age today from an exact, year-only or "age on a date" birth; estimated unless exact. */
export function ageOf(birth: Birth | undefined, today: Date): DerivedAge | undefined {
  if (!birth) return undefined;
  switch (birth.precision) {
    case 'exact':
      return { years: wholeYearsBetween(new Date(`${birth.date}T00:00:00Z`), today), estimated: false };
    case 'year':
      return { years: Math.max(0, today.getUTCFullYear() - birth.year), estimated: true };
    case 'age':
      return { years: birth.age + wholeYearsBetween(new Date(`${birth.asOf}T00:00:00Z`), today), estimated: true };
  }
}

/** The birth year, exact or estimated, for duplicate detection and statistics. */
export function birthYearOf(birth: Birth | undefined): number | undefined {
  if (!birth) return undefined;
  switch (birth.precision) {
    case 'exact':
      return Number(birth.date.slice(0, 4));
    case 'year':
      return birth.year;
    case 'age':
      return Number(birth.asOf.slice(0, 4)) - birth.age;
  }
}
