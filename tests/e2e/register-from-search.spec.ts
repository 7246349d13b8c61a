import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { button, CLERK, createAccount, setUpSite, signIn, signOut } from './helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** A name no one on the fresh site has, in each language's own script. */
const NOBODY = { en: 'Zaynab Qasimi', ar: 'زينب قاسمي' } as const;

for (const language of LANGUAGES_UNDER_TEST) {
  test(`a search that finds no one carries its name into a new registration (${language})`, async ({ page, host }) => {
    const s = strings(language);
    const name = NOBODY[language];
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);

    const search = page.getByRole('searchbox', { name: s.search.label });
    await expect(search).toBeFocused();
    // Spaces around the query are not part of the name.
    await search.fill(`  ${name} `);
    await expect(page.getByRole('status').filter({ hasText: s.search.none })).toBeVisible();

    const offer = button(page, s.search.registerName.replace('{{name}}', name));
    await expect(offer).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Reachable from the search box with Tab.
    await search.press('Tab');
    await expect(offer).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: s.registration.title })).toBeVisible();
    const chosenName = page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
    await expect(chosenName).toBeFocused();
    await expect(chosenName).toHaveValue(name);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
