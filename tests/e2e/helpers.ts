import type { Page } from '@playwright/test';
import type { Language } from '../../src/shared/languages';
import type { Role } from '../../src/shared/roles';
import { expect, strings } from './fixtures';

export const SUPERVISOR = { userName: 'amira.supervisor', password: 'quiet river lantern orchard 42' };
export const CLERK = { userName: 'bilal.clerk', password: 'amber window falcon meadow 17' };
export const PROTECTION = { userName: 'dana.protection', password: 'cedar lighthouse pebble violet 63' };

/** The recovery key as main prints it: 8 groups of 4 Crockford base-32 characters. */
export const RECOVERY_KEY_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/;

/** A translated message whose {{param}} may be any number. */
export function messagePattern(template: string, param: string): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${template.split(`{{${param}}}`).map(escape).join('\\d+')}$`);
}

/** The fixed parts of a translated sentence, around its {{placeholders}}. */
export function fixedParts(template: string): string[] {
  return template
    .split(/\{\{[^}]+\}\}/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export function field(page: Page, label: string) {
  return page.getByLabel(label, { exact: true });
}

export function button(page: Page, name: string) {
  return page.getByRole('button', { name, exact: true });
}

/**
 * First run: picks the language on the set-up screen (the device starts in English), creates the
 * supervisor, confirms the recovery key and arrives in the app. Returns the recovery key.
 */
export async function setUpSite(page: Page, url: string, language: Language): Promise<string> {
  const en = strings('en');
  const s = strings(language);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: en.setup.title })).toBeVisible();
  if (language !== 'en') await field(page, en.language.label).selectOption(language);
  await expect(page.getByRole('heading', { level: 1, name: s.setup.title })).toBeVisible();
  await expect(field(page, s.fields.userName)).toBeFocused();

  await field(page, s.fields.userName).fill(SUPERVISOR.userName);
  await field(page, s.fields.password).fill(SUPERVISOR.password);
  await field(page, s.fields.repeatPassword).fill(SUPERVISOR.password);
  await field(page, s.fields.repeatPassword).press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: s.recoveryKey.title })).toBeVisible();
  const recoveryKey = (await page.locator('.recovery-key-value').textContent()) ?? '';
  expect(recoveryKey).toMatch(RECOVERY_KEY_PATTERN);

  await page.getByLabel(s.recoveryKey.confirm).check();
  await button(page, s.recoveryKey.continue).click();
  await expect(page.getByRole('navigation', { name: s.shell.navLabel })).toBeVisible();
  return recoveryKey;
}

export async function signIn(page: Page, language: Language, account: { userName: string; password: string }): Promise<void> {
  const s = strings(language);
  await expect(page.getByRole('heading', { level: 1, name: s.signIn.title })).toBeVisible();
  await field(page, s.fields.userName).fill(account.userName);
  await field(page, s.fields.password).fill(account.password);
  await field(page, s.fields.password).press('Enter');
  await expect(page.getByRole('navigation', { name: s.shell.navLabel })).toBeVisible();
}

export async function signOut(page: Page, language: Language): Promise<void> {
  const s = strings(language);
  await page.getByRole('banner').getByRole('button', { name: s.shell.signOut, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.signIn.title })).toBeVisible();
}

/** A status about one account, as shown: the account named by its user name, isolated for right-to-left text. */
export function aboutAccount(text: string, userName: string): string {
  return text.replace('{{userName}}', `\u2068${userName}\u2069`);
}

/**
 * As a supervisor, on any screen: adds an account on the accounts screen. Its password is final
 * unless changeAtSignIn (the form's default, tried in accounts.spec): specs about other screens
 * sign in with it again and again.
 */
export async function createAccount(
  page: Page,
  language: Language,
  account: { userName: string; password: string },
  role: Role,
  { changeAtSignIn = false }: { changeAtSignIn?: boolean } = {},
): Promise<void> {
  const s = strings(language);
  await page.getByRole('navigation').getByRole('button', { name: s.shell.accounts, exact: true }).click();
  await field(page, s.fields.userName).fill(account.userName);
  await field(page, s.fields.role).selectOption(role);
  await page.getByRole('checkbox', { name: s.accounts.changeAtSignIn, exact: true }).setChecked(changeAtSignIn);
  await field(page, s.accounts.initialPassword).fill(account.password);
  await field(page, s.accounts.initialPassword).press('Enter');
  await expect(page.getByRole('status')).toHaveText(aboutAccount(s.accounts.created, account.userName));
}

/** Opens a section of the person form if it is closed (a registration opens its first questions only). */
export async function openFormSection(page: Page, label: string): Promise<void> {
  const section = page.locator('details.form-section').filter({ has: page.locator('summary').getByRole('heading', { name: label, exact: true }) });
  if (!(await section.evaluate((element) => (element as HTMLDetailsElement).open))) await section.locator('summary').click();
  await expect(section).toHaveAttribute('open', '');
}
