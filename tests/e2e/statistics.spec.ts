import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Language } from '../../src/shared/languages';
import { STATS_K_DEFAULT, STATS_K_MIN, STATS_K_SENSITIVE_DEFAULT } from '../../src/shared/stats';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { CLERK, SUPERVISOR, signIn } from './helpers';
import { cli } from './cli';
import { download, pdfText } from './downloads';
import { siteByCli } from './sites';
import { dateBox, typeDate } from './dates';

/**
 * The supervisor's statistics screen, on a site seeded through the admin CLI (the web host has no
 * seeding call): tables after disclosure control, no small numbers on screen, and each export.
 */
const PEOPLE = 1500;
const SENSITIVE_TABLES = ['sogiesc', 'livelihood', 'protectionNeeds'];

/** A site in `language` with a supervisor, a clerk, and synthetic registrations over the last eighteen months. */
function seededSite(language: Language) {
  return async (dataDir: string): Promise<void> => {
    const site = ['--data-dir', dataDir];
    await siteByCli(dataDir, language, [[CLERK, 'clerk']]);
    // Seeding registers people: a desk role's work, not a supervisor's.
    await cli(['seed', ...site, '--user', CLERK.userName, '--password-stdin', '--count', String(PEOPLE)], [CLERK.password]);
  };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

for (const language of LANGUAGES_UNDER_TEST) {
  const s = strings(language);

  test.describe(`statistics (${language})`, () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
      prepareDataDir: async ({}, use) => use(seededSite(language)),
    });

    test(`a supervisor shows the tables and exports them (${language})`, async ({ page, host }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(host.url);
      await signIn(page, language, SUPERVISOR);

      const nav = page.getByRole('navigation', { name: s.shell.navLabel });
      // The site's name, given under Site settings, heads every export beside the prefix.
      const siteName = language === 'ar' ? 'مكتب غازي عنتاب' : 'Gaziantep desk';
      await nav.getByRole('button', { name: s.shell.settings, exact: true }).click();
      await page.getByRole('textbox', { name: s.settings.siteName, exact: true }).fill(siteName);
      await page.getByRole('button', { name: s.settings.save, exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: s.settings.saved })).toBeVisible();
      await nav.getByRole('button', { name: s.stats.screen.nav, exact: true }).or(nav.getByRole('link', { name: s.stats.screen.nav, exact: true })).click();
      await expect(page.getByRole('heading', { level: 1, name: s.stats.title })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');

      // The form offers the defaults; main refuses a smallest count below the minimum, and says why.
      const k = page.getByRole('spinbutton', { name: s.stats.rules.k, exact: true });
      await expect(k).toHaveValue(String(STATS_K_DEFAULT));
      // Left empty, kSensitive is the larger of k and STATS_K_SENSITIVE_DEFAULT.
      await expect(page.getByRole('spinbutton', { name: s.stats.rules.kSensitive, exact: true })).toHaveValue('');
      await k.fill('2');
      await page.getByRole('button', { name: s.stats.screen.show, exact: true }).click();
      await expect(k).toHaveAccessibleDescription(`${s.stats.screen.kHint.replace('{{min}}', String(STATS_K_MIN))} ${s.stats.screen.errors.kMinimum.replaceAll('{{min}}', String(STATS_K_MIN))}`);
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expect(page.locator('table')).toHaveCount(0);
      await k.fill(String(STATS_K_DEFAULT));

      await page.getByRole('button', { name: s.stats.screen.show, exact: true }).click();
      await expect(page.getByRole('heading', { level: 2, name: s.stats.rules.heading })).toBeVisible();
      await expect(page.locator('.stats-rules')).toContainText(siteName);
      await expect(page.getByRole('alert')).toHaveCount(0);
      const tables = page.getByRole('table');
      await expect(tables).toHaveCount(12);
      await expect(page.getByRole('table', { name: s.stats.tables.ageGender.title })).toBeVisible();
      await expect(page.getByRole('table', { name: s.stats.tables.familyUnits.title }).getByRole('columnheader', { name: s.stats.total })).toBeVisible();

      // Every published number is zero or at least its threshold (k, or kSensitive in sensitive
      // breakdowns and rows); hidden ones show the marker and carry the word.
      const small = (texts: string[], threshold: number) => texts.filter((text) => /^\d+$/.test(text) && Number(text) > 0 && Number(text) < threshold);
      for (const section of await page.locator('section[data-table]').all()) {
        const id = (await section.getAttribute('data-table')) ?? '';
        const cells = (await section.locator('table td').allTextContents()).map((text) => text.trim());
        expect(cells.length, id).toBeGreaterThan(0);
        expect(small(cells, STATS_K_DEFAULT), `${id}: counts from 1 to k-1`).toEqual([]);
        expect(cells.filter((text) => !/^\d+$/.test(text) && text !== `—${s.stats.suppressed}`), id).toEqual([]);
        const sensitiveCells = (await section.locator('tbody tr[data-sensitive] td').allTextContents()).map((text) => text.trim());
        expect(small(sensitiveCells, STATS_K_SENSITIVE_DEFAULT), `${id}: sensitive counts from 1 to kSensitive-1`).toEqual([]);
        if (SENSITIVE_TABLES.includes(id)) expect(small(cells, STATS_K_SENSITIVE_DEFAULT), `${id}: counts from 1 to kSensitive-1`).toEqual([]);
      }
      await expect(page.locator('section[data-table="familyUnits"] tbody tr[data-sensitive]')).toHaveCount(1);
      // Charts leave out rows whose numbers are all hidden or zero: one bar per row with a number above 0.
      for (const section of await page.locator('section[data-table]').all()) {
        const id = (await section.getAttribute('data-table')) ?? '';
        let drawn = 0;
        for (const row of await section.locator('tbody tr').all()) {
          const numbers = (await row.locator('td').allTextContents()).map((text) => text.trim()).filter((text) => /^\d+$/.test(text));
          if (numbers.some((text) => Number(text) > 0)) drawn += 1;
        }
        await expect(section.locator('.stats-chart li'), id).toHaveCount(drawn);
      }
      if (process.env.INTAKE_SCREENSHOTS) await page.screenshot({ path: `test-results/screenshots/${language}-statistics.png`, fullPage: true });
      expect(await seriousViolations(page), 'statistics screen').toEqual([]);

      const csv = await download(page, s.stats.screen.exportCsv);
      expect(csv.fileName).toMatch(/^statistics_.+\.csv$/);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
      expect(lines.some((line) => line.startsWith('#'))).toBe(true);
      expect(lines[0]?.split(',')[0]).toBe(s.stats.title);
      // The file names the site, by name and registration-number prefix, and says totals need not add up.
      expect(lines.some((line) => line.startsWith(`${s.stats.rules.siteName},${siteName},`))).toBe(true);
      expect(lines.some((line) => line.startsWith(`${s.stats.rules.sitePrefix},REG,`) || line.startsWith(`"${s.stats.rules.sitePrefix}",REG,`))).toBe(true);
      expect(lines.some((line) => line.includes(s.stats.rules.totals))).toBe(true);
      await expect(page.getByRole('status').filter({ hasText: csv.fileName })).toBeVisible();

      const xlsx = await download(page, s.stats.screen.exportXlsx);
      expect(xlsx.fileName).toMatch(/^statistics_.+\.xlsx$/);
      expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

      const pdf = await download(page, s.stats.screen.exportPdf);
      expect(pdf.fileName).toMatch(/^statistics_.+\.pdf$/);
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // No browser, no version and no time of day in the PDF's metadata.
      expect(pdf.bytes.toString('latin1')).not.toMatch(/HeadlessChrome|Skia\/PDF|\/Creator|\/Producer|\(D:\d{9,}/);
      const { fontNames, characters } = pdfText(pdf.bytes);
      const arabicLetters = [...characters].filter((character) => /\p{Script=Arabic}/u.test(character));
      if (language === 'ar') {
        // Arabic glyphs from an Arabic font, mapped back to Arabic letters, covering the report's title.
        expect(fontNames.some((name) => /Arabic/.test(name)), fontNames.join()).toBe(true);
        const title = [...s.stats.title.normalize('NFKC')].filter((character) => /\p{L}/u.test(character));
        const found = new Set(arabicLetters.map((character) => character.normalize('NFKC')));
        expect(title.filter((letter) => !found.has(letter))).toEqual([]);
      } else {
        expect(characters.size).toBeGreaterThan(0);
      }
      await expect(page.getByRole('alert')).toHaveCount(0);

      // The period rules (issue 11): breakdowns only for whole calendar months that have ended,
      // with the minimum population; otherwise the number registered alone, and the screen says why.
      const today = new Date();
      const iso = (date: Date) => date.toISOString().slice(0, 10);
      const showPeriod = async (from: string, to: string, options: { granularity?: 'week' | 'month'; minPopulation?: number } = {}) => {
        await typeDate(dateBox(page, s.stats.screen.from), from);
        await typeDate(dateBox(page, s.stats.screen.to), to);
        await page.getByLabel(s.stats.screen.granularity, { exact: true }).selectOption(options.granularity ?? 'month');
        await page.getByRole('spinbutton', { name: s.stats.rules.minPopulation, exact: true }).fill(String(options.minPopulation ?? 50));
        await page.getByRole('button', { name: s.stats.screen.show, exact: true }).click();
        // The shown period, widened to whole weeks or months, says the answer is this request's.
        const widened = options.granularity === 'week' ? [weekStart(from), weekEnd(to)] : [from, monthEndOf(to)];
        await expect(page.locator('.stats-rules')).toContainText(s.stats.screen.periodDates.replace('{{from}}', widened[0] ?? '').replace('{{to}}', widened[1] ?? ''));
      };
      const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
      const weekStart = (text: string) => iso(new Date(day(text).getTime() - ((day(text).getUTCDay() + 6) % 7) * 86_400_000));
      const weekEnd = (text: string) => iso(new Date(day(weekStart(text)).getTime() + 6 * 86_400_000));
      const monthEndOf = (text: string) => iso(new Date(Date.UTC(day(text).getUTCFullYear(), day(text).getUTCMonth() + 1, 0)));
      const registrationsOnly = async (reason: keyof typeof s.stats.withheld) => {
        await expect(page.locator('.stats-withheld')).toHaveText(s.stats.withheld[reason]);
        await expect(page.getByRole('table')).toHaveCount(1);
        await expect(page.getByRole('table', { name: s.stats.tables.registrations.title })).toBeVisible();
      };
      const monthStart = (offset: number) => iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1)));
      const monthEnd = (offset: number) => iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset + 1, 0)));
      // This month, still running.
      await showPeriod(monthStart(0), iso(today));
      await registrationsOnly('not-ended');
      // Last month, counted by week.
      await showPeriod(monthStart(-1), monthEnd(-1), { granularity: 'week' });
      await registrationsOnly('weekly');
      // Last month, with a minimum population above its people (about 80 a month here).
      await showPeriod(monthStart(-1), monthEnd(-1), { minPopulation: 1000 });
      await registrationsOnly('below-minimum');
      // Twelve months with a minimum each month is below: tier 1 only, no sensitive table.
      await showPeriod(monthStart(-12), monthEnd(-1), { minPopulation: 200 });
      await expect(page.locator('.stats-withheld')).toHaveText(s.stats.withheld['month-below-minimum']);
      for (const id of SENSITIVE_TABLES) await expect(page.locator(`section[data-table="${id}"]`)).toHaveCount(0);
      await expect(page.locator('section[data-table="ageGender"]')).toHaveCount(1);
      // The same twelve months with the default minimum: every table.
      await showPeriod(monthStart(-12), monthEnd(-1));
      await expect(page.locator('.stats-withheld')).toHaveCount(0);
      await expect(page.getByRole('table')).toHaveCount(12);
      expect(await seriousViolations(page), 'statistics screen, period rules').toEqual([]);
    });
  });
}
