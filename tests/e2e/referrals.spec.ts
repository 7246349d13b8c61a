import type { Language } from '../../src/shared/languages';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { download, pdfText, pdfTextRuns } from './downloads';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { button, field, openFormSection, PROTECTION, signIn, signOut, SUPERVISOR } from './helpers';
import { seriousViolations } from './restricted-helpers';
import { siteByCli } from './sites';

/**
 * A referral (issue 16): a protection officer refers a person to a provider of the directory,
 * sharing two fields chosen one by one; the provider's slip holds those and nothing else of the
 * person; the person's slip says where to go; the referral is closed; the supervisor finds each
 * step in the audit log.
 */
const NAMES: Record<Language, string> = { en: 'Samira Haddad', ar: 'سميرة حداد', fr: 'Samira Haddad' };
const PHONE = '+962 79 555 0147';
// Recorded, never chosen: found on no slip.
const ADDRESS = 'Flat 7 Quincewood Terrace';
const PROVIDER = { name_en: 'Cedar Clinic', name_ar: 'عيادة الأرز', name_fr: 'Clinique du Cèdre', address: '12 Olive Street', hours: 'Sun-Thu 9-15' };
const REFERRAL_NUMBER = /REG-R-\d{6}/;

/** One provider in the site's directory (provider-row.ts), as its supervisor. */
function providerRow(dataDir: string, row: Record<string, string>): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/provider-row.ts', dataDir, SUPERVISOR.userName, JSON.stringify(row)], {
      cwd: resolve(import.meta.dirname, '../..'),
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`provider-row.ts exited with ${code}: ${stderr}`))));
    child.stdin.end(`${SUPERVISOR.password}\n`);
  });
}

function siteWithAProvider(language: Language) {
  return async (dataDir: string): Promise<void> => {
    await siteByCli(dataDir, language, [[PROTECTION, 'protection']]);
    const row = { ...PROVIDER, organisation_type: 'lgbtiq-led', services: '["health","legal-aid"]', safe_for: '["lgbtiq","trans"]', languages: JSON.stringify([language]), contact: '+962 6 555 0100' };
    await providerRow(dataDir, row);
  };
}

for (const language of LANGUAGES_UNDER_TEST) {
  test.describe(`referrals (${language})`, () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
      prepareDataDir: async ({}, use) => use(siteWithAProvider(language)),
    });

    test(`a protection officer refers a person sharing two fields, prints both slips, closes it; the audit log has each step (${language})`, async ({ page, host }) => {
      test.setTimeout(120_000);
      const s = strings(language);
      await page.goto(host.url);
      await signIn(page, language, PROTECTION);

      await page.keyboard.press('Alt+N');
      await page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill(NAMES[language]);
      await field(page, s.person.fields.phone.label).fill(PHONE);
      await openFormSection(page, s.person.sections.contact);
      await field(page, s.person.fields.address.label).fill(ADDRESS);
      await button(page, s.registration.submit).click();
      await expect(page.getByRole('group', { name: s.record.registeredLabel })).toBeVisible();

      const panel = page.getByRole('region', { name: s.referrals.title, exact: true });
      await panel.getByRole('button', { name: s.referrals.refer, exact: true }).click();
      await panel.getByRole('checkbox', { name: s.referrals.service.health, exact: true }).check();
      const provider = panel.getByRole('radio', { name: PROVIDER[`name_${language}`], exact: true });
      await expect(provider).toBeVisible();
      await expect(panel).toContainText(s.referrals.safeFor.trans);
      await expect(panel).toContainText(s.referrals.organisationType['lgbtiq-led']);
      await provider.check();
      // Nothing is ticked for the person: the suggested fields are marked, not chosen.
      const nameBox = panel.getByRole('checkbox', { name: new RegExp(`^${s.person.fields.chosenName.label}`) });
      const phoneBox = panel.getByRole('checkbox', { name: new RegExp(`^${s.person.fields.phone.label}`) });
      const addressBox = panel.getByRole('checkbox', { name: new RegExp(`^${s.person.fields.address.label}`) });
      for (const box of [nameBox, phoneBox, addressBox]) await expect(box).not.toBeChecked();
      await nameBox.check();
      await phoneBox.check();
      await panel.getByRole('checkbox', { name: s.referrals.referralConsent, exact: true }).check();
      await field(page, s.referrals.reasonLabel).fill('Zanzibarine words');
      expect(await seriousViolations(page), 'refer form').toEqual([]);
      await button(page, s.referrals.submit).click();

      const item = panel.getByRole('listitem').filter({ hasText: REFERRAL_NUMBER });
      await expect(item).toBeVisible();
      const number = (await item.textContent())?.match(REFERRAL_NUMBER)?.[0] ?? '';
      await expect(item).toContainText(s.referrals.status.sent);

      // The provider's slip printed: its language, the two fields, nothing else of the person.
      await page.evaluate(() => {
        window.print = () => {
          const area = document.querySelector('.slip-print-area');
          document.body.dataset.printed = `${area?.getAttribute('lang') ?? ''}|${area?.textContent ?? ''}`;
        };
      });
      await item.getByRole('button', { name: s.referrals.providerSlipPrint, exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: s.referrals.slipPrinted })).toBeVisible();
      const printed = (await page.locator('body').getAttribute('data-printed')) ?? '';
      expect(printed.startsWith(`${language}|`)).toBe(true);
      expect(printed).toContain(number);
      expect(printed).toContain(NAMES[language]);
      expect(printed).toContain(PHONE);
      expect(printed).not.toContain(ADDRESS);
      expect(printed).not.toContain('Zanzibarine');
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

      // The provider's slip as PDF, Arabic shaped and mapped back.
      const pdf = await download(page, s.referrals.providerSlipPdf);
      expect(pdf.fileName).toBe(`referral_${number}_provider.pdf`);
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfTextRuns(pdf.bytes).some((run) => run.includes(number)), `${number} in the PDF's text`).toBe(true);
      expect(pdfTextRuns(pdf.bytes).some((run) => run.includes('Quincewood'))).toBe(false);
      if (language === 'ar') {
        const { fontNames, characters } = pdfText(pdf.bytes);
        expect(fontNames.some((name) => /Arabic/.test(name)), fontNames.join()).toBe(true);
        const found = new Set([...characters].map((character) => character.normalize('NFKC')));
        const title = [...s.referrals.slip.providerTitle.normalize('NFKC')].filter((character) => /\p{L}/u.test(character));
        expect(title.filter((letter) => !found.has(letter))).toEqual([]);
      }

      // The person's slip: where to go, the number, nothing about them.
      const personPdf = await download(page, s.referrals.personSlipPdf);
      expect(personPdf.fileName).toBe(`referral_${number}_person.pdf`);
      const personRuns = pdfTextRuns(personPdf.bytes);
      expect(personRuns.some((run) => run.includes(number))).toBe(true);
      expect(personRuns.some((run) => run.includes(PHONE) || run.includes('Quincewood'))).toBe(false);

      // Closed.
      await item.getByRole('combobox', { name: s.referrals.newStatus, exact: true }).selectOption('closed');
      await item.getByRole('button', { name: s.referrals.saveStatus, exact: true }).click();
      await expect(panel.getByRole('listitem').filter({ hasText: number })).toContainText(s.referrals.status.closed);
      await expect(page.getByRole('alert')).toHaveCount(0);

      // The person withdraws their referral consent: the referral shows no shared data again.
      const consents = page.getByRole('region', { name: s.consents.title, exact: true });
      // Given by the referral's form: the record's consents were read again, so the purpose offers Withdraw.
      const referralConsent = consents.getByRole('button', { name: s.consent.purposes.referral.label });
      await expect(referralConsent).toContainText(s.consents.withdraw);
      await referralConsent.click();
      await button(page, s.consents.confirmWithdraw).click();
      const withdrawn = panel.getByRole('listitem').filter({ hasText: number });
      await expect(withdrawn).toContainText(s.referrals.consentWithdrawn);
      await expect(withdrawn.getByRole('button', { name: s.referrals.providerSlipPrint, exact: true })).toHaveCount(0);
      await expect(withdrawn.getByRole('button', { name: s.referrals.personSlipPrint, exact: true })).toBeVisible();
      expect(await seriousViolations(page), 'record with referrals').toEqual([]);

      // The supervisor's audit log: the referral, its three slips and its status change.
      await signOut(page, language);
      await signIn(page, language, SUPERVISOR);
      await page.getByRole('navigation').getByRole('button', { name: s.shell.audit, exact: true }).click();
      const rows = page.getByRole('table').locator('tbody tr');
      for (const [action, count] of [
        ['referral-create', 1],
        ['referral-slip', 3],
        ['referral-status', 1],
      ] as const) {
        await page.getByRole('combobox', { name: s.audit.action }).selectOption(action);
        await button(page, s.audit.apply).click();
        await expect(rows).toHaveCount(count);
        await expect(rows.first()).toContainText(number);
      }
      await expect(page.getByRole('main')).not.toContainText(PHONE);
      expect(await seriousViolations(page), 'audit screen').toEqual([]);
    });
  });
}
