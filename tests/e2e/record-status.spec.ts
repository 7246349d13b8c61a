import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Language } from '../../src/shared/languages';
import { expect, strings, test } from './fixtures';
import { CLERK, signIn } from './helpers';
import { cli } from './cli';
import { siteByCli } from './sites';

/**
 * A record's status (issue 15): a clerk marks a person departed from the record; the record leaves
 * the home screen's lists (search and newest registrations), which show active records, and comes
 * back with its status badge when the filter asks for every record or those not active; the
 * duplicate check of a new registration still finds it, badged.
 */
const PEOPLE = ['Zaid Amari', 'Basma Haddad'];

function preparedSite(language: Language) {
  return async (dataDir: string): Promise<void> => {
    await siteByCli(dataDir, language, [[CLERK, 'clerk']]);
    const file = join(dataDir, '..', `${dataDir.split('/').pop() ?? 'site'}-people.csv`);
    await writeFile(file, `consents,chosenName\n${PEOPLE.map((name) => `register,${name}`).join('\n')}\n`);
    try {
      await cli(['import', '--data-dir', dataDir, '--user', CLERK.userName, '--password-stdin', '--file', file], [CLERK.password]);
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

for (const language of ['en', 'ar'] as const satisfies readonly Language[]) {
  const s = strings(language);

  test.describe(`record status (${language})`, () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
      prepareDataDir: async ({}, use) => use(preparedSite(language)),
    });

    test(`a record set to departed leaves the default lists and comes back with the filter, badged (${language})`, async ({ page, host }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(host.url);
      await signIn(page, language, CLERK);
      const recent = page.getByRole('listbox', { name: s.home.recentTitle });
      await expect(recent.getByRole('option')).toHaveCount(2);
      await recent.getByRole('option').filter({ hasText: 'Basma Haddad' }).click();

      // On the record: departed, from today (the date box's default), asked before it is recorded.
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Basma Haddad');
      const panel = page.getByRole('region', { name: s.recordStatus.heading });
      await expect(panel).toContainText(s.recordStatus.current.replace('{{status}}', s.recordStatus.status.active));
      await expect(panel.getByLabel(s.recordStatus.newStatus, { exact: true })).toHaveValue('departed');
      await panel.getByRole('button', { name: s.recordStatus.change, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: s.recordStatus.confirmTitle });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: s.recordStatus.confirm, exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(s.recordStatus.status.departed);
      await expect(page.getByRole('status').filter({ hasText: s.recordStatus.saved.replace('{{status}}', s.recordStatus.status.departed) })).toBeVisible();
      await expect(panel.getByRole('list', { name: s.recordStatus.history }).getByRole('listitem')).toHaveCount(1);
      // What the form offers next: making the record active again.
      await expect(panel.getByLabel(s.recordStatus.newStatus, { exact: true })).toHaveValue('active');
      expect(await seriousViolations(page)).toEqual([]);

      // Home: the newest registrations and the search show active records only.
      await page.getByRole('button', { name: s.record.back, exact: true }).click();
      await expect(recent.getByRole('option')).toHaveCount(1);
      await expect(recent).not.toContainText('Basma Haddad');
      const search = page.getByRole('searchbox', { name: s.search.label });
      await search.fill('Basma');
      await expect(page.getByRole('status').filter({ hasText: s.search.none })).toBeVisible();

      // Every record: Basma is back, with the badge, in the list and in the search.
      const filter = page.getByLabel(s.recordStatus.filter.label, { exact: true });
      await filter.selectOption('all');
      const results = page.getByRole('list', { name: s.search.results });
      await expect(results.getByRole('button')).toHaveCount(1);
      await expect(results.getByRole('button')).toContainText(s.recordStatus.status.departed);
      await expect(recent.getByRole('option')).toHaveCount(2);
      await expect(recent.getByRole('option').filter({ hasText: 'Basma Haddad' })).toContainText(s.recordStatus.status.departed);
      await expect(recent.getByRole('option').filter({ hasText: 'Zaid Amari' })).not.toContainText(s.recordStatus.status.departed);
      expect(await seriousViolations(page)).toEqual([]);

      // Only the records not active.
      await filter.selectOption('not-active');
      await expect(recent.getByRole('option')).toHaveCount(1);
      await expect(recent.getByRole('option')).toContainText('Basma Haddad');

      // She comes back: the duplicate check before registering finds her, with her status.
      await page.keyboard.press('Alt+N');
      const chosenName = page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
      await expect(chosenName).toBeFocused();
      await chosenName.pressSequentially('Basma Haddad', { delay: 20 });
      const warning = page.getByRole('region', { name: s.duplicates.title });
      await expect(warning).toBeVisible();
      await expect(warning.getByRole('row').filter({ hasText: 'Basma Haddad' })).toContainText(s.recordStatus.status.departed);
    });
  });
}
