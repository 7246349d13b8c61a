import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { LANGUAGES, type Language } from '../../src/shared/languages';
import { expect, strings, test } from './fixtures';
import { button, CLERK, createAccount, field, openFormSection, PROTECTION, setUpSite, signIn, signOut, SUPERVISOR } from './helpers';

const REGISTRATION_NUMBER = /REG-\d{6}/;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** The parts of a translated sentence around one {{placeholder}}, to match it whatever the value. */
function around(template: string, placeholder: string): string[] {
  return template
    .split(`{{${placeholder}}}`)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function helpers(page: Page, language: Language) {
  const s = strings(language);
  const form = page.getByRole('form');
  return {
    s,
    form,
    chosenName: () => page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }),
    group: (label: string) => page.getByRole('group', { name: label, exact: true }),
    /** The pronoun the interface offers for "she" in this language. */
    she: language === 'ar' ? s.choices.pronouns.hiya : language === 'fr' ? s.choices.pronouns.elle : s.choices.pronouns.she,
    section: (label: string) => page.locator('summary').filter({ has: page.getByRole('heading', { name: label, exact: true }) }),
    recordField: (key: string) => page.locator(`.record-field[data-field="${key}"]`),
  };
}

// The heart of the desk, in every interface language: French adds its own pronouns and wording.
for (const language of LANGUAGES) {
  test(`a clerk registers a person whose documents differ, builds a family unit, finds and re-registers them (${language})`, async ({ page, host }) => {
    const { s, form, chosenName, group, she, section, recordField } = helpers(page, language);
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);

    // Home: the search box has the focus; the register button shows its shortcut.
    await expect(page.getByRole('searchbox', { name: s.search.label })).toBeFocused();
    await expect(button(page, s.home.register)).toHaveAttribute('aria-keyshortcuts', 'Alt+N');
    await expect(page.getByRole('heading', { name: s.home.emptyTitle })).toBeVisible();

    await page.keyboard.press('Alt+N');
    await expect(page.getByRole('heading', { level: 1, name: s.registration.title })).toBeVisible();
    await expect(chosenName()).toBeFocused();
    if (language === 'ar') {
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      expect(await form.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    }

    // Sensitive fields wait for consent, which is never a condition of registering.
    const genderSection = section(s.person.sections.gender);
    await genderSection.click();
    const gender = group(s.person.fields.genderIdentity.label);
    await expect(gender.getByRole('radio', { name: s.choices.genderIdentity.woman, exact: true })).toBeDisabled();
    await expect(gender).toContainText(s.person.locked.register.register);
    await page.getByRole('checkbox', { name: s.consent.purposes.register.label }).check();
    await expect(gender.getByRole('radio', { name: s.choices.genderIdentity.woman, exact: true })).toBeEnabled();
    await expect(group(s.person.fields.sexualOrientation.label).getByRole('radio').first()).toBeDisabled();

    // Only the chosen name is required; the message is in the user's language.
    await chosenName().press('Enter');
    await expect(page.getByText(s.validation.chosenName)).toBeVisible();
    await expect(chosenName()).toHaveAttribute('aria-invalid', 'true');

    await chosenName().fill('Samira Haddad');
    await group(s.person.fields.pronouns.label).getByRole('radio', { name: she, exact: true }).check();
    // Gender for reporting (tier 1) is asked of everyone, with its reason beside it.
    const reportingGender = page.getByLabel(s.person.fields.genderForReporting.label, { exact: true });
    await expect(reportingGender).toHaveAccessibleDescription(new RegExp(s.person.fields.genderForReporting.help.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await reportingGender.selectOption('woman-or-girl');
    const birth = group(s.person.fields.birth.label);
    await birth.getByRole('radio', { name: s.person.birth.year, exact: true }).check();
    await birth.getByRole('textbox', { name: s.person.birth.yearLabel }).fill('1994');
    // A nationality is picked by its name in the interface language; words that name no listed
    // country are offered nothing, so they cannot be kept as a code.
    const nationalities = page.getByRole('combobox', { name: s.person.fields.nationalities.label, exact: true });
    const syria = new Intl.DisplayNames([language], { type: 'region' }).of('SY') ?? 'SY';
    await nationalities.fill('QQ');
    await expect(page.getByText(s.person.picker.noMatch.region)).toBeVisible();
    await nationalities.fill(syria);
    await nationalities.press('ArrowDown');
    await nationalities.press('Enter');
    await expect(page.getByRole('list', { name: s.person.picker.chosen.region })).toContainText(syria);

    // The name and sex on the passport differ from the person: the form suggests the flag, never sets it.
    // Documents wait, closed, after the first questions.
    await openFormSection(page, s.person.sections.documents);
    await button(page, s.person.document.add).click();
    const passport = group(s.person.document.legend.replace('{{number}}', '1'));
    await expect(passport.getByLabel(s.person.document.type)).toBeFocused();
    await passport.getByLabel(s.person.document.type).selectOption('passport');
    await passport.getByLabel(s.person.document.nameOnDocument).fill('إبراهيم الأحمد');
    await passport.getByLabel(s.person.document.sexOnDocument).selectOption('M');
    const issuingCountry = passport.getByRole('combobox', { name: s.person.document.issuingCountry, exact: true });
    await issuingCountry.fill(syria.slice(0, 3));
    await issuingCountry.press('ArrowDown');
    await issuingCountry.press('Enter');
    await expect(issuingCountry).toHaveValue(syria);
    await gender.getByRole('radio', { name: s.choices.genderIdentity.woman, exact: true }).check();
    const mismatch = page.getByRole('checkbox', { name: s.person.fields.documentMismatch.label });
    await expect(page.getByText(s.person.mismatchSuggestion)).toBeVisible();
    await expect(mismatch).not.toBeChecked();
    expect(await seriousViolations(page), 'registration form').toEqual([]);
    await mismatch.check();
    await expect(page.getByText(s.person.mismatchSuggestion)).toHaveCount(0);

    await chosenName().press('Control+Enter');
    const notice = page.getByRole('group', { name: s.record.registeredLabel });
    await expect(notice).toBeFocused();
    await expect(notice).toContainText(REGISTRATION_NUMBER);
    for (const part of around(s.record.registeredMessage_feminine, 'name')) await expect(notice).toContainText(part);
    const header = page.locator('.record-header');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samira Haddad');
    for (const part of around(s.record.registeredOn_feminine, 'date')) await expect(header).toContainText(part);
    await expect(header).toContainText(REGISTRATION_NUMBER);
    const firstNumber = ((await notice.locator('.registration-number').textContent()) ?? '').trim();
    await expect(page).toHaveTitle(s.app.name);
    await expect(page.getByRole('note')).toHaveText(s.record.mismatchBanner);
    await expect(recordField('pronouns')).toContainText(she);
    await expect(recordField('genderForReporting')).toContainText(s.choices.genderForReporting['woman-or-girl']);
    await expect(recordField('nationalities')).toContainText(`${syria} (SY)`);
    await expect(recordField('documents')).toContainText('إبراهيم الأحمد');
    // The country picked by name is kept as its code and shown with it.
    await expect(recordField('documents')).toContainText(`${syria} (SY)`);
    // A clerk records gender identity at registration, then sees only that something is recorded.
    await expect(recordField('genderIdentity')).toHaveText(`${s.person.fields.genderIdentity.label}${s.record.restricted}`);
    await expect(page.getByText(s.choices.genderIdentity.woman, { exact: true })).toHaveCount(0);
    expect(await seriousViolations(page), 'record view').toEqual([]);

    // Pronouns in the interface language where a set maps (issue 15): "she" given in one language
    // is shown as هي on the Arabic screen and as she/her on the English one; the value stays as given.
    const other: Language = language === 'ar' ? 'en' : 'ar';
    const o = strings(other);
    await field(page, s.language.label).selectOption(other);
    await expect(recordField('pronouns')).toContainText(other === 'ar' ? o.choices.pronouns.hiya : o.choices.pronouns.she);
    const given = language === 'fr' ? 'elle' : language === 'ar' ? 'hiya' : 'she';
    await expect(recordField('pronouns')).not.toContainText(o.choices.pronouns[given]);
    // Editing on that screen offers its own pronouns, the equivalent one chosen; nothing changes unless the clerk picks another.
    await button(page, o.record.edit).click();
    const pronouns = group(o.person.fields.pronouns.label);
    await expect(pronouns.getByRole('radio', { name: other === 'ar' ? o.choices.pronouns.hiya : o.choices.pronouns.she, exact: true })).toBeChecked();
    if (given !== (other === 'ar' ? 'hiya' : 'she')) await expect(pronouns.getByRole('radio', { name: o.choices.pronouns[given], exact: true })).toHaveCount(0);
    await button(page, o.form.cancel).click();
    // The edit form is gone (its interpreter's language box has the same label as the language switcher).
    await expect(page.getByRole('form', { name: o.record.editTitle, exact: true })).toHaveCount(0);
    await field(page, o.language.label).selectOption(language);
    await expect(recordField('pronouns')).toContainText(she);

    // A family unit: a partner of the same gender and a non-biological dependant, added inline.
    const family = page.getByRole('region', { name: s.family.title });
    const addMember = async (name: string, relationship: string): Promise<void> => {
      await family.getByRole('button', { name: s.family.addMember, exact: true }).click();
      const relation = family.getByRole('combobox', { name: s.family.relationshipToFocal });
      await expect(relation).toBeFocused();
      await relation.selectOption(relationship);
      await family.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill(name);
      if (relationship === 'partner') await family.getByRole('radio', { name: she, exact: true }).check();
      await family.getByRole('button', { name: s.registration.submitMember, exact: true }).click();
      await expect(family.getByRole('group', { name: s.record.registeredLabel })).toContainText(REGISTRATION_NUMBER);
    };
    await addMember('Nour Khalil', 'partner');
    await addMember('Rami', 'dependant-non-biological');
    const members = family.getByRole('table').getByRole('row');
    await expect(members).toHaveCount(4);
    await expect(members.filter({ hasText: 'Samira Haddad' })).toContainText(s.choices.relationship['focal-point']);
    await expect(members.filter({ hasText: 'Nour Khalil' })).toContainText(s.choices.relationship.partner);
    await expect(members.filter({ hasText: 'Rami' })).toContainText(s.choices.relationship['dependant-non-biological']);
    // Units are kept together unless someone says otherwise.
    const keepTogether = family.getByRole('checkbox', { name: s.family.keepTogether });
    await expect(keepTogether).toBeChecked();
    await keepTogether.uncheck();
    await expect(family.getByText(s.family.keepTogetherOff)).toBeVisible();
    await keepTogether.check();
    await expect(family.getByText(s.family.keepTogetherOn)).toBeVisible();

    // Split the dependant into a unit of their own, then merge the units again.
    await family.getByRole('checkbox', { name: s.family.selectMember.replace('{{name}}', 'Rami') }).check();
    await family.getByRole('button', { name: s.family.split }).click();
    await expect(family.getByText(s.family.splitDone)).toBeVisible();
    await expect(members).toHaveCount(3);
    await family.getByText(s.family.mergeTitle).click();
    await family.getByRole('searchbox', { name: s.family.mergeSearch }).fill('Rami');
    await family.getByRole('listitem').filter({ hasText: 'Rami' }).getByRole('button', { name: s.family.choose }).click();
    const merge = page.getByRole('dialog', { name: s.family.mergeConfirmTitle });
    await expect(merge.getByRole('button', { name: s.form.cancel })).toBeFocused();
    await merge.getByRole('button', { name: s.family.confirmMerge }).click();
    await expect(family.getByText(s.family.mergeDone)).toBeVisible();
    await expect(members).toHaveCount(4);

    // Found again by the name on the document, typed with another alef form.
    await button(page, s.record.back).click();
    const search = page.getByRole('searchbox', { name: s.search.label });
    await expect(search).toBeFocused();
    await search.fill('ابراهيم');
    const results = page.getByRole('list', { name: s.search.results });
    await expect(results.getByRole('button')).toHaveCount(1);
    await expect(results).toContainText('Samira Haddad');
    await expect(results).toContainText(firstNumber);
    await search.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samira Haddad');

    // The recent list: newest first, keyboard navigable.
    await button(page, s.record.back).click();
    const recent = page.getByRole('listbox', { name: s.home.recentTitle });
    await expect(recent.getByRole('option')).toHaveCount(3);
    await expect(recent.getByRole('option').first()).toContainText('Rami');
    // The virtualised list is laid out by stylesheets alone: the CSP allows no inline styles.
    expect(await page.locator('[style]').count()).toBe(0);
    await recent.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samira Haddad');

    // Registering the same person again: the likely duplicate is shown, and the clerk decides.
    await page.keyboard.press('Alt+N');
    await chosenName().fill('Samira Haddad');
    await chosenName().press('Tab');
    const duplicates = page.getByRole('region', { name: s.duplicates.title });
    await expect(duplicates).toContainText(firstNumber);
    await expect(duplicates.getByRole('button', { name: s.duplicates.open.replace('{{number}}', firstNumber) })).toBeVisible();
    await button(page, s.duplicates.registerAnyway).click();
    await expect(page.getByRole('group', { name: s.record.registeredLabel })).toContainText(REGISTRATION_NUMBER);
    await expect(page.getByRole('group', { name: s.record.registeredLabel })).not.toContainText(firstNumber);

    // A supervisor finds the person and reads the chosen name, and nothing of tiers 1 and 2.
    await signOut(page, language);
    await signIn(page, language, SUPERVISOR);
    await expect(button(page, s.home.register)).toHaveCount(0);
    await page.getByRole('searchbox', { name: s.search.label }).fill('ابراهيم');
    await expect(page.getByText(s.search.none)).toBeVisible();
    await page.getByRole('searchbox', { name: s.search.label }).fill(firstNumber);
    await page.getByRole('list', { name: s.search.results }).getByRole('button').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samira Haddad');
    await expect(page.getByRole('main')).not.toContainText('إبراهيم');
    await expect(page.getByRole('main')).not.toContainText(s.record.restricted);
    await expect(page.getByRole('note')).toHaveCount(0);
    // Of the record's fields, only the tier-0 arrival date (today's, by default) shows.
    await expect(page.locator('.record-field')).toHaveCount(1);
    await expect(recordField('arrivalDate')).toBeVisible();
    await expect(button(page, s.record.edit)).toHaveCount(0);
    await expect(page.getByRole('region', { name: s.consents.title })).toHaveCount(0);
  });
}

test('a protection officer records and edits sensitive answers; withdrawing SOGIESC consent erases them', async ({ page, host }) => {
  const { s, chosenName, group, section, recordField } = helpers(page, 'en');
  await setUpSite(page, host.url, 'en');
  await createAccount(page, 'en', PROTECTION, 'protection');
  await signOut(page, 'en');
  await signIn(page, 'en', PROTECTION);

  await button(page, s.home.register).click();
  await page.getByRole('checkbox', { name: s.consent.purposes.register.label }).check();
  await page.getByRole('checkbox', { name: s.consent.purposes.sogiesc.label }).check();
  await chosenName().fill('Alex Morgan');
  await group(s.person.fields.pronouns.label).getByRole('radio', { name: s.choices.pronouns.they, exact: true }).check();
  await section(s.person.sections.gender).click();
  // The box for the person's own words comes with that answer.
  await group(s.person.fields.genderIdentity.label).getByRole('radio', { name: s.choices.answer['self-described'], exact: true }).check();
  await group(s.person.fields.genderIdentity.label).getByRole('textbox').fill('genderfluid');
  await group(s.person.fields.sexualOrientation.label).getByRole('radio', { name: s.choices.sexualOrientation.queer, exact: true }).check();
  await group(s.person.fields.sexCharacteristics.label).getByRole('radio', { name: s.choices.answer['not-asked'], exact: true }).check();
  await button(page, s.registration.submit).click();

  // Neutral wording for "they"; the person's own words and the non-answers are shown as given.
  await expect(page.getByRole('group', { name: s.record.registeredLabel })).toContainText(around(s.record.registeredMessage, 'name')[0]!);
  await expect(recordField('genderIdentity')).toContainText('genderfluid');
  await expect(recordField('sexualOrientation')).toContainText(s.choices.sexualOrientation.queer);
  await expect(recordField('sexCharacteristics')).toContainText(s.choices.answer['not-asked']);

  await button(page, s.record.edit).click();
  await group(s.person.fields.sexualOrientation.label).getByRole('radio', { name: s.choices.answer['prefers-not-to-say'], exact: true }).check();
  await page.getByRole('textbox', { name: s.person.fields.phone.label, exact: true }).fill('+963 955 123 456');
  await page.getByRole('textbox', { name: s.person.fields.phone.label, exact: true }).press('Enter');
  await expect(page.getByText(s.record.saved)).toBeVisible();
  await expect(recordField('sexualOrientation')).toContainText(s.choices.answer['prefers-not-to-say']);
  await expect(recordField('phone')).toContainText('+963 955 123 456');

  const history = page.locator('.history-panel');
  await history.locator('summary').click();
  const orientationChanges = history.getByRole('listitem').filter({ hasText: s.person.fields.sexualOrientation.label });
  await expect(orientationChanges).toHaveCount(2);
  await expect(orientationChanges.first()).toContainText(s.choices.sexualOrientation.queer);
  await expect(orientationChanges.first()).toContainText(s.choices.answer['prefers-not-to-say']);

  const consents = page.getByRole('region', { name: s.consents.title });
  await consents
    .getByRole('listitem')
    .filter({ hasText: s.consent.purposes.sogiesc.label })
    .getByRole('button', { name: s.consents.withdraw })
    .click();
  const dialog = page.getByRole('dialog', { name: s.consents.withdrawTitle });
  await expect(dialog).toContainText(s.consents.withdrawBody.sogiesc);
  await expect(dialog.getByRole('button', { name: s.form.cancel })).toBeFocused();
  expect(await seriousViolations(page), 'consent dialog').toEqual([]);
  await dialog.getByRole('button', { name: s.consents.confirmWithdraw }).click();
  await expect(consents.getByText(s.consents.withdrawnDone)).toBeVisible();
  await expect(recordField('sexualOrientation')).toHaveCount(0);
  await expect(recordField('sexCharacteristics')).toHaveCount(0);
  await expect(recordField('genderIdentity')).toContainText('genderfluid');
  await expect(orientationChanges.first()).toContainText(s.history.erased);
  await expect(history).not.toContainText(s.choices.sexualOrientation.queer);
});
