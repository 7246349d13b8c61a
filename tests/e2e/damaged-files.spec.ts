import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cli } from './cli';
import { expect, strings, test } from './fixtures';
import { button, field, signIn, SUPERVISOR } from './helpers';

/**
 * A site whose device.json and keyslots.json were cut short before the app started (issue 14):
 * the sign-in screen still loads, in the default language, names keyslots.json and says how to
 * restore it, in English and Arabic; once the file is back, sign-in works again.
 */
const KEY_SLOTS = 'keyslots.json';
const BACKUP = 'keyslots.backup-for-test';

/** The admin CLI's init, the password on standard input as the CLI requires. */
function init(dataDir: string): Promise<void> {
  return cli(['init', '--data-dir', dataDir, '--user', SUPERVISOR.userName, '--password-stdin', '--language', 'ar', '--json'], [SUPERVISOR.password]);
}

async function truncate(path: string): Promise<void> {
  const bytes = await readFile(path);
  await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

let site = '';

test.use({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  prepareDataDir: async ({}, use) =>
    use(async (dataDir: string) => {
      site = dataDir;
      await init(dataDir);
      // Kept in the folder only so the test can play the supervisor restoring it from a backup.
      await copyFile(join(dataDir, KEY_SLOTS), join(dataDir, BACKUP));
      await truncate(join(dataDir, 'device.json'));
      await truncate(join(dataDir, KEY_SLOTS));
    }),
});

test('damaged device.json and keyslots.json: the sign-in screen names the file and says what to do (en, ar)', async ({ page, host }) => {
  const en = strings('en');
  const ar = strings('ar');
  const message = (language: 'en' | 'ar') => strings(language).errors.vault_files_damaged.replaceAll('{{file}}', KEY_SLOTS);

  // device.json was damaged: the default language; keyslots.json was damaged: no form, the message.
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: en.signIn.title })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(message('en'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(field(page, en.fields.userName)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: en.setup.title })).toHaveCount(0);
  expect(await seriousViolations(page), 'English').toEqual([]);

  await field(page, en.language.label).selectOption('ar');
  await expect(page.getByRole('heading', { level: 1, name: ar.signIn.title })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(message('ar'));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect(await seriousViolations(page), 'Arabic').toEqual([]);

  // The language is remembered in the rebuilt device.json; the slot file is still reported.
  await page.reload();
  await expect(page.getByRole('alert')).toHaveText(message('ar'));

  // The supervisor restores keyslots.json from the backup, as the message says: sign-in is back.
  await copyFile(join(site, BACKUP), join(site, KEY_SLOTS));
  await button(page, ar.app.retry).click();
  await signIn(page, 'ar', SUPERVISOR);
});
