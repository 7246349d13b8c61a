import type { Page } from '@playwright/test';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { button, CLERK, createAccount, PROTECTION, setUpSite, signIn, signOut, SUPERVISOR } from './helpers';
import {
  HIDDEN_VALUES,
  openFromSearch,
  PERSON,
  recordField,
  registerPerson,
  restrictedIndicator,
  restrictedToggle,
  seriousViolations,
} from './restricted-helpers';

const TIER_1 = ['phone', 'documents'] as const;
const TIER_2 = ['genderIdentity', 'notes'] as const;

/** Every value of PERSON shown in its field. */
async function expectAllValues(page: Page): Promise<void> {
  await expect(recordField(page, 'phone')).toContainText(PERSON.phone);
  await expect(recordField(page, 'documents')).toContainText(PERSON.documentName);
  await expect(recordField(page, 'documents')).toContainText(PERSON.documentNumber);
  await expect(recordField(page, 'genderIdentity')).toContainText(PERSON.genderWords);
  await expect(recordField(page, 'notes')).toContainText(PERSON.notes);
}

async function expectNoValues(page: Page): Promise<void> {
  for (const value of HIDDEN_VALUES) await expect(page.getByRole('main')).not.toContainText(value);
}

/**
 * The physical H key with Ctrl and Shift, as an Arabic keyboard layout sends it: the character
 * is not "h", only the key code says which key it was.
 */
async function pressShortcutOnArabicLayout(page: Page): Promise<void> {
  await page.evaluate(() => {
    const init = { key: 'ا', code: 'KeyH', ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true };
    document.body.dispatchEvent(new KeyboardEvent('keydown', init));
    document.body.dispatchEvent(new KeyboardEvent('keyup', init));
  });
}

for (const language of LANGUAGES_UNDER_TEST) {
  test(`a clerk, a protection officer and a supervisor each see their fields; the restricted screen hides tiers 1 and 2 at a keystroke (${language})`, async ({ page, host }) => {
    const s = strings(language);
    const revealButtons = page.getByRole('main').getByRole('button', { name: s.reveal.button });
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await createAccount(page, language, PROTECTION, 'protection');
    await signOut(page, language);

    // A protection officer registers the person and reads every tier.
    await signIn(page, language, PROTECTION);
    if (language === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const toggle = restrictedToggle(page, language);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(toggle).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+H');
    await expect(toggle).toContainText('Ctrl+Shift+H');
    await registerPerson(page, language);
    await expectAllValues(page);
    await expect(page.locator('.restricted')).toHaveCount(0);
    await expect(revealButtons).toHaveCount(0);

    // One keystroke: every tier-1 and tier-2 value is masked, with a reveal for each, and the indicator shows.
    await page.keyboard.press('Control+Shift+H');
    await expect(restrictedIndicator(page, language)).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(PERSON.chosenName);
    for (const key of [...TIER_1, ...TIER_2]) {
      await expect(recordField(page, key)).toContainText(s.reveal.masked);
      await expect(recordField(page, key).getByRole('button', { name: s.reveal.button })).toHaveCount(1);
    }
    await expectNoValues(page);
    await expect(button(page, s.record.edit)).toHaveCount(0);
    await expect(page.getByText(s.restricted.noEditing)).toBeVisible();
    if (language === 'ar') {
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      expect(await page.locator('.restricted-banner').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    }

    // And back: the values are fetched again; nothing else is asked for.
    if (language === 'ar') await pressShortcutOnArabicLayout(page);
    else await page.keyboard.press('Control+Shift+H');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(restrictedIndicator(page, language)).toHaveCount(0);
    await expectAllValues(page);
    await signOut(page, language);

    // A clerk reads tiers 0 and 1; tier 2 is "recorded, restricted", with nothing to reveal.
    await signIn(page, language, CLERK);
    await openFromSearch(page, language, PERSON.chosenName, PERSON.chosenName);
    await expect(recordField(page, 'phone')).toContainText(PERSON.phone);
    await expect(recordField(page, 'documents')).toContainText(PERSON.documentName);
    for (const key of TIER_2) {
      await expect(recordField(page, key)).toHaveText(`${s.person.fields[key].label}${s.record.restricted}`);
    }
    await expect(page.getByRole('main')).not.toContainText(PERSON.genderWords);
    await expect(page.getByRole('main')).not.toContainText(PERSON.notes);
    await expect(revealButtons).toHaveCount(0);
    // On the restricted screen the clerk may reveal tier 1, never tier 2.
    await restrictedToggle(page, language).click();
    await expect(restrictedIndicator(page, language)).toBeVisible();
    for (const key of TIER_1) await expect(recordField(page, key).getByRole('button', { name: s.reveal.button })).toHaveCount(1);
    for (const key of TIER_2) {
      await expect(recordField(page, key)).toHaveText(`${s.person.fields[key].label}${s.record.restricted}`);
    }
    await expect(revealButtons).toHaveCount(TIER_1.length);
    await expectNoValues(page);
    await signOut(page, language);

    // A supervisor reads tier 0 only, and is not even told which sensitive fields hold something.
    await signIn(page, language, SUPERVISOR);
    await expect(restrictedIndicator(page, language)).toHaveCount(0);
    await openFromSearch(page, language, PERSON.chosenName, PERSON.chosenName);
    // Of the record's fields, only the tier-0 arrival date (today's, by default) shows.
    await expect(page.locator('.record-field')).toHaveCount(1);
    await expect(recordField(page, 'arrivalDate')).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText(s.record.restricted);
    await expect(revealButtons).toHaveCount(0);
    await expectNoValues(page);

    // The audit screen names each opening of the record, with its number and no values.
    await page.getByRole('navigation').getByRole('button', { name: s.shell.audit, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: s.audit.title })).toBeVisible();
    const opened = page
      .getByRole('table')
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: s.audit.actions['record-open'], exact: true }) });
    await expect(opened.filter({ hasText: CLERK.userName })).not.toHaveCount(0);
    await expect(opened.filter({ hasText: PROTECTION.userName })).not.toHaveCount(0);
    await expect(opened.first()).toContainText(/REG-\d{6}/);
    await expect(page.getByRole('main')).not.toContainText(PERSON.phone);
    if (language === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    expect(await seriousViolations(page), 'audit screen').toEqual([]);
  });
}
