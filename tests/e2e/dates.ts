/**
 * Full dates are typed into React Aria DateFields (DateBox): one spin button per day, month and
 * year, in the interface language's order. These type as a clerk does, digit by digit.
 */
import type { Locator, Page } from '@playwright/test';

/** The date box named by its label: the group of its segments. */
export function dateBox(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('group', { name: label, exact: true });
}

/** The box's editable segments (day, month, year), in the order the interface language shows them. */
export function dateSegments(box: Locator): Locator {
  return box.locator('[data-type="day"], [data-type="month"], [data-type="year"]');
}

/** Types only some parts of a day (say the day and month, no year) into an empty date box. */
export async function typeDateParts(box: Locator, parts: Partial<Record<'day' | 'month' | 'year', string>>): Promise<void> {
  const segments = dateSegments(box);
  const count = await segments.count();
  for (let index = 0; index < count; index += 1) {
    const segment = segments.nth(index);
    const typed = parts[((await segment.getAttribute('data-type')) ?? '') as 'day' | 'month' | 'year'];
    if (typed === undefined) continue;
    await segment.focus();
    await segment.pressSequentially(typed);
  }
}

/** Types an ISO day (YYYY-MM-DD) into a date box, segment by segment, with the keyboard's digits. */
export async function typeDate(box: Locator, iso: string): Promise<void> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!match) throw new Error(`typeDate: not an ISO day: ${iso}`);
  const parts: Record<string, string> = { year: match[1] ?? '', month: match[2] ?? '', day: match[3] ?? '' };
  const segments = dateSegments(box);
  const count = await segments.count();
  for (let index = 0; index < count; index += 1) {
    const segment = segments.nth(index);
    const type = (await segment.getAttribute('data-type')) ?? '';
    await segment.focus();
    await segment.pressSequentially(parts[type] ?? '');
  }
}

/** Empties a date box with Backspace, as a clerk would. */
export async function clearDate(box: Locator): Promise<void> {
  const segments = dateSegments(box);
  const count = await segments.count();
  for (let index = 0; index < count; index += 1) {
    const segment = segments.nth(index);
    await segment.focus();
    for (let press = 0; press < 5; press += 1) await segment.press('Backspace');
  }
}
