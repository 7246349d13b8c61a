import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { LANGUAGES } from '../../src/shared/languages';
import { expect, strings, test } from './fixtures';
import { button, CLERK, createAccount, setUpSite, signIn, signOut } from './helpers';

/**
 * "A form that fits" (issue 15): a typical registration by keyboard alone, counting every key
 * pressed besides typing, and the room its questions take at 1366x768.
 *
 * The ten fields of a typical registration (DOMAIN.md: who the person is, how to address them, in
 * which language, for reporting, and how to reach them):
 *   1 arrival date (today by default, kept), 2 chosen name, 3 pronouns, 4 languages,
 *   5 preferred language, 6 birth (year only), 7 gender for reporting, 8 nationality, 9 phone,
 *   10 consent to record sensitive information.
 * Counted: every key pressed with page.keyboard.press, from Alt+N on the home screen to Ctrl+Enter
 * (Tab, arrows, Space, Alt+N and Ctrl+Enter); text typed with page.keyboard.type is not counted.
 */
const MAX_KEYS = 15;
const VIEWPORT = { width: 1366, height: 768 };

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('form').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

for (const language of LANGUAGES) {
  test(`a typical registration by keyboard alone, within ${MAX_KEYS} keys and two screens (${language})`, async ({ page, host }) => {
    const s = strings(language);
    const about = (label: string) => page.getByRole('button', { name: s.person.aboutField.replace('{{field}}', label), exact: true });
    const chosenName = page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
    const languageName = (code: string): string => new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
    const countryName = (code: string): string => new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
    await page.setViewportSize(VIEWPORT);
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);

    // The first registration on this laptop shows the help under each field, each behind its own button too.
    await page.keyboard.press('Alt+N');
    await expect(chosenName).toBeFocused();
    await expect(about(s.person.fields.chosenName.label)).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByText(s.person.fields.genderForReporting.help, { exact: false }).first()).toBeVisible();
    await page.keyboard.type('Mona Haile');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('group', { name: s.record.registeredLabel })).toBeFocused();
    await page.getByRole('navigation', { name: s.shell.navLabel }).getByRole('button', { name: s.shell.home, exact: true }).click();
    await expect(page.getByRole('searchbox', { name: s.search.label })).toBeFocused();
    // The pointer, left where the click was, out of the way of the lists that open (keyboard only from here).
    await page.mouse.move(0, 0);

    // The registration counted: every key but the typing.
    const pressed: string[] = [];
    const press = async (key: string): Promise<void> => {
      pressed.push(key);
      await page.keyboard.press(key);
    };
    const focused = (): Promise<string> => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '');

    await press('Alt+N');
    await expect(chosenName).toBeFocused();
    // From the second registration on, the help is behind the info buttons (kept on this laptop).
    const genderForReporting = page.getByRole('combobox', { name: s.person.fields.genderForReporting.label, exact: true });
    await expect(about(s.person.fields.genderForReporting.label)).toHaveAttribute('aria-expanded', 'false');
    await expect(genderForReporting).toHaveAccessibleDescription('');

    // The part holding the ten fields, measured at 1366x768 while empty: from the top of the first
    // questions (their section's heading) to the end of the consent, plus the action bar kept in view.
    const first = await page.locator('.first-questions').boundingBox();
    const consent = await page.locator('.consent-section').boundingBox();
    const actions = await page.locator('.registration-form > .actions').boundingBox();
    expect(first && consent && actions).toBeTruthy();
    if (!first || !consent || !actions) return;
    const height = consent.y + consent.height - first.y + actions.height;
    test.info().annotations.push({ type: 'height', description: `${Math.round(height)} px` });
    expect(height, `the ten fields and the action bar take ${Math.round(height)} px`).toBeLessThanOrEqual(2 * VIEWPORT.height);
    // The action bar is in view at the foot of the window with Register and its shortcut.
    expect(actions.y + actions.height).toBeLessThanOrEqual(VIEWPORT.height + 1);
    await expect(page.locator('.registration-form > .actions')).toContainText('Ctrl+Enter');
    await expect(button(page, s.registration.submit)).toBeInViewport();
    expect(await seriousViolations(page), 'registration form').toEqual([]);

    await page.keyboard.type('Selam Tesfay');
    // Pronouns: one Tab stop; the arrow moves to the second listed answer (she, elle, هي).
    await press('Tab');
    await press('ArrowDown');
    const she = language === 'ar' ? s.choices.pronouns.hiya : language === 'fr' ? s.choices.pronouns.elle : s.choices.pronouns.she;
    await expect(page.getByRole('radio', { name: she, exact: true })).toBeChecked();
    // Languages and preferred language: typed, the only match is picked on leaving the box.
    const tigrinya = languageName('ti');
    await press('Tab');
    await expect(page.getByRole('combobox', { name: s.person.fields.languages.label, exact: true })).toBeFocused();
    await page.keyboard.type(tigrinya.slice(0, 6));
    await expect(page.getByRole('listbox', { name: s.person.fields.languages.label }).getByRole('option', { selected: true })).toContainText(tigrinya);
    await press('Tab');
    await expect(page.getByRole('list', { name: s.person.picker.chosen.language })).toContainText(tigrinya);
    const preferred = page.getByRole('combobox', { name: s.person.fields.preferredLanguage.label, exact: true });
    await expect(preferred).toBeFocused();
    await page.keyboard.type(tigrinya.slice(0, 6));
    await expect(page.getByRole('listbox', { name: s.person.fields.preferredLanguage.label }).getByRole('option', { selected: true })).toContainText(tigrinya);
    // Birth: the year, one arrow from "not recorded".
    await press('Tab');
    await expect(preferred).toHaveValue(tigrinya);
    await press('ArrowDown');
    const birth = page.getByRole('group', { name: s.person.fields.birth.label, exact: true });
    await expect(birth.getByRole('radio', { name: s.person.birth.year, exact: true })).toBeChecked();
    await press('Tab');
    await expect(birth.getByRole('textbox', { name: s.person.birth.yearLabel })).toBeFocused();
    await page.keyboard.type('1994');
    // Gender for reporting: the first answer listed.
    await press('Tab');
    await expect(genderForReporting).toBeFocused();
    await press('ArrowDown');
    await expect(genderForReporting).toHaveValue('woman-or-girl');
    // Nationality.
    const eritrea = countryName('ER');
    await press('Tab');
    await page.keyboard.type(eritrea.slice(0, 5));
    await expect(page.getByRole('listbox', { name: s.person.fields.nationalities.label }).getByRole('option', { selected: true })).toContainText(eritrea);
    // Phone.
    await press('Tab');
    await expect(page.getByRole('list', { name: s.person.picker.chosen.region })).toContainText(eritrea);
    await expect(page.getByRole('textbox', { name: s.person.fields.phone.label, exact: true })).toBeFocused();
    await page.keyboard.type('+39 333 123 4567');
    // The consent, right after the first questions, its explanation in view.
    await press('Tab');
    const consentBox = page.getByRole('checkbox', { name: s.consent.purposes.register.label });
    await expect(consentBox, await focused()).toBeFocused();
    await expect(page.getByText(s.consent.purposes.register.explanation)).toBeVisible();
    await press('Space');
    await expect(consentBox).toBeChecked();
    await press('Control+Enter');

    const notice = page.getByRole('group', { name: s.record.registeredLabel });
    await expect(notice).toBeFocused();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Selam Tesfay');
    const recordField = (key: string) => page.locator(`.record-field[data-field="${key}"]`);
    await expect(recordField('pronouns')).toContainText(she);
    await expect(recordField('languages')).toContainText(tigrinya);
    await expect(recordField('preferredLanguage')).toContainText(tigrinya);
    await expect(recordField('birth')).toContainText('1994');
    await expect(recordField('genderForReporting')).toContainText(s.choices.genderForReporting['woman-or-girl']);
    await expect(recordField('nationalities')).toContainText(eritrea);
    await expect(recordField('phone')).toContainText('+39 333 123 4567');
    await expect(recordField('arrivalDate')).toBeVisible();

    test.info().annotations.push({ type: 'keys', description: `${pressed.length}: ${pressed.join(' ')}` });
    expect(pressed.length, `keys besides typing: ${pressed.join(' ')}`).toBeLessThanOrEqual(MAX_KEYS);
    // Tab stops were one per field: the info buttons are not among them.
    expect(pressed.filter((key) => key === 'Tab').length).toBeLessThanOrEqual(9);

    // A third form: an info button shows its field's help and describes the field with it; the
    // toggle beside Register shows them all; a sensitive question's help is never hidden.
    await page.getByRole('navigation', { name: s.shell.navLabel }).getByRole('button', { name: s.shell.home, exact: true }).click();
    await page.keyboard.press('Alt+N');
    await expect(chosenName).toBeFocused();
    const info = about(s.person.fields.genderForReporting.label);
    await info.click();
    await expect(info).toHaveAttribute('aria-expanded', 'true');
    await expect(genderForReporting).toHaveAccessibleDescription(new RegExp(s.person.fields.genderForReporting.help.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.locator('summary').filter({ has: page.getByRole('heading', { name: s.person.sections.gender, exact: true }) }).click();
    await expect(page.getByText(s.person.fields.genderIdentity.help, { exact: false }).first()).toBeVisible();
    await expect(about(s.person.fields.genderIdentity.label)).toHaveCount(0);
    const toggle = button(page, s.person.helpUnderFields);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(about(s.person.fields.phone.label)).toHaveAttribute('aria-expanded', 'true');
    expect(await seriousViolations(page), 'registration form, help shown').toEqual([]);
  });
}
