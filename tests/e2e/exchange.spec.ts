import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Language } from '../../src/shared/languages';
import { runCli, type CliRun } from './cli';
import { expect, LANGUAGES_UNDER_TEST, startHost, strings, test } from './fixtures';
import { button, createAccount, field, PROTECTION, setUpSite, signIn, signOut, SUPERVISOR } from './helpers';
import { openFromSearch, PERSON, recordField, registerPerson, restrictedIndicator, restrictedToggle, seriousViolations } from './restricted-helpers';

const PASSPHRASE = 'copper kites over the harbour wall';
/** Registered at desk 2 with the admin CLI, once desk 2 has joined from its set-up screen. */
const DESK_2_PERSON = 'Yousef Karimi';
const PHONE_AT_DESK_1 = '+963 944 000 101';
const PHONE_AT_DESK_2 = '+963 944 000 202';
/** The chosen name each desk gives the person before they exchange again: a change that waits for a decision. */
const NAME_AT_DESK_1 = `${PERSON.chosenName} Nour`;
const NAME_AT_DESK_2 = `${PERSON.chosenName} Farah`;

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The number a translated count line ("Changes … : {{number}}") says, read from the page. */
async function countIn(page: Page, template: string): Promise<number> {
  const [before = '', after = ''] = template.split('{{number}}');
  const line = page.getByRole('status').getByRole('listitem').filter({ hasText: before.trim() });
  const text = (await line.textContent()) ?? '';
  const match = new RegExp(`${escape(before)}(\\d+)${escape(after)}`).exec(text);
  if (!match?.[1]) throw new Error(`no count in ${JSON.stringify(text)}`);
  return Number(match[1]);
}

interface ExchangeJson {
  written: number;
  applied: number;
  refused: number;
  conflicts: number;
}

/** `intake exchange` at desk 2, as the protection officer, through the shared folder. */
async function exchangeAtDesk2(dataDir: string, folder: string): Promise<ExchangeJson> {
  const run: CliRun = await runCli(['exchange', '--data-dir', dataDir, '--user', PROTECTION.userName, '--password-stdin', '--folder', folder, '--json'], [
    PROTECTION.password,
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ExchangeJson;
}

async function exchangeInWindow(page: Page, language: Language, folder: string): Promise<void> {
  const s = strings(language);
  await page.getByRole('navigation').getByRole('button', { name: s.shell.exchange, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.exchange.title })).toBeVisible();
  await field(page, s.exchange.folder).fill(folder);
  await button(page, s.exchange.run).click();
  await expect(page.getByRole('status').getByRole('heading', { name: s.exchange.result.title })).toBeVisible();
}

/** Gives the person another phone number and another chosen name at one desk. */
async function editPhoneAndName(page: Page, language: Language, phone: string, chosenName: string): Promise<void> {
  const s = strings(language);
  await openFromSearch(page, language, PERSON.chosenName, PERSON.chosenName);
  await button(page, s.record.edit).click();
  await page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill(chosenName);
  const box = page.getByRole('textbox', { name: s.person.fields.phone.label, exact: true });
  await box.fill(phone);
  await box.press('Enter');
  await expect(page.getByText(s.record.saved)).toBeVisible();
  await expect(recordField(page, 'phone')).toContainText(phone);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(chosenName);
}

for (const language of LANGUAGES_UNDER_TEST) {
  const s = strings(language);

  test(`two desks exchange through a folder: each finds the other's people, a field changed at both is settled, a chosen name waits for a decision (${language})`, async ({
    page,
    host,
    browser,
  }) => {
    test.setTimeout(420_000);
    const stick = await mkdtemp(join(tmpdir(), 'intake-e2e-stick-'));
    const desk2 = await mkdtemp(join(tmpdir(), 'intake-e2e-desk-'));
    const folder = join(stick, 'exchange');
    await mkdir(folder);
    const desk2Data = join(desk2, 'data');
    try {
      // Desk 1: the site, a protection officer, and desk 2 enrolled (the account is carried to it).
      await setUpSite(page, host.url, language);
      await createAccount(page, language, PROTECTION, 'protection');
      await page.getByRole('navigation').getByRole('button', { name: s.shell.settings, exact: true }).click();
      const enrolment = join(stick, 'desk-2.enrolment');
      await field(page, s.desks.file).fill(enrolment);
      await field(page, s.desks.passphrase).fill(PASSPHRASE);
      await button(page, s.desks.enrol).click();
      const desks = page.getByRole('region', { name: s.desks.title });
      await expect(desks.getByRole('status').filter({ hasText: fill(s.desks.enrolledDone, { number: 2 }) })).toBeVisible();
      // Nothing received from desk 2 yet.
      await expect(desks.getByRole('row', { name: fill(s.desks.desk, { number: 2 }) })).toContainText(s.desks.noBundle);

      // Desk 2 joins from the set-up screen of its own window (the path typed: the web host has no
      // file picker), then registers a person there (admin CLI import).
      const joiningHost = await startHost(desk2Data);
      const joiningContext = await browser.newContext();
      try {
        const joining = await joiningContext.newPage();
        await joining.goto(joiningHost.url);
        const en = strings('en');
        await expect(joining.getByRole('heading', { level: 1, name: en.setup.title })).toBeVisible();
        if (language !== 'en') await field(joining, en.language.label).selectOption(language);
        await button(joining, s.join.open).click();
        await expect(joining.getByRole('heading', { level: 1, name: s.join.title })).toBeVisible();
        await expect(field(joining, s.join.file)).toBeFocused();
        await expect(button(joining, s.join.chooseFile)).toHaveCount(0);
        await field(joining, s.join.file).fill(enrolment);
        await field(joining, s.join.passphrase).fill(PASSPHRASE);
        await button(joining, s.join.submit).click();
        await expect(joining.getByRole('status')).toHaveText(fill(s.join.done, { number: 2 }));
        expect(await seriousViolations(joining), 'desk joined').toEqual([]);
        await button(joining, s.join.continue).click();
        await expect(joining.getByRole('heading', { level: 1, name: s.signIn.title })).toBeVisible();
      } finally {
        await joiningContext.close();
        await joiningHost.stop();
      }
      const csv = join(stick, 'people.csv');
      await writeFile(csv, `chosenName\n${DESK_2_PERSON}\n`);
      const imported = await runCli(['import', '--data-dir', desk2Data, '--user', PROTECTION.userName, '--password-stdin', '--file', csv], [PROTECTION.password]);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      await rm(csv);

      // Desk 1: the protection officer registers a person; home says this desk never exchanged.
      await signOut(page, language);
      await signIn(page, language, PROTECTION);
      await expect(page.getByText(s.exchange.never, { exact: true })).toBeVisible();
      await registerPerson(page, language);

      // Desk 2 exchanges first: its bundle waits in the folder.
      const first = await exchangeAtDesk2(desk2Data, folder);
      expect(first.written).toBeGreaterThan(0);
      expect(first.applied).toBe(0);

      // Desk 1 exchanges in the window: desk 2's person comes in, desk 1's bundle goes out.
      await exchangeInWindow(page, language, folder);
      expect(await countIn(page, s.exchange.result.applied)).toBeGreaterThan(0);
      expect(await countIn(page, s.exchange.result.written)).toBeGreaterThan(0);
      expect(await countIn(page, s.exchange.result.conflicts)).toBe(0);
      await expect(page.getByRole('alert')).toHaveCount(0);
      const bundles = page.getByRole('region', { name: s.exchange.desks.title });
      await expect(bundles.getByRole('row', { name: fill(s.desks.desk, { number: 2 }) })).not.toContainText(s.exchange.desks.none);
      await expect(page.getByRole('region', { name: s.exchange.conflicts.title })).toContainText(s.exchange.conflicts.empty);
      expect(await seriousViolations(page), 'exchange screen').toEqual([]);

      await page.getByRole('navigation').getByRole('button', { name: s.shell.home, exact: true }).click();
      await expect(page.getByText(s.exchange.never, { exact: true })).toHaveCount(0);
      await expect(page.getByText(new RegExp(`^${escape(s.exchange.last.split('{{date}}')[0]!)}`))).toBeVisible();
      await page.getByRole('searchbox', { name: s.search.label }).fill(DESK_2_PERSON);
      await expect(page.getByRole('list', { name: s.search.results }).getByRole('button', { name: DESK_2_PERSON })).toBeVisible();

      // Desk 2 exchanges again: desk 1's person is found there.
      const second = await exchangeAtDesk2(desk2Data, folder);
      expect(second.applied).toBeGreaterThan(0);
      const found = await runCli(['search', '--data-dir', desk2Data, '--user', PROTECTION.userName, '--password-stdin', PERSON.chosenName], [PROTECTION.password]);
      expect(found.code).toBe(0);
      expect(found.stdout).toContain(PERSON.chosenName);

      // The same fields of the same person changed at both desks before they exchange again.
      await editPhoneAndName(page, language, PHONE_AT_DESK_1, NAME_AT_DESK_1);
      const desk2Host = await startHost(desk2Data);
      const context = await browser.newContext();
      try {
        const page2 = await context.newPage();
        await page2.goto(desk2Host.url);
        // Desk 2 keeps the language chosen on its set-up screen.
        await expect(page2.getByRole('heading', { level: 1, name: s.signIn.title })).toBeVisible();
        await signIn(page2, language, PROTECTION);
        await editPhoneAndName(page2, language, PHONE_AT_DESK_2, NAME_AT_DESK_2);
      } finally {
        await context.close();
        await desk2Host.stop();
      }
      const third = await exchangeAtDesk2(desk2Data, folder);
      expect(third.written).toBeGreaterThan(0);

      // Desk 1 finds the conflicts, lists them with both values, and takes the other phone number.
      await exchangeInWindow(page, language, folder);
      expect(await countIn(page, s.exchange.result.conflicts)).toBe(2);
      const conflicts = page.getByRole('region', { name: s.exchange.conflicts.title });
      const row = conflicts.getByRole('row', { name: s.person.fields.phone.label });
      await expect(row).toContainText(PHONE_AT_DESK_1);
      await expect(row).toContainText(PHONE_AT_DESK_2);
      await expect(row.getByRole('button', { name: new RegExp(`^${escape(s.exchange.conflicts.openRecord.split('{{number}}')[0]!)}REG-\\d+$`) })).toBeVisible();
      expect(await seriousViolations(page), 'exchange screen with a conflict').toEqual([]);
      // On the restricted screen the values do not reach the window, and the conflict cannot be settled.
      await restrictedToggle(page, language).click();
      await expect(restrictedIndicator(page, language)).toBeVisible();
      await expect(row).toContainText(s.history.restricted);
      await expect(page.getByRole('main')).not.toContainText(PHONE_AT_DESK_1);
      await expect(page.getByRole('main')).not.toContainText(PHONE_AT_DESK_2);
      await expect(row.getByRole('button', { name: s.exchange.conflicts.keep, exact: true })).toHaveCount(0);
      await expect(row.getByRole('button', { name: s.exchange.conflicts.useOther, exact: true })).toHaveCount(0);
      await restrictedToggle(page, language).click();
      await expect(restrictedIndicator(page, language)).toHaveCount(0);
      await expect(row).toContainText(PHONE_AT_DESK_1);
      const kept = ((await row.getByRole('cell').nth(1).textContent()) ?? '').trim();
      const other = kept.includes(PHONE_AT_DESK_1) ? PHONE_AT_DESK_2 : PHONE_AT_DESK_1;
      await row.getByRole('button', { name: s.exchange.conflicts.useOther, exact: true }).click();
      await expect(conflicts.getByRole('status')).toHaveText(s.exchange.conflicts.settled);
      await expect(conflicts.getByRole('heading', { name: s.exchange.conflicts.title })).toBeFocused();
      await expect(row).toHaveCount(0);

      // The chosen name waits for a decision: marked in the list, said on the record and at home.
      const nameRow = conflicts.getByRole('row', { name: new RegExp(escape(s.person.fields.chosenName.label)) });
      await expect(nameRow).toContainText(s.exchange.conflicts.awaitsDecision);
      await expect(page.getByText(fill(s.exchange.awaitingDecision, { number: 1 }))).toBeVisible();
      const keptName = ((await nameRow.getByRole('cell').nth(1).textContent()) ?? '').includes(NAME_AT_DESK_1) ? NAME_AT_DESK_1 : NAME_AT_DESK_2;
      await nameRow.getByRole('button', { name: new RegExp(`^${escape(s.exchange.conflicts.openRecord.split('{{number}}')[0]!)}`) }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(keptName);
      const notice = page.getByRole('region', { name: s.record.decisionAwaited.title });
      await expect(notice).toContainText(s.record.decisionAwaited.chosenName);
      await expect(recordField(page, 'phone')).toContainText(other);
      expect(await seriousViolations(page), 'record waiting for a decision').toEqual([]);
      // The protection officer decides: the name the rule kept stays, and the record no longer waits.
      await notice.getByRole('button', { name: s.record.decisionAwaited.decide }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.exchange.title })).toBeVisible();
      await nameRow.getByRole('button', { name: s.exchange.conflicts.keep, exact: true }).click();
      await expect(conflicts.getByRole('status')).toHaveText(s.exchange.conflicts.settled);
      await expect(conflicts).toContainText(s.exchange.conflicts.empty);
      await openFromSearch(page, language, PERSON.chosenName, keptName);
      await expect(page.getByRole('region', { name: s.record.decisionAwaited.title })).toHaveCount(0);

      // A file in the folder named like a bundle that is not one: refused, said in the user's words.
      const bundleNames = (await readdir(folder)).filter((name) => name.endsWith('.bundle'));
      expect(bundleNames.length).toBe(2);
      await writeFile(join(folder, 'intake-bundle-01900000-0000-7000-8000-000000000000-9.bundle'), 'not a bundle');
      await exchangeInWindow(page, language, folder);
      await expect(page.getByRole('alert')).toContainText(s.errors.bundle_not_a_bundle);
      expect(await seriousViolations(page), 'exchange screen with a refusal').toEqual([]);

      // Site settings → Desks: when desk 1 last received a bundle from desk 2.
      await signOut(page, language);
      await signIn(page, language, SUPERVISOR);
      await page.getByRole('navigation').getByRole('button', { name: s.shell.settings, exact: true }).click();
      const desk2Row = page.getByRole('region', { name: s.desks.title }).getByRole('row', { name: fill(s.desks.desk, { number: 2 }) });
      await expect(desk2Row.getByRole('cell').nth(2)).not.toBeEmpty();
      await expect(desk2Row).not.toContainText(s.desks.noBundle);
      // Supervisors reach the Exchange screen too.
      await page.getByRole('navigation').getByRole('button', { name: s.shell.exchange, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.exchange.title })).toBeVisible();
      await expect(page.getByText(new RegExp(`^${escape(s.exchange.last.split('{{date}}')[0]!)}`))).toBeVisible();
      await expect(page.getByRole('region', { name: s.exchange.conflicts.title })).toContainText(s.exchange.conflicts.empty);
      expect(await seriousViolations(page), 'exchange screen, supervisor').toEqual([]);
    } finally {
      await rm(stick, { recursive: true, force: true });
      await rm(desk2, { recursive: true, force: true });
    }
  });
}
