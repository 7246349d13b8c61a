import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { LANGUAGES } from '../../src/shared/languages';
import { clearDate, dateBox, dateSegments, typeDate, typeDateParts } from './dates';
import { expect, strings, test } from './fixtures';
import { button, CLERK, createAccount, setUpSite, signIn, signOut } from './helpers';

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
