import { expect, strings, test } from './fixtures';
import { createAccount, PROTECTION, setUpSite, signIn, signOut, SUPERVISOR } from './helpers';
import { recordField, registerPerson, restrictedIndicator } from './restricted-helpers';

/**
 * Pictures of the restricted screen, a reveal and the audit log in each language, to look at
 * after a change of layout: `INTAKE_SCREENSHOTS=1 npx playwright test screenshots-restricted`.
 * Skipped otherwise. They land in test-results/screenshots/.
 */
const DIR = 'test-results/screenshots';

for (const language of ['en', 'ar', 'fr'] as const) {
  test(`screenshots of the restricted screen and the audit log (${language})`, async ({ page, host }) => {
    test.skip(!process.env.INTAKE_SCREENSHOTS, 'set INTAKE_SCREENSHOTS=1 to take the screenshots');
    const s = strings(language);
    const shot = (name: string, fullPage = false) => page.screenshot({ path: `${DIR}/${language}-${name}.png`, fullPage });
    await page.setViewportSize({ width: 1280, height: 900 });
    await setUpSite(page, host.url, language);
    await page.getByRole('navigation').getByRole('button', { name: s.shell.settings, exact: true }).click();
    await expect(page.getByRole('checkbox', { name: s.settings.contentProtection })).toBeVisible();
    await shot('settings');
    await createAccount(page, language, PROTECTION, 'protection');
    await signOut(page, language);
    await signIn(page, language, PROTECTION);
    await registerPerson(page, language);
    await page.keyboard.press('Control+Shift+H');
    await expect(restrictedIndicator(page, language)).toBeVisible();
    await expect(recordField(page, 'phone')).toContainText(s.reveal.masked);
    await shot('restricted-record', true);
    await recordField(page, 'phone').getByRole('button', { name: s.reveal.button }).click();
    await page.getByRole('dialog').getByRole('radio').last().check();
    await shot('reveal-dialog');
    await page.getByRole('dialog').getByRole('textbox').fill('—');
    await page.getByRole('dialog').getByRole('button', { name: s.reveal.confirm.replace('{{seconds}}', '30') }).click();
    await expect(recordField(page, 'phone').getByRole('group')).toBeVisible();
    await shot('revealed');
    await signOut(page, language);
    await signIn(page, language, SUPERVISOR);
    await page.getByRole('navigation').getByRole('button', { name: s.shell.audit, exact: true }).click();
    await expect(page.getByRole('table')).toBeVisible();
    await shot('audit', true);
  });
}
