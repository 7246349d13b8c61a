import type { Language } from '../../src/shared/languages';
import { download, pdfText, pdfTextRuns } from './downloads';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { button, fixedParts, signIn, SUPERVISOR } from './helpers';
import { seriousViolations } from './restricted-helpers';
import { siteByCli } from './sites';

/**
 * The service directory (issue 16): a supervisor adds an entry through the screen; it is listed
 * with its "safe for" marks and flagged stale in words (never checked); the leaflet of services is
 * printed and saved as PDF in the interface language (Arabic shaped and mapped back), with nothing
 * of the focal point or the note; the addition and the leaflet are in the audit log.
 */
const NAMES: Record<Language, string> = { en: 'Rainbow Legal Clinic', ar: 'العيادة القانونية', fr: 'Clinique juridique' };
const FOCAL_POINT = 'Dana Haddad';
const NOTE = 'Ask for the legal team only';

for (const language of LANGUAGES_UNDER_TEST) {
  test.describe(`service directory (${language})`, () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
      prepareDataDir: async ({}, use) => use((dataDir: string) => siteByCli(dataDir, language, [])),
    });

    test(`a supervisor adds an entry, sees its marks, and prints the leaflet (${language})`, async ({ page, host }) => {
      test.setTimeout(120_000);
      const s = strings(language);
      const d = s.referrals.directory;
      await page.goto(host.url);
      await signIn(page, language, SUPERVISOR);

      await page.getByRole('navigation').getByRole('button', { name: s.shell.directory, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: d.title })).toBeVisible();
      await expect(page.getByText(d.empty, { exact: true })).toBeVisible();
      expect(await seriousViolations(page), 'empty directory').toEqual([]);

      await button(page, d.add).click();
      const form = page.getByRole('form', { name: d.addTitle });
      await form.getByLabel(language === 'ar' ? d.nameAr : d.nameEn, { exact: true }).fill(NAMES[language]);
      await form.getByLabel(d.organisationType, { exact: true }).selectOption('lgbtiq-led');
      await form.getByRole('checkbox', { name: s.referrals.service['legal-aid'], exact: true }).check();
      await form.getByRole('checkbox', { name: s.referrals.service['legal-help-after-arrest'], exact: true }).check();
      await form.getByRole('checkbox', { name: s.referrals.safeFor.lgbtiq, exact: true }).check();
      await form.getByRole('checkbox', { name: s.referrals.safeFor.trans, exact: true }).check();
      await form.getByLabel(d.area, { exact: true }).fill('North district');
      await form.getByLabel(d.address, { exact: true }).fill('12 Harbour Street');
      await form.getByLabel(d.hours, { exact: true }).fill('Mon–Fri 9:00–17:00');
      await form.getByLabel(d.focalPoint, { exact: true }).fill(FOCAL_POINT);
      await form.getByLabel(d.note, { exact: true }).fill(NOTE);
      expect(await seriousViolations(page), 'entry form').toEqual([]);
      await button(page, d.save).click();
      await expect(page.getByRole('status').filter({ hasText: d.added })).toBeVisible();

      // Listed with its services and "safe for" marks, and stale in words: it was never checked.
      const row = page.getByRole('row').filter({ hasText: NAMES[language] });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(s.referrals.service['legal-aid']);
      await expect(row).toContainText(s.referrals.safeFor.lgbtiq);
      await expect(row).toContainText(s.referrals.safeFor.trans);
      await expect(row).toContainText(d.neverChecked);
      await expect(row).not.toContainText(NOTE);
      await page.getByRole('combobox', { name: d.safeFor, exact: true }).selectOption('children');
      await expect(page.getByText(d.empty, { exact: true })).toBeVisible();
      await page.getByRole('combobox', { name: d.safeFor, exact: true }).selectOption('trans');
      await expect(row).toHaveCount(1);
      expect(await seriousViolations(page), 'directory with an entry').toEqual([]);

      // Printed: the leaflet from main alone on paper, in the interface language and direction.
      const leaflet = page.getByRole('region', { name: s.referrals.leaflet.actions, exact: true });
      await page.evaluate(() => {
        window.print = () => {
          const area = document.querySelector('.slip-print-area');
          document.body.dataset.printed = `${area?.getAttribute('lang') ?? ''}|${area?.getAttribute('dir') ?? ''}|${area?.textContent ?? ''}`;
        };
      });
      await leaflet.getByRole('button', { name: s.referrals.leaflet.print, exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: s.referrals.leaflet.printed })).toBeVisible();
      const printed = (await page.locator('body').getAttribute('data-printed')) ?? '';
      expect(printed.startsWith(`${language}|${language === 'ar' ? 'rtl' : 'ltr'}|`)).toBe(true);
      expect(printed).toContain(NAMES[language]);
      expect(printed).toContain(s.referrals.leaflet.title);
      // A leaflet found on someone must not say what they may need: a sensitive service is never named.
      expect(printed).toContain(s.referrals.service['legal-aid']);
      expect(printed).not.toContain(s.referrals.service['legal-help-after-arrest']);
      expect(printed).not.toContain(FOCAL_POINT);
      expect(printed).not.toContain(NOTE);
      expect(printed).not.toContain(s.referrals.safeFor.trans);
      expect(printed).not.toContain(s.referrals.organisationType['lgbtiq-led']);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await expect(page.locator('.slip-print-area')).toHaveCount(0);

      // Saved as PDF: the same page, with Arabic shaped from an Arabic font and mapped back.
      const pdf = await download(page, s.referrals.leaflet.savePdf);
      expect(pdf.fileName).toMatch(new RegExp(`^services_${language}_\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await expect(page.getByRole('status').filter({ hasText: pdf.fileName })).toBeVisible();
      const { fontNames, characters } = pdfText(pdf.bytes);
      const found = new Set([...characters].map((character) => character.normalize('NFKC')));
      if (language === 'ar') {
        expect(fontNames.some((name) => /Arabic/.test(name)), fontNames.join()).toBe(true);
        const title = [...s.referrals.leaflet.title.normalize('NFKC')].filter((character) => /\p{L}/u.test(character));
        expect(title.filter((letter) => !found.has(letter))).toEqual([]);
        const name = [...NAMES.ar.normalize('NFKC')].filter((character) => /\p{L}/u.test(character));
        expect(name.filter((letter) => !found.has(letter))).toEqual([]);
      } else {
        expect(pdfTextRuns(pdf.bytes).join(' ')).toContain('Rainbow');
      }
      await expect(page.getByRole('alert')).toHaveCount(0);

      // Changed, then retired after a confirm: kept, shown again only with the retired entries.
      await button(page, d.editNamed.replace('{{name}}', NAMES[language])).click();
      const editing = page.getByRole('form', { name: d.editTitle.replace('{{name}}', NAMES[language]) });
      await editing.getByLabel(d.hours, { exact: true }).fill('Sat 10:00–12:00');
      await button(page, d.save).click();
      await expect(page.getByRole('status').filter({ hasText: d.saved })).toBeVisible();
      await expect(row).toContainText('Sat 10:00–12:00');
      await button(page, d.retireNamed.replace('{{name}}', NAMES[language])).click();
      const dialog = page.getByRole('dialog', { name: d.retire });
      await expect(dialog).toContainText(NAMES[language]);
      expect(await seriousViolations(page), 'retire dialog').toEqual([]);
      await dialog.getByRole('button', { name: d.retireYes, exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: d.retiredDone })).toBeVisible();
      await expect(page.getByText(d.empty, { exact: true })).toBeVisible();
      await page.getByRole('checkbox', { name: d.includeRetired, exact: true }).check();
      await expect(row).toContainText(fixedParts(d.retired)[0] ?? '');

      // The audit log: each change and the leaflets, without the entry's values.
      await page.getByRole('navigation').getByRole('button', { name: s.shell.audit, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.audit.title })).toBeVisible();
      for (const action of ['provider-add', 'provider-change', 'provider-retire', 'leaflet-print'] as const) {
        await page.getByRole('combobox', { name: s.audit.action }).selectOption(action);
        await button(page, s.audit.apply).click();
        const entries = page.locator('.audit-table tbody tr');
        await expect(entries.first()).toContainText(s.audit.actions[action]);
        await expect(page.locator('.audit-table')).not.toContainText(NAMES[language]);
        await expect(page.locator('.audit-table')).not.toContainText(FOCAL_POINT);
      }
    });
  });
}
