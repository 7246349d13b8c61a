import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Language } from '../../src/shared/languages';
import { expect, strings, test } from './fixtures';
import { CLERK, PROTECTION, signIn } from './helpers';
import { cli } from './cli';
import { siteByCli } from './sites';

/**
 * Work lists (issue 15), on a site whose people came through the admin CLI's import (registered
 * today, so this week): a clerk opens "Arrived this week", sorts it by name and opens a record; a
 * protection officer opens a tier-2 specific need's list, which a clerk is not offered, and
 * exports it as CSV.
 */
const PEOPLE = [
  { chosenName: 'Zaid Amari', arrivalDate: '', specificNeeds: '', protectionNeeds: '' },
  { chosenName: 'Basma Haddad', arrivalDate: '', specificNeeds: 'disability', protectionNeeds: '' },
  // Arrived long before this week (the arrival date counts before the registration date).
  { chosenName: 'Mona Saleh', arrivalDate: '2025-01-15', specificNeeds: 'disability', protectionNeeds: 'torture' },
  { chosenName: 'Karim Nassar', arrivalDate: '', specificNeeds: '', protectionNeeds: 'sgbv' },
];
const THIS_WEEK_BY_NAME = ['Basma Haddad', 'Karim Nassar', 'Zaid Amari'];

function preparedSite(language: Language) {
  return async (dataDir: string): Promise<void> => {
    const site = ['--data-dir', dataDir];
    await siteByCli(dataDir, language, [
      [CLERK, 'clerk'],
      [PROTECTION, 'protection'],
    ]);
    const file = join(dataDir, '..', `${dataDir.split('/').pop() ?? 'site'}-people.csv`);
    const lines = [
      'consents,chosenName,arrivalDate,specificNeeds,protectionNeeds',
      ...PEOPLE.map((person) => ['register', person.chosenName, person.arrivalDate, person.specificNeeds, person.protectionNeeds].join(',')),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    try {
      await cli(['import', ...site, '--user', CLERK.userName, '--password-stdin', '--file', file], [CLERK.password]);
    } finally {
      await rm(file, { force: true });
    }
  };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

const namesShown = (page: Page) => page.locator('.work-list-table [role="row"] .work-list-cell-chosenName').allTextContents();

for (const language of ['en', 'ar', 'fr'] as const satisfies readonly Language[]) {
  const s = strings(language);

  test.describe(`work lists (${language})`, () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
      prepareDataDir: async ({}, use) => use(preparedSite(language)),
    });

    test(`a clerk sorts "arrived this week" by name and opens a record from it (${language})`, async ({ page, host }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(host.url);
      await signIn(page, language, CLERK);
      await page.getByRole('navigation').getByRole('button', { name: s.shell.workLists, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.workLists.title })).toBeVisible();
      const picker = page.getByLabel(s.workLists.picker, { exact: true });
      await expect(picker).toHaveValue('arrived-this-week');
      // A tier-2 need is not the clerk's to list: not offered; a tier-1 one is.
      await expect(picker.locator('option[value="specific-need:torture"]')).toHaveCount(0);
      await expect(picker.locator('option[value="specific-need:disability"]')).toHaveCount(1);

      const table = page.getByRole('table');
      await expect(table.getByRole('row')).toHaveCount(1 + THIS_WEEK_BY_NAME.length);
      const nameHeader = table.getByRole('columnheader', { name: s.workLists.columns.chosenName });
      await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
      await expect(table.getByRole('columnheader', { name: s.workLists.columns.registeredAt })).toHaveAttribute('aria-sort', 'descending');
      await nameHeader.getByRole('button').click();
      await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
      expect(await namesShown(page)).toEqual(THIS_WEEK_BY_NAME);
      await nameHeader.getByRole('button').click();
      await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
      expect(await namesShown(page)).toEqual([...THIS_WEEK_BY_NAME].reverse());
      expect(await seriousViolations(page)).toEqual([]);

      await table.getByRole('button', { name: 'Basma Haddad' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Basma Haddad');
    });

    test(`a protection officer lists a tier-2 specific need and exports it as CSV (${language})`, async ({ page, host }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(host.url);
      await signIn(page, language, PROTECTION);
      await page.getByRole('navigation').getByRole('button', { name: s.shell.workLists, exact: true }).click();
      await page.getByLabel(s.workLists.picker, { exact: true }).selectOption('specific-need:torture');
      const table = page.getByRole('table');
      await expect(table.getByRole('row')).toHaveCount(2);
      expect(await namesShown(page)).toEqual(['Mona Saleh']);
      expect(await seriousViolations(page)).toEqual([]);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: s.workLists.export, exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^work-list-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path())).toString('utf8');
      expect(csv.startsWith('\ufeff')).toBe(true);
      const lines = csv.slice(1).split('\r\n');
      expect(lines[0]).toBe('registration_number,chosen_name,registered_at,arrival_date');
      expect(lines[1]).toMatch(/^REG-\d{6},Mona Saleh,\d{4}-\d{2}-\d{2}T[^,]+,2025-01-15$/);
      expect(lines.filter((line) => line !== '')).toHaveLength(2);
      await expect(page.getByRole('status').filter({ hasText: s.workLists.exported.replace('{{number}}', '1') })).toBeVisible();
    });
  });
}
