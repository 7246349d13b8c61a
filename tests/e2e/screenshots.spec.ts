import { expect, strings, test } from './fixtures';
import { CLERK, createAccount, setUpSite, signIn, signOut } from './helpers';

/**
 * Pictures of the registration form and the record view in each language, to look at after a
 * change of layout: `INTAKE_SCREENSHOTS=1 npx playwright test screenshots`. Skipped otherwise.
 * They land in test-results/screenshots/.
 */
const DIR = 'test-results/screenshots';

for (const language of ['en', 'ar', 'fr'] as const) {
  test(`screenshots (${language})`, async ({ page, host }) => {
    test.skip(!process.env.INTAKE_SCREENSHOTS, 'set INTAKE_SCREENSHOTS=1 to take the screenshots');
    const s = strings(language);
    const shot = (name: string, fullPage = false) => page.screenshot({ path: `${DIR}/${language}-${name}.png`, fullPage });
    await page.setViewportSize({ width: 1280, height: 900 });
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);

    await page.keyboard.press('Alt+N');
    await page.getByRole('checkbox', { name: s.consent.purposes.register.label }).check();
    await page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill('Samira Haddad');
    await page.getByRole('group', { name: s.person.fields.pronouns.label }).getByRole('radio').nth(1).check();
    const birth = page.getByRole('group', { name: s.person.fields.birth.label });
    await birth.getByRole('radio').nth(2).check();
    await birth.getByRole('textbox').first().fill('31');
    await shot('form-top');
    await page.getByRole('button', { name: s.person.document.add }).click();
    await page.getByLabel(s.person.document.type).selectOption('passport');
    await page.getByLabel(s.person.document.nameOnDocument).fill('إبراهيم الأحمد');
    await page.getByLabel(s.person.document.sexOnDocument).selectOption('M');
    await page.locator('summary').filter({ hasText: s.person.sections.gender }).click();
    await page.getByRole('group', { name: s.person.fields.genderIdentity.label }).getByRole('radio').first().check();
    await page.locator('[data-field="documents"]').scrollIntoViewIfNeeded();
    await shot('form-documents');
    await shot('form', true);
    await page.getByRole('checkbox', { name: s.person.fields.documentMismatch.label }).check();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('group', { name: s.record.registeredLabel })).toBeVisible();
    await shot('record', true);
    await page.getByRole('button', { name: s.family.addMember }).click();
    await shot('family-form');
    await page.getByRole('button', { name: s.form.cancel }).click();
    await page.getByRole('button', { name: s.record.back }).click();
    await page.getByRole('searchbox').fill('ابراهيم');
    await expect(page.getByRole('list', { name: s.search.results })).toBeVisible();
    await shot('home', true);
  });
}
