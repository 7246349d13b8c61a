import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Language } from '../../src/shared/languages';
import { expect, strings } from './fixtures';
import { button, openFormSection } from './helpers';

/** A person with something in every tier. Every tier-1 and tier-2 value is unique, so it can be looked for anywhere. */
export const PERSON = {
  chosenName: 'Layla Mansour',
  // Tier 1.
  phone: '+963 944 555 017',
  documentName: 'Khaled Mansour Haddadin',
  documentNumber: 'N0775312',
  // Tier 2.
  genderWords: 'femme in my own words',
  notes: 'Prefers an interpreter who is not from her home town',
} as const;

/** Tier-1 and tier-2 values of PERSON: none of them may reach the renderer on the restricted screen. */
export const HIDDEN_VALUES = [PERSON.phone, PERSON.documentName, PERSON.documentNumber, PERSON.genderWords, PERSON.notes] as const;

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

export function recordField(page: Page, key: string) {
  return page.locator(`.record-field[data-field="${key}"]`);
}

/** The switch in the header. */
export function restrictedToggle(page: Page, language: Language) {
  return page.getByRole('banner').getByRole('button', { name: strings(language).restricted.toggle });
}

/** The indicator under the header while the restricted screen is on. */
export function restrictedIndicator(page: Page, language: Language) {
  return page.getByRole('status').filter({ hasText: strings(language).restricted.on });
}

/**
 * Registers PERSON from the home screen, as a clerk or protection officer: phone and a passport
 * (tier 1); with the person's consent, gender identity in their words and notes (tier 2).
 * Ends on the new record.
 */
export async function registerPerson(page: Page, language: Language, person = PERSON): Promise<void> {
  const s = strings(language);
  await button(page, s.home.register).click();
  await page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill(person.chosenName);
  await page.getByRole('checkbox', { name: s.consent.purposes.register.label }).check();
  await page.getByRole('textbox', { name: s.person.fields.phone.label, exact: true }).fill(person.phone);
  await openFormSection(page, s.person.sections.documents);
  await button(page, s.person.document.add).click();
  const passport = page.getByRole('group', { name: s.person.document.legend.replace('{{number}}', '1'), exact: true });
  await passport.getByLabel(s.person.document.type).selectOption('passport');
  await passport.getByLabel(s.person.document.nameOnDocument).fill(person.documentName);
  await passport.getByLabel(s.person.document.number).fill(person.documentNumber);
  await page.locator('summary').filter({ has: page.getByRole('heading', { name: s.person.sections.gender, exact: true }) }).click();
  const genderIdentity = page.getByRole('group', { name: s.person.fields.genderIdentity.label, exact: true });
  // The box for the person's own words comes with that answer.
  await genderIdentity.getByRole('radio', { name: s.choices.answer['self-described'], exact: true }).check();
  await genderIdentity.getByRole('textbox').fill(person.genderWords);
  await page.locator('summary').filter({ has: page.getByRole('heading', { name: s.person.sections.notes, exact: true }) }).click();
  await page.getByRole('textbox', { name: s.person.fields.notes.label, exact: true }).fill(person.notes);
  await button(page, s.registration.submit).click();
  await expect(page.getByRole('group', { name: s.record.registeredLabel })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(person.chosenName);
}

/** Opens a person's record from the home screen's search. */
export async function openFromSearch(page: Page, language: Language, query: string, name: string): Promise<void> {
  const s = strings(language);
  await page.getByRole('navigation').getByRole('button', { name: s.shell.home, exact: true }).click();
  await page.getByRole('searchbox', { name: s.search.label }).fill(query);
  await page.getByRole('list', { name: s.search.results }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}
