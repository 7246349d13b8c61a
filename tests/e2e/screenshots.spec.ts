import type { Locator, Page } from '@playwright/test';
import { expect, strings, test } from './fixtures';
import { CLERK, createAccount, openFormSection, setUpSite, signIn, signOut } from './helpers';
import { seriousViolations } from './restricted-helpers';

/** The middle heights of the element's children: one value when they sit on one line. */
async function lineCentres(container: Locator): Promise<number[]> {
  const centres = await container.locator(':scope > *').evaluateAll((children) =>
    children.filter((child) => child.getBoundingClientRect().height > 0).map((child) => {
      const box = child.getBoundingClientRect();
      return Math.round(box.top + box.height / 2);
    }),
  );
  return [...new Set(centres)];
}

/** How many lines the text of each column header takes: 1 when it neither wraps nor breaks inside a word. */
async function headerLines(page: Page, table: Locator): Promise<number[]> {
  await expect(table).toBeVisible();
  return table.locator('thead th').evaluateAll((headers) =>
    headers.map((header) => {
      const range = document.createRange();
      range.selectNodeContents(header);
      return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom))).size;
    }),
  );
}

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
    // The laptops at the desks (issue 15).
    await page.setViewportSize({ width: 1366, height: 768 });
    await setUpSite(page, host.url, language);
    // The supervisor's home, titled by what the role can do; the header on one line in every language.
    await expect(page.getByRole('heading', { level: 1, name: s.home.findTitle })).toBeVisible();
    await shot('supervisor-home');
    const header = page.locator('.shell-header');
    expect(await lineCentres(header), 'header items on one line').toHaveLength(1);
    expect(await lineCentres(header.locator('.header-actions')), 'header actions on one line').toHaveLength(1);
    const nav = page.getByRole('navigation', { name: s.shell.navLabel });
    await nav.getByRole('button', { name: s.shell.audit, exact: true }).click();
    const auditTable = page.locator('.audit-table');
    expect(await headerLines(page, auditTable), 'audit column headers on one line each').toEqual([1, 1, 1, 1, 1]);
    expect(await seriousViolations(page), 'audit screen').toEqual([]);
    await shot('audit');
    await nav.getByRole('button', { name: s.shell.settings, exact: true }).click();
    await expect(page.getByRole('button', { name: s.settings.needs.saveOffers, exact: true })).toBeVisible();
    expect(await seriousViolations(page), 'site settings').toEqual([]);
    await shot('settings', true);
    await createAccount(page, language, CLERK, 'clerk');
    await shot('accounts');
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
    // The language picker with two chips and its list open on a third name.
    const languageName = (code: string): string => new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
    const spoken = page.getByRole('combobox', { name: s.person.fields.languages.label, exact: true });
    for (const code of ['ar', 'ku']) {
      await spoken.fill(languageName(code).slice(0, 4));
      await spoken.press('ArrowDown');
      await spoken.press('Enter');
    }
    await spoken.fill(languageName('fr').slice(0, 3));
    await expect(page.getByRole('listbox', { name: s.person.fields.languages.label })).toBeVisible();
    await shot('form-pickers');
    await spoken.press('Escape');
    // A preferred language the list does not hold: offered in the person's own words, then marked under its box.
    const preferred = page.getByRole('combobox', { name: s.person.fields.preferredLanguage.label, exact: true });
    await preferred.fill('Kurmanji of Afrin');
    await expect(page.getByRole('listbox', { name: s.person.fields.preferredLanguage.label })).toBeVisible();
    await shot('form-preferred-offer');
    await preferred.press('ArrowDown');
    await preferred.press('Enter');
    await expect(preferred).toHaveValue('Kurmanji of Afrin');
    await shot('form-preferred-own-words');
    await openFormSection(page, s.person.sections.documents);
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
    // From the second registration on, the help is behind the info buttons (issue 15): the whole form.
    await page.getByRole('button', { name: s.home.register, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: s.registration.title })).toBeVisible();
    await shot('form-short');
    await shot('form-short-full', true);
    await page.getByRole('button', { name: s.form.cancel, exact: true }).click();
    // Work lists (issue 15): the record just made has a document mismatch.
    await page.getByRole('navigation', { name: s.shell.navLabel }).getByRole('button', { name: s.shell.workLists, exact: true }).click();
    await page.getByLabel(s.workLists.picker, { exact: true }).selectOption('document-mismatch');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
    expect(await seriousViolations(page), 'work lists').toEqual([]);
    await shot('work-lists');
  });
}
