import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { setUpSite } from './helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

for (const language of LANGUAGES_UNDER_TEST) {
  const s = strings(language);

  test(`no serious accessibility problems on the main screens (${language})`, async ({ page, host }) => {
    await setUpSite(page, host.url, language);
    expect(await seriousViolations(page), 'app shell').toEqual([]);

    await page.getByRole('navigation').getByRole('button', { name: s.shell.accounts, exact: true }).click();
    await expect(page.getByRole('table')).toBeVisible();
    expect(await seriousViolations(page), 'accounts').toEqual([]);

    await page.getByRole('navigation').getByRole('button', { name: s.shell.settings, exact: true }).click();
    await expect(page.getByRole('region', { name: s.settings.needs.title })).toBeVisible();
    expect(await seriousViolations(page), 'site settings').toEqual([]);

    await page.keyboard.press('Control+L');
    await expect(page.getByRole('heading', { level: 1, name: s.lock.title })).toBeVisible();
    expect(await seriousViolations(page), 'lock screen').toEqual([]);

    await page.getByRole('button', { name: s.lock.signOut, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: s.signIn.title })).toBeVisible();
    expect(await seriousViolations(page), 'sign-in screen').toEqual([]);
  });
}

test('no serious accessibility problems on the set-up screen', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: strings('en').setup.title })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
