import type { Language } from '../../src/shared/languages';
import { download, pdfText, pdfTextRuns } from './downloads';
import { expect, strings, test } from './fixtures';
import { button, CLERK, signIn } from './helpers';
import { seriousViolations } from './restricted-helpers';
import { siteByCli } from './sites';

/**
 * The registration slip (issue 15): a clerk registers a person and hands them a slip with their
 * number, printed or saved as PDF, in the slip's language (here the interface's: no preferred
 * language given), with Arabic shaped and mapped back in the PDF.
 */
const REGISTRATION_NUMBER = /REG-\d{6}/;
const NAMES: Record<Language, string> = { en: 'Samira Haddad', ar: 'سميرة حداد', fr: 'Samira Haddad' };

/** A site in `language` with its supervisor and a clerk, made with the admin CLI. */
function siteWithAClerk(language: Language) {
  return (dataDir: string): Promise<void> => siteByCli(dataDir, language, [[CLERK, 'clerk']]);
}

for (const language of ['en', 'ar', 'fr'] as const satisfies readonly Language[]) {
  test.describe(`registration slip (${language})`, () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
      prepareDataDir: async ({}, use) => use(siteWithAClerk(language)),
    });

    test(`a clerk registers a person, prints the slip, saves it as PDF, and finds both on the record later (${language})`, async ({ page, host }) => {
      const s = strings(language);
      await page.goto(host.url);
      await signIn(page, language, CLERK);

      await page.keyboard.press('Alt+N');
      const chosenName = page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
      await expect(chosenName).toBeFocused();
      await chosenName.fill(NAMES[language]);
      await button(page, s.registration.submit).click();
      const registered = page.getByRole('group', { name: s.record.registeredLabel });
      await expect(registered).toContainText(REGISTRATION_NUMBER);
      const number = (await registered.textContent())?.match(REGISTRATION_NUMBER)?.[0] ?? '';

      // Right after registering, beside the new number: the slip's two actions.
      const slip = page.getByRole('region', { name: s.slip.actions, exact: true });
      await expect(slip.getByRole('button', { name: s.slip.print, exact: true })).toBeVisible();
      await expect(slip.getByRole('button', { name: s.slip.savePdf, exact: true })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      // Printing: the slip from main alone on paper, in its language and direction (the print
      // dialog itself is the browser's: here it only notes what it would print).
      await page.evaluate(() => {
        window.print = () => {
          const area = document.querySelector('.slip-print-area');
          document.body.dataset.printed = `${area?.getAttribute('lang') ?? ''}|${area?.getAttribute('dir') ?? ''}|${area?.textContent ?? ''}`;
          // The slip's own stylesheet applies (17pt titles), added though the window refuses inline styles.
          const title = area?.querySelector('h1');
          document.body.dataset.printedTitleSize = title ? getComputedStyle(title).fontSize : '';
        };
      });
      await slip.getByRole('button', { name: s.slip.print, exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: s.slip.printed })).toBeVisible();
      const printed = (await page.locator('body').getAttribute('data-printed')) ?? '';
      expect(printed.startsWith(`${language}|${language === 'ar' ? 'rtl' : 'ltr'}|`)).toBe(true);
      expect(printed).toContain(number);
      expect(printed).toContain(NAMES[language]);
      expect(printed).toContain(s.slip.title);
      expect(await page.locator('body').getAttribute('data-printed-title-size')).toMatch(/^22\.6\d*px$/);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await expect(page.locator('.slip-print-area')).toHaveCount(0);

      // The PDF, through the statistics exports' download.
      const pdf = await download(page, s.slip.savePdf);
      expect(pdf.fileName).toBe(`slip_${number}.pdf`);
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.bytes.toString('latin1')).not.toMatch(/HeadlessChrome|Skia\/PDF|\/Creator|\/Producer|\(D:\d{9,}/);
      await expect(page.getByRole('status').filter({ hasText: pdf.fileName })).toBeVisible();
      expect(pdfTextRuns(pdf.bytes).some((run) => run.includes(number)), `${number} in the PDF's text`).toBe(true);
      if (language === 'ar') {
        // Arabic glyphs from an Arabic font, mapped back to the Arabic letters of the slip's title.
        const { fontNames, characters } = pdfText(pdf.bytes);
        expect(fontNames.some((name) => /Arabic/.test(name)), fontNames.join()).toBe(true);
        const found = new Set([...characters].map((character) => character.normalize('NFKC')));
        const title = [...s.slip.title.normalize('NFKC')].filter((character) => /\p{L}/u.test(character));
        expect(title.filter((letter) => !found.has(letter))).toEqual([]);
      }
      await expect(page.getByRole('alert')).toHaveCount(0);

      // Any time later, on the person's record: the same two actions.
      await button(page, s.record.back).click();
      const recent = page.getByRole('listbox', { name: s.home.recentTitle });
      await expect(recent.getByRole('option')).toHaveCount(1);
      await recent.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAMES[language]);
      await expect(registered).toHaveCount(0);
      await expect(slip.getByRole('button', { name: s.slip.print, exact: true })).toBeVisible();
      await expect(slip.getByRole('button', { name: s.slip.savePdf, exact: true })).toBeVisible();
    });
  });
}
