import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { button, CLERK, createAccount, setUpSite, signIn, signOut } from './helpers';
import { restrictedIndicator, seriousViolations } from './restricted-helpers';

const FOCAL = 'Samira Haddad';
const MEMBER = 'Nour Khalil';
const DESCRIPTION = 'Life partner, not married';

/** A message with one {{name}}, as the panel says it: the name isolated from the text around it. */
function withName(template: string, name: string): string {
  return template.replace('{{name}}', `\u2068${name}\u2069`);
}

for (const language of LANGUAGES_UNDER_TEST) {
  test(`a clerk changes a family member's relationship from the record; the restricted screen names only the focal point (${language})`, async ({ page, host }) => {
    const s = strings(language);
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);

    await page.keyboard.press('Alt+N');
    const chosenName = page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
    await expect(chosenName).toBeFocused();
    await chosenName.fill(FOCAL);
    await page.getByRole('checkbox', { name: s.consent.purposes.register.label }).check();
    await chosenName.press('Control+Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FOCAL);

    // A partner, added inline.
    const family = page.getByRole('region', { name: s.family.title });
    await family.getByRole('button', { name: s.family.addMember, exact: true }).click();
    await family.getByRole('combobox', { name: s.family.relationshipToFocal }).selectOption('partner');
    await family.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill(MEMBER);
    await family.getByRole('button', { name: s.registration.submitMember, exact: true }).click();
    const rows = family.getByRole('table').getByRole('row');
    const focalRow = rows.filter({ hasText: FOCAL });
    const memberRow = rows.filter({ hasText: MEMBER });
    await expect(memberRow).toContainText(s.choices.relationship.partner);

    // Open the editor from the keyboard; Escape closes it and gives the focus back.
    // Its name ends with the member's name, in visually hidden text.
    const change = memberRow.getByRole('button', { name: new RegExp(`^${s.family.changeRelationship}\\s*: ${MEMBER}$`) });
    await change.focus();
    await page.keyboard.press('Enter');
    const editor = family.getByRole('form', { name: withName(s.family.changeRelationshipTitle, MEMBER) });
    const select = editor.getByRole('combobox', { name: s.family.relationship, exact: true });
    await expect(select).toBeFocused();
    await expect(select).toHaveValue('partner');
    await expect(change).toHaveAttribute('aria-expanded', 'true');

    // Making the member focal point would change the current focal point's relationship: the form says so.
    await select.selectOption('focal-point');
    await expect(editor).toContainText(withName(s.family.focalPointMoves, FOCAL));
    expect(await seriousViolations(page), 'relationship editor').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(editor).toHaveCount(0);
    await expect(change).toBeFocused();
    await expect(memberRow).toContainText(s.choices.relationship.partner);

    // "Other" needs a description; the message is in the user's language.
    await page.keyboard.press('Enter');
    await expect(select).toBeFocused();
    await select.selectOption('other');
    const description = editor.getByRole('textbox', { name: s.family.relationshipText, exact: true });
    await page.keyboard.press('Tab');
    await expect(description).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(editor.getByText(s.family.relationshipTextMissing)).toBeVisible();
    await expect(description).toHaveAttribute('aria-invalid', 'true');
    await expect(description).toBeFocused();
    await page.keyboard.type(DESCRIPTION);
    await page.keyboard.press('Enter');

    await expect(family.getByRole('status')).toHaveText(withName(s.family.relationshipDone, MEMBER));
    await expect(editor).toHaveCount(0);
    await expect(change).toBeFocused();
    await expect(memberRow).toContainText(`${s.choices.relationship.other}: ${DESCRIPTION}`);
    await expect(focalRow).toContainText(s.choices.relationship['focal-point']);

    // The restricted screen: the focal point is named, no other relationship reaches the screen.
    await page.keyboard.press('Control+Shift+H');
    await expect(restrictedIndicator(page, language)).toBeVisible();
    await expect(focalRow).toContainText(s.choices.relationship['focal-point']);
    await expect(memberRow).toContainText(s.reveal.masked);
    await expect(page.getByRole('main')).not.toContainText(DESCRIPTION);
    for (const relationship of ['partner', 'other'] as const) await expect(family.getByRole('table')).not.toContainText(s.choices.relationship[relationship]);
    await expect(family.getByRole('button', { name: s.family.changeRelationship })).toHaveCount(0);
    expect(await seriousViolations(page), 'family unit, restricted screen').toEqual([]);

    // Off again: the relationship is back, as it was saved.
    await page.keyboard.press('Control+Shift+H');
    await expect(restrictedIndicator(page, language)).toHaveCount(0);
    await expect(memberRow).toContainText(`${s.choices.relationship.other}: ${DESCRIPTION}`);
    await expect(button(page, s.record.edit)).toBeVisible();
  });
}
