import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { LANGUAGES } from '../../src/shared/languages';
import { expect, strings, test } from './fixtures';
import { button, CLERK, createAccount, openFormSection, setUpSite, signIn, signOut } from './helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** A spoken variety the language list does not hold, as a person might name it to a clerk of each language. */
const OWN_WORDS: Record<(typeof LANGUAGES)[number], string> = {
  en: 'Kurmanji of Afrin',
  ar: 'كرمانجية عفرين',
  fr: 'kurmandji d’Afrin',
};

// Countries and languages picked by name, by keyboard alone, in every interface language (issue 15).
// What the list does not hold goes in the person's own words, marked as such.

for (const language of LANGUAGES) {
  test(`a clerk picks a country and languages by name from the keyboard (${language})`, async ({ page, host }) => {
    const s = strings(language);
    const countryName = (code: string): string => new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
    const languageName = (code: string): string => new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
    const combobox = (label: string) => page.getByRole('combobox', { name: label, exact: true });
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);
    await page.keyboard.press('Alt+N');
    await expect(page.getByRole('heading', { level: 1, name: s.registration.title })).toBeVisible();
    await page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill('Layla Nasser');
    await page.getByRole('checkbox', { name: s.consent.purposes.register.label }).check();

    // The country of origin: part of its name in the interface language, then ArrowDown and Enter.
    const syria = countryName('SY');
    await openFormSection(page, s.person.sections.origin);
    const origin = combobox(s.person.fields.countryOfOrigin.label);
    await origin.click();
    await page.keyboard.type(syria.slice(0, 4));
    const originList = page.getByRole('listbox', { name: s.person.fields.countryOfOrigin.label });
    await expect(originList).toBeVisible();
    await expect(origin).toHaveAttribute('aria-expanded', 'true');
    await expect(originList.getByRole('option').first()).toContainText(syria);
    if (language === 'ar') {
      // Right to left: the list opens under the box, aligned with its start (the right edge).
      const box = await origin.boundingBox();
      const list = await originList.boundingBox();
      expect(box && list && list.y >= box.y + box.height - 1).toBe(true);
      expect(box && list && Math.abs(list.x + list.width - (box.x + box.width)) < 2).toBe(true);
    }
    expect(await seriousViolations(page), 'country picker open').toEqual([]);
    await page.keyboard.press('ArrowDown');
    await expect(originList.getByRole('option', { selected: true })).toContainText(syria);
    await page.keyboard.press('Enter');
    await expect(origin).toHaveValue(syria);
    await expect(originList).toBeHidden();

    // The same country found by its name in another interface language, or by its code.
    const nationalities = combobox(s.person.fields.nationalities.label);
    const nationalityList = page.getByRole('listbox', { name: s.person.fields.nationalities.label });
    await nationalities.click();
    for (const [typed, code] of [[language === 'en' ? 'Syrie' : 'Syria', 'SY'], ['iq', 'IQ']] as const) {
      await page.keyboard.type(typed);
      await expect(nationalities).toHaveValue(typed);
      await expect(nationalityList.getByRole('option').first()).toContainText(countryName(code));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(nationalities).toHaveValue('');
    }
    const chosenCountries = page.getByRole('list', { name: s.person.picker.chosen.region });
    await expect(chosenCountries.getByRole('listitem')).toHaveCount(2);
    await expect(chosenCountries).toContainText(syria);
    await expect(chosenCountries).toContainText(countryName('IQ'));

    // Two languages, one removed again by keyboard.
    const spoken = combobox(s.person.fields.languages.label);
    await spoken.click();
    for (const code of ['ar', 'ku']) {
      await page.keyboard.type(languageName(code).slice(0, 4));
      await expect(page.getByRole('listbox', { name: s.person.fields.languages.label }).getByRole('option').first()).toContainText(languageName(code));
      // ArrowDown until the name is highlighted. Once in CI (two workers), one ArrowDown right after
      // the list showed the name left nothing highlighted, over a list of that one name: not
      // reproduced since, and not explained; the arrow keys still have to reach the name.
      await expect(async () => {
        await page.keyboard.press('ArrowDown');
        await expect(page.getByRole('listbox', { name: s.person.fields.languages.label }).getByRole('option', { selected: true })).toContainText(languageName(code), { timeout: 1_000 });
      }).toPass({ timeout: 10_000 });
      await page.keyboard.press('Enter');
    }
    await expect(spoken).toHaveValue('');
    const chosenLanguages = page.getByRole('list', { name: s.person.picker.chosen.language });
    await expect(chosenLanguages.getByRole('listitem')).toHaveCount(2);
    expect(await seriousViolations(page), 'language picker with chips').toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    const removeKurdish = page.getByRole('button', { name: s.person.picker.remove.replace('{{name}}', languageName('ku')), exact: true });
    await expect(removeKurdish).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(chosenLanguages.getByRole('listitem')).toHaveCount(1);
    await expect(chosenLanguages).toContainText(languageName('ar'));
    // The focus moves to the chip beside the one removed, as Downshift does.
    await expect(chosenLanguages.locator('.code-chip-name')).toBeFocused();

    // A variety the list does not hold, added in the person's own words by keyboard: offered when nothing listed matches.
    const ownWords = OWN_WORDS[language];
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(spoken).toBeFocused();
    await page.keyboard.type(ownWords);
    const spokenList = page.getByRole('listbox', { name: s.person.fields.languages.label });
    const addOwnWords = s.person.picker.ownWords.add.split('{{text}}');
    await expect(spokenList.getByRole('option')).toHaveCount(1);
    await expect(spokenList.getByRole('option')).toContainText(ownWords);
    await expect(spokenList.getByRole('option')).toContainText(addOwnWords[0]!.trim());
    await expect(page.getByRole('status').filter({ hasText: s.person.picker.ownWords.noMatch })).toBeVisible();
    expect(await seriousViolations(page), 'language picker offering own words').toEqual([]);
    await page.keyboard.press('ArrowDown');
    await expect(spokenList.getByRole('option', { selected: true })).toContainText(ownWords);
    await page.keyboard.press('Enter');
    await expect(spoken).toHaveValue('');
    await expect(chosenLanguages.getByRole('listitem')).toHaveCount(2);
    const ownWordsChip = chosenLanguages.getByRole('listitem').last();
    await expect(ownWordsChip).toContainText(`${ownWords} ${s.person.picker.ownWords.mark}`);
    await expect(chosenLanguages.getByRole('listitem').first()).not.toContainText(s.person.picker.ownWords.mark);
    await expect(page.getByRole('button', { name: s.person.picker.remove.replace('{{name}}', `${ownWords} ${s.person.picker.ownWords.mark}`), exact: true })).toBeVisible();
    // Part of a listed name is picked from the list, never offered as own words.
    await page.keyboard.type(languageName('fr').slice(0, 4));
    await expect(spokenList.getByRole('option').first()).toContainText(languageName('fr'));
    await expect(spokenList.getByRole('option').filter({ hasText: addOwnWords[0]!.trim() })).toHaveCount(0);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    expect(await seriousViolations(page), 'language picker with an own-words chip').toEqual([]);
    await page.keyboard.press('Escape');

    // One language, picked by its code.
    const preferred = combobox(s.person.fields.preferredLanguage.label);
    await preferred.click();
    await page.keyboard.type('ar');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(preferred).toHaveValue(languageName('ar'));

    // The one preferred language, changed by keyboard to one the list does not hold: added in the
    // person's own words instead of the code, and marked as such under the box.
    await page.keyboard.press('Control+A');
    await page.keyboard.type(ownWords);
    const preferredList = page.getByRole('listbox', { name: s.person.fields.preferredLanguage.label });
    await expect(preferredList.getByRole('option')).toHaveCount(1);
    await expect(preferredList.getByRole('option')).toContainText(ownWords);
    await expect(preferredList.getByRole('option')).toContainText(addOwnWords[0]!.trim());
    await page.keyboard.press('ArrowDown');
    await expect(preferredList.getByRole('option', { selected: true })).toContainText(ownWords);
    await page.keyboard.press('Enter');
    await expect(preferred).toHaveValue(ownWords);
    await expect(preferred).toHaveAccessibleDescription(new RegExp(s.person.picker.ownWords.mark.replace(/[()]/g, '\\$&')));
    expect(await seriousViolations(page), 'preferred language in own words').toEqual([]);
    // Leaving the box keeps the words shown.
    await page.keyboard.press('Tab');
    await expect(preferred).toHaveValue(ownWords);

    // The interpreter's language, inside its own group.
    const interpreting = page.getByRole('group', { name: s.person.fields.interpreter.label, exact: true });
    const interpreterLanguage = interpreting.getByRole('combobox', { name: s.person.interpreter.language, exact: true });
    await interpreterLanguage.click();
    await page.keyboard.type(languageName('ku').slice(0, 4));
    await expect(interpreting.getByRole('option').first()).toContainText(languageName('ku'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(interpreterLanguage).toHaveValue(languageName('ku'));

    await button(page, s.registration.submit).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Layla Nasser');
    const recordField = (key: string) => page.locator(`.record-field[data-field="${key}"]`);
    await expect(recordField('countryOfOrigin')).toContainText(`${syria} (SY)`);
    await expect(recordField('nationalities')).toContainText(`${syria} (SY)`);
    await expect(recordField('nationalities')).toContainText(`${countryName('IQ')} (IQ)`);
    await expect(recordField('languages')).toContainText(`${languageName('ar')} (ar)`);
    await expect(recordField('languages')).not.toContainText(languageName('ku'));
    await expect(recordField('languages')).not.toContainText(ownWords);
    await expect(recordField('languagesOwnWords')).toContainText(`${ownWords}`);
    await expect(recordField('languagesOwnWords')).toContainText(s.person.picker.ownWords.mark);
    await expect(recordField('languagesOwnWords').locator('dt')).toHaveText(s.person.fields.languagesOwnWords.label);
    // The preferred language the list does not hold: its own words, marked, and no code.
    await expect(recordField('preferredLanguage')).toHaveCount(0);
    await expect(recordField('preferredLanguageOwnWords')).toContainText(`${ownWords} ${s.person.picker.ownWords.mark}`);
    await expect(recordField('preferredLanguageOwnWords').locator('dt')).toHaveText(s.person.fields.preferredLanguageOwnWords.label);
    await expect(recordField('interpreter')).toContainText(`${languageName('ku')} (ku)`);

    // Editing shows the names picked; a country is cleared by emptying its box.
    await button(page, s.record.edit).click();
    await expect(combobox(s.person.fields.countryOfOrigin.label)).toHaveValue(syria);
    await expect(page.getByRole('list', { name: s.person.picker.chosen.language })).toContainText(languageName('ar'));
    await expect(page.getByRole('list', { name: s.person.picker.chosen.language })).toContainText(`${ownWords} ${s.person.picker.ownWords.mark}`);
    await expect(combobox(s.person.fields.preferredLanguage.label)).toHaveValue(ownWords);
    expect(await seriousViolations(page), 'edit form with an own-words chip').toEqual([]);
  });
}
