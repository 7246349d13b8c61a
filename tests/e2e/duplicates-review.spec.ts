import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '../../src/shared/languages';
import { runCli } from './cli';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { button, PROTECTION, signIn } from './helpers';
import { seriousViolations } from './restricted-helpers';
import { siteByCli } from './sites';

/**
 * Duplicate control where people enter by file, and the protection officer's review (issue 10):
 * an import that holds a person already registered in the other script is refused until the
 * importer has seen the list and allows it; the review then lists the pair, merges it after a
 * confirmation, and the merge is undone from the record kept.
 */
async function importFile(dataDir: string, csv: string, ...flags: string[]) {
  const folder = await mkdtemp(join(tmpdir(), 'intake-import-'));
  const file = join(folder, 'people.csv');
  await writeFile(file, csv, 'utf8');
  try {
    return await runCli(['import', '--data-dir', dataDir, '--user', PROTECTION.userName, '--password-stdin', '--file', file, ...flags], [PROTECTION.password]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A site with a protection officer and one person registered in Arabic script, then the same person by file in Latin script. */
function siteWithADuplicateImport(language: Language) {
  return async (dataDir: string): Promise<void> => {
    await siteByCli(dataDir, language, [[PROTECTION, 'protection']]);
    const first = await importFile(dataDir, 'chosenName,birth,nationalities\nمحمد حسن,1990,SY\n');
    expect(first.code).toBe(0);

    const csv = 'chosenName,birth,nationalities\nAmina Yusuf,1985,SD\nMohammed Hassan,1991,SY\n';
    const refused = await importFile(dataDir, csv);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^line 3: likely the same person as \S+$/mu);
    expect(refused.stderr).toContain('nothing was imported');
    const allowed = await importFile(dataDir, csv, '--allow-duplicates');
    expect(allowed.stdout).toContain('Imported 2 people.');
  };
}

for (const language of LANGUAGES_UNDER_TEST) {
  test.describe(`duplicates review (${language})`, () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
      prepareDataDir: async ({}, use) => use(siteWithADuplicateImport(language)),
    });

    test(`a protection officer merges the two records of one person and undoes it (${language})`, async ({ page, host }) => {
      const s = strings(language);
      await page.goto(host.url);
      await signIn(page, language, PROTECTION);
      await page.getByRole('navigation', { name: s.shell.navLabel }).getByRole('button', { name: s.shell.duplicates, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.duplicateReview.title })).toBeFocused();

      const pair = page.getByRole('region', { name: s.duplicateReview.pair.replace('{{n}}', '1') });
      await expect(pair.getByRole('rowheader')).toHaveText(['محمد حسن', 'Mohammed Hassan']);
      await expect(pair.getByRole('listitem')).toContainText([s.duplicateReview.reasons['other-script'], s.duplicateReview.reasons['birth-year']]);
      await expect(page.getByRole('region', { name: s.duplicateReview.pair.replace('{{n}}', '2') })).toHaveCount(0);
      expect(await seriousViolations(page)).toEqual([]);

      const numbers = await pair.locator('.registration-number').allTextContents();
      const [older = '', newer = ''] = numbers;
      // The older registration is kept unless the officer picks the other.
      await expect(pair.getByRole('radio').first()).toBeChecked();
      await pair.getByRole('button', { name: s.duplicateReview.same.replace('{{number}}', older), exact: true }).click();
      const dialog = page.getByRole('dialog', { name: s.duplicateReview.confirmTitle.replace('{{merged}}', newer).replace('{{kept}}', older) });
      await expect(dialog).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: s.duplicateReview.confirm, exact: true }).click();

      const merged = s.duplicateReview.merged.replace('{{merged}}', newer).replace('{{kept}}', older);
      await expect(page.getByRole('status').filter({ hasText: merged })).toBeVisible();
      await expect(page.getByText(s.duplicateReview.none, { exact: true })).toBeVisible();
      await expect(button(page, s.duplicateReview.undo)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      // Both numbers now find the record kept.
      await page.getByRole('navigation', { name: s.shell.navLabel }).getByRole('button', { name: s.shell.home, exact: true }).click();
      const search = page.getByRole('searchbox', { name: s.search.label });
      await search.fill(newer);
      const results = page.getByRole('list', { name: s.search.results });
      await expect(results.getByRole('listitem')).toHaveCount(1);
      await expect(results.locator('.registration-number')).toHaveText(older);
      await results.getByRole('button').click();

      const mergedList = page.getByRole('region', { name: s.person.merged.title });
      await expect(mergedList).toContainText(newer);
      expect(await seriousViolations(page)).toEqual([]);
      await mergedList.getByRole('button', { name: s.person.merged.undo.replace('{{number}}', newer), exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: s.person.merged.undone.replace('{{number}}', newer) })).toBeVisible();

      await page.getByRole('navigation', { name: s.shell.navLabel }).getByRole('button', { name: s.shell.home, exact: true }).click();
      await page.getByRole('searchbox', { name: s.search.label }).fill(newer);
      await expect(page.getByRole('list', { name: s.search.results }).locator('.registration-number')).toHaveText([newer]);
    });
  });
}
