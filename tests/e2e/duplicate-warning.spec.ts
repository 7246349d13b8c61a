import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { button, CLERK, createAccount, field, setUpSite, signIn, signOut } from './helpers';

const REGISTRATION_NUMBER = /REG-\d{6}/;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** The same person, registered first in one script, then again in the other (invented names). */
const NAMES = {
  en: { first: 'Mohammed Hassan', again: 'محمد حسن' },
  ar: { first: 'محمد حسن', again: 'Mohammed Hassan' },
} as const;
const PHONE = '+961 71 234 567';

for (const language of LANGUAGES_UNDER_TEST) {
  test(`a likely duplicate shows beside the name, and opening it keeps the draft (${language})`, async ({ page, host }) => {
    const s = strings(language);
    const names = NAMES[language];
    const chosenName = () => page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
    const phone = () => field(page, s.person.fields.phone.label);
    const registered = page.getByRole('group', { name: s.record.registeredLabel });
    const warning = page.getByRole('region', { name: s.duplicates.title });
    const announcement = page.getByRole('status').filter({ hasText: s.duplicates.found.replace('{{number}}', '1') });

    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);

    await page.keyboard.press('Alt+N');
    await expect(chosenName()).toBeFocused();
    await chosenName().fill(names.first);
    await button(page, s.registration.submit).click();
    await expect(registered).toContainText(REGISTRATION_NUMBER);
    const firstNumber = (await registered.textContent())?.match(REGISTRATION_NUMBER)?.[0] ?? '';
    expect(firstNumber).not.toBe('');

    // The same person again, typed in the other script: the live region is there before any warning.
    await page.keyboard.press('Alt+N');
    await expect(chosenName()).toBeFocused();
    await expect(page.locator('.duplicate-check [role="status"][aria-live="polite"]')).toHaveCount(1);
    await expect(warning).toHaveCount(0);
    await chosenName().pressSequentially(names.again, { delay: 30 });
    // Found while typing, announced politely, and the focus stays in the name.
    await expect(warning).toBeVisible();
    await expect(announcement).toHaveCount(1);
    await expect(chosenName()).toBeFocused();
    await expect(warning).toContainText(firstNumber);

    // Right after the name: Tab reaches the warning's buttons next.
    const open = warning.getByRole('button', { name: s.duplicates.open.replace('{{number}}', firstNumber) });
    await chosenName().press('Tab');
    await expect(open).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(button(page, s.duplicates.registerAnyway)).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);

    // Another field typed, then the other record opened from the warning.
    await phone().fill(PHONE);
    await open.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(names.first);
    const back = button(page, s.registration.backToDraft);
    await expect(back).toBeVisible();
    // Reached by keyboard from the record's heading, which has the focus when the record opens.
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(back).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');

    // The form as it was left: name, phone, and the warning beside the name again.
    await expect(page.getByRole('heading', { level: 1, name: s.registration.title })).toBeVisible();
    await expect(chosenName()).toHaveValue(names.again);
    await expect(phone()).toHaveValue(PHONE);
    await expect(warning).toBeVisible();
    await expect(announcement).toHaveCount(1);

    // The clerk and the person decide it is someone else.
    await button(page, s.duplicates.registerAnyway).click();
    await expect(registered).toContainText(REGISTRATION_NUMBER);
    await expect(registered).not.toContainText(firstNumber);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(names.again);
    // Registered: nothing is set aside any more.
    await expect(back).toHaveCount(0);
  });

  test(`saving with an unseen likely duplicate stops at the warning; a draft set aside is back after unlocking (${language})`, async ({ page, host }) => {
    const s = strings(language);
    const names = NAMES[language];
    const chosenName = () => page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
    const registered = page.getByRole('group', { name: s.record.registeredLabel });
    const warning = page.getByRole('region', { name: s.duplicates.title });

    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);
    await page.keyboard.press('Alt+N');
    await chosenName().fill(names.first);
    await button(page, s.registration.submit).click();
    await expect(registered).toContainText(REGISTRATION_NUMBER);

    // Saved at once, before any pause in the typing: the save itself stops at the warning.
    await page.keyboard.press('Alt+N');
    await chosenName().fill(names.again);
    await page.keyboard.press('Control+Enter');
    await expect(warning.getByRole('heading', { name: s.duplicates.title })).toBeFocused();
    await expect(registered).toHaveCount(0);

    // Set aside, then locked: the draft was kept for this clerk (issue 15), and after unlocking
    // the clerk is back on it; cancelling it (asked first) drops it, and the next registration starts empty.
    await warning.getByRole('button', { name: new RegExp(REGISTRATION_NUMBER.source) }).click();
    await expect(button(page, s.registration.backToDraft)).toBeVisible();
    await page.keyboard.press('Control+L');
    await expect(page.getByRole('heading', { level: 1, name: s.lock.title })).toBeVisible();
    await field(page, s.fields.password).fill(CLERK.password);
    await field(page, s.fields.password).press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: s.registration.title })).toBeVisible();
    await expect(chosenName()).toHaveValue(names.again);
    await button(page, s.form.cancel).click();
    await page.getByRole('dialog', { name: s.leave.title }).getByRole('button', { name: s.leave.discard }).click();
    await expect(page.getByRole('searchbox', { name: s.search.label })).toBeVisible();
    await page.keyboard.press('Alt+N');
    await expect(chosenName()).toHaveValue('');
  });
}
