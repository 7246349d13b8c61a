import AxeBuilder from '@axe-core/playwright';
import { getLocalTimeZone, today } from '@internationalized/date';
import type { Locator, Page } from '@playwright/test';
import { LANGUAGES, type Language } from '../../src/shared/languages';
import { policyViolations, watchPolicyViolations } from './csp';
import { clearDate, dateBox, dateSegments, typeDate, typeDateParts } from './dates';
import { expect, strings, test } from './fixtures';
import { button, CLERK, createAccount, setUpSite, signIn, signOut } from './helpers';
import { siteByCli } from './sites';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Bidirectional marks and isolates, which the boxes may add around their parts. */
const BIDI_MARKS = /[\u200e\u200f\u061c\u2066-\u2069]/gu;

// Issue 15: full dates in the interface language's order, month names and digits, whatever the browser's locale.
for (const language of LANGUAGES) {
  test(`dates are typed and shown in the interface language; arrival defaults to today (${language})`, async ({ page, host }) => {
    const s = strings(language);
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);
    await button(page, s.home.register).click();
    await expect(page.getByRole('heading', { level: 1, name: s.registration.title })).toBeVisible();

    // A new registration arrives today (the local calendar day), shown as the interface language writes a short date.
    const arrival = dateBox(page, s.person.fields.arrivalDate.label);
    const expected = await page.evaluate((lang) => {
      const parts = new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
      return {
        order: parts.filter((part) => ['day', 'month', 'year'].includes(part.type)).map((part) => part.type),
        text: parts.map((part) => part.value).join(''),
      };
    }, language);
    // evaluateAll does not wait: once (CI, fr) it read the box before its three parts were drawn.
    await expect(dateSegments(arrival)).toHaveCount(3);
    const segmentTypes = await dateSegments(arrival).evaluateAll((segments) => segments.map((segment) => segment.getAttribute('data-type')));
    expect(segmentTypes).toEqual(expected.order);
    expect(expected.order).toEqual(language === 'en' ? ['month', 'day', 'year'] : ['day', 'month', 'year']);
    expect(((await arrival.textContent()) ?? '').replace(BIDI_MARKS, '')).toBe(expected.text.replace(BIDI_MARKS, ''));
    // The digits are those the app writes numbers with in this language elsewhere (Intl, no numbering system forced).
    const year = await page.evaluate((lang) => new Intl.NumberFormat(lang, { useGrouping: false }).format(new Date().getFullYear()), language);
    expect(await arrival.textContent()).toContain(year);
    if (language === 'ar') expect(await arrival.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    if (process.env.INTAKE_SCREENSHOTS) await arrival.locator('xpath=ancestor::div[contains(@class, "registration-field") or contains(@class, "field")][1]').screenshot({ path: `test-results/screenshots/${language}-arrival-date.png` });
    expect(await seriousViolations(page), 'new registration').toEqual([]);

    // Typed by keyboard, digit by digit, in the language's order: the segments take the keyboard's digits.
    await typeDate(arrival, '2026-03-07');
    await expect(dateSegments(arrival).and(page.locator('[data-type="day"]'))).toHaveAttribute('aria-valuenow', '7');
    await expect(dateSegments(arrival).and(page.locator('[data-type="month"]'))).toHaveAttribute('aria-valuenow', '3');
    await expect(dateSegments(arrival).and(page.locator('[data-type="year"]'))).toHaveAttribute('aria-valuenow', '2026');

    // The exact date of birth is the same box.
    const birth = page.getByRole('group', { name: s.person.fields.birth.label, exact: true });
    await birth.getByRole('radio', { name: s.person.birth.exact, exact: true }).check();
    await typeDate(dateBox(birth, s.person.birth.date), '1990-11-23');

    await page.getByRole('checkbox', { name: s.consent.purposes.register.label }).check();
    await page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill('Leila Mansour');

    // Half typed (a day and a month, no year): refused by name, never saved as no date.
    await clearDate(arrival);
    await typeDateParts(arrival, { day: '07', month: '03' });
    await button(page, s.registration.submit).click();
    await expect(page.getByText(s.validation.date).first()).toBeVisible();
    await expect(page.getByRole('group', { name: s.record.registeredLabel })).toHaveCount(0);
    await typeDate(arrival, '2026-03-07');

    await button(page, s.registration.submit).click();
    await expect(page.getByRole('group', { name: s.record.registeredLabel })).toBeVisible();

    // The record says the day in the interface language (stored as 2026-03-07).
    const shown = (iso: string) =>
      page.evaluate(([lang, day]) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)), [language, iso] as const);
    await expect(page.locator('.record-field[data-field="arrivalDate"]')).toContainText(await shown('2026-03-07'));
    await expect(page.locator('.record-field[data-field="birth"]')).toContainText(await shown('1990-11-23'));
    expect(await seriousViolations(page), 'record').toEqual([]);

    // Editing starts from the recorded day, not from today.
    await button(page, s.record.edit).click();
    const editing = dateBox(page, s.person.fields.arrivalDate.label);
    await expect(dateSegments(editing).and(page.locator('[data-type="day"]'))).toHaveAttribute('aria-valuenow', '7');
    await expect(dateSegments(editing).and(page.locator('[data-type="year"]'))).toHaveAttribute('aria-valuenow', '2026');
  });
}

/** The day `iso` as the interface language writes one part of it (the day's number, the month's name, the year). */
function partOf(page: Page, language: Language, iso: string, part: 'day' | 'month' | 'year'): Promise<string> {
  return page.evaluate(
    ([lang, day, name]) => new Intl.DateTimeFormat(lang, { [name]: name === 'month' ? 'long' : 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)),
    [language, iso, part] as const,
  );
}

/** The calendar a date box's button shows (the element its aria-controls names). */
async function calendarOf(page: Page, toggle: Locator): Promise<Locator> {
  const id = await toggle.getAttribute('aria-controls');
  expect(id, 'the open calendar is named by its button').toBeTruthy();
  return page.locator(`[id="${id}"]`);
}

// Issue 15: a date is picked on a calendar shown in the page (no popover: React Aria's sets inline
// styles the Content-Security-Policy refuses), by keyboard, in the interface language.
for (const language of LANGUAGES) {
  test.describe(`calendar (${language})`, () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
      prepareDataDir: async ({}, use) => use((dataDir) => siteByCli(dataDir, language, [[CLERK, 'clerk']])),
    });

    test(`a date is picked on the calendar by keyboard only and saved; later days than the field allows cannot be picked (${language})`, async ({ page, host }) => {
      const s = strings(language);
      // The laptops at the desks.
      await page.setViewportSize({ width: 1366, height: 768 });
      await watchPolicyViolations(page);
      await page.goto(host.url);
      await signIn(page, language, CLERK);
      await button(page, s.home.register).click();
      await expect(page.getByRole('heading', { level: 1, name: s.registration.title })).toBeVisible();

      const arrivalLabel = s.person.fields.arrivalDate.label;
      const arrival = dateBox(page, arrivalLabel);
      const toggle = page.getByRole('button', { name: `${s.form.calendar.choose} ${arrivalLabel}`, exact: true });
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');

      // From the box, Tab reaches its button; Enter shows the calendar, on the box's day (today).
      await dateSegments(arrival).last().focus();
      await page.keyboard.press('Tab');
      await expect(toggle).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      const calendar = await calendarOf(page, toggle);
      const grid = calendar.getByRole('grid');
      await expect(grid).toBeVisible();
      const now = today(getLocalTimeZone());
      const focusedDay = page.locator('.date-calendar-day:focus');
      await expect(focusedDay).toHaveText(await partOf(page, language, now.toString(), 'day'));
      await expect(focusedDay).toHaveAttribute('data-selected', 'true');

      // The arrows follow the reading direction: the left arrow is the day before in English and
      // French, the day after in Arabic. Up is the week before, Page Up the month before.
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('PageUp');
      const picked = now.add({ days: language === 'ar' ? 1 : -1 }).subtract({ weeks: 1 }).subtract({ months: 1 }).toString();
      await expect(focusedDay).toHaveText(await partOf(page, language, picked, 'day'));
      // The month and year are named and written as the interface language does.
      const month = calendar.getByRole('combobox', { name: s.form.calendar.month, exact: true });
      const year = calendar.getByRole('combobox', { name: s.form.calendar.year, exact: true });
      await expect(month.locator('option:checked')).toHaveText(await partOf(page, language, picked, 'month'));
      await expect(year.locator('option:checked')).toHaveText(await partOf(page, language, picked, 'year'));

      // In the page's flow, under the box, right to left in Arabic; all of it in view, above the
      // form's action bar.
      const fieldBox = await arrival.boundingBox();
      const calendarBox = await calendar.boundingBox();
      const actionsBox = await page.locator('.registration-form > .actions').boundingBox();
      expect(fieldBox && calendarBox && calendarBox.y > fieldBox.y + fieldBox.height - 1).toBe(true);
      await expect(calendar).toBeInViewport({ ratio: 1 });
      expect(calendarBox && actionsBox && calendarBox.y + calendarBox.height <= actionsBox.y).toBe(true);
      expect(await calendar.evaluate((element) => getComputedStyle(element).position)).toBe('static');
      expect(await calendar.evaluate((element) => getComputedStyle(element).direction)).toBe(language === 'ar' ? 'rtl' : 'ltr');
      const previous = await calendar.getByRole('button', { name: s.form.calendar.previous, exact: true }).boundingBox();
      const next = await calendar.getByRole('button', { name: s.form.calendar.next, exact: true }).boundingBox();
      expect(previous && next && (language === 'ar' ? previous.x > next.x : previous.x < next.x)).toBe(true);
      const headers = grid.locator('th');
      const [firstHeader, lastHeader] = [await headers.first().boundingBox(), await headers.last().boundingBox()];
      expect(firstHeader && lastHeader && (language === 'ar' ? firstHeader.x > lastHeader.x : firstHeader.x < lastHeader.x)).toBe(true);
      // React Aria's Calendar hides its month title and a "next" button with a style set from script
      // (allowed, unlike a style attribute in markup); were it refused, they would show.
      const styled = await calendar.locator('[style]').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect()).map((box) => [box.width, box.height]));
      test.info().annotations.push({ type: 'inline styles in the calendar', description: JSON.stringify(styled) });
      for (const [width, height] of styled) expect((width ?? 0) <= 1 && (height ?? 0) <= 1).toBe(true);
      expect(await seriousViolations(page), 'open calendar').toEqual([]);
      if (process.env.INTAKE_SCREENSHOTS) await page.screenshot({ path: `test-results/screenshots/${language}-date-calendar.png` });

      // Enter picks the day: the calendar closes, the box holds the day and has the focus back.
      await page.keyboard.press('Enter');
      await expect(grid).toHaveCount(0);
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(dateSegments(arrival).first()).toBeFocused();
      const [pickedYear, pickedMonth, pickedDay] = picked.split('-').map(Number);
      await expect(dateSegments(arrival).and(page.locator('[data-type="day"]'))).toHaveAttribute('aria-valuenow', String(pickedDay));
      await expect(dateSegments(arrival).and(page.locator('[data-type="month"]'))).toHaveAttribute('aria-valuenow', String(pickedMonth));
      await expect(dateSegments(arrival).and(page.locator('[data-type="year"]'))).toHaveAttribute('aria-valuenow', String(pickedYear));

      // Escape closes the calendar without a change; the focus is back on its button.
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(grid).toBeVisible();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Escape');
      await expect(grid).toHaveCount(0);
      await expect(toggle).toBeFocused();
      await expect(dateSegments(arrival).and(page.locator('[data-type="day"]'))).toHaveAttribute('aria-valuenow', String(pickedDay));

      await page.getByRole('checkbox', { name: s.consent.purposes.register.label }).check();
      await page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill('Leila Mansour');
      await button(page, s.registration.submit).click();
      await expect(page.getByRole('group', { name: s.record.registeredLabel })).toBeVisible();
      const shown = await page.evaluate(([lang, day]) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)), [language, picked] as const);
      await expect(page.locator('.record-field[data-field="arrivalDate"]')).toContainText(shown);

      // A status's date is not after today (its rule): on its calendar, the days after today cannot
      // be picked, and the arrows do not reach them.
      const panel = page.getByRole('region', { name: s.recordStatus.heading });
      const statusToggle = panel.getByRole('button', { name: `${s.form.calendar.choose} ${s.recordStatus.date}`, exact: true });
      await statusToggle.focus();
      await page.keyboard.press('Enter');
      const statusCalendar = await calendarOf(page, statusToggle);
      await expect(statusCalendar.getByRole('grid')).toBeVisible();
      const days = statusCalendar.locator('.date-calendar-day:not([data-outside-month])');
      await expect(days.and(page.locator(':not([aria-disabled="true"])'))).toHaveCount(now.day);
      await expect(days.and(page.locator('[aria-disabled="true"]'))).toHaveCount(now.calendar.getDaysInMonth(now) - now.day);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('PageDown');
      await expect(page.locator('.date-calendar-day:focus')).toHaveText(await partOf(page, language, now.toString(), 'day'));
      expect(await seriousViolations(page), 'status calendar').toEqual([]);
      if (process.env.INTAKE_SCREENSHOTS) await page.screenshot({ path: `test-results/screenshots/${language}-date-calendar-status.png` });
      await page.keyboard.press('Escape');
      await expect(statusToggle).toBeFocused();

      expect(await policyViolations(page), 'refused by the Content-Security-Policy').toEqual([]);
    });
  });
}
