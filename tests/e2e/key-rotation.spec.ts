import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { aboutAccount, button, fixedParts, CLERK, createAccount, field, setUpSite, signIn, signOut, SUPERVISOR } from './helpers';
import { seriousViolations } from './restricted-helpers';

for (const language of LANGUAGES_UNDER_TEST) {
  const s = strings(language);

  test(`a supervisor disables an account, rotates the database key and sees the result (${language})`, async ({ page, host }) => {
    test.setTimeout(120_000);
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');

    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: CLERK.userName }) });
    await row.getByRole('button', { name: s.accounts.disable, exact: true }).click();
    await button(page, s.accounts.confirmDisable).click();
    await expect(page.getByRole('status')).toHaveText(aboutAccount(s.accounts.disabledDone, CLERK.userName));

    // Disabling offers the rotation, and the question takes the focus.
    const section = page.getByRole('region', { name: s.keyRotation.title });
    await expect(section).toContainText(s.keyRotation.backupsNote);
    await expect(section.locator('p', { hasText: s.keyRotation.offer })).toBeFocused();
    await button(page, s.keyRotation.offerYes).click();
    const password = field(page, s.keyRotation.password);
    await expect(password).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);

    // A wrong password is refused in the user's language, and nothing changes.
    await password.fill('not the right password at all');
    await button(page, s.keyRotation.submit).click();
    await expect(section.getByRole('alert')).toHaveText(s.form.wrongPassword);

    await password.fill(SUPERVISOR.password);
    await password.press('Enter');
    for (const part of fixedParts(s.keyRotation.done)) await expect(section).toContainText(part, { timeout: 30_000 });
    await expect(section).toContainText(s.keyRotation.stages['re-encrypting']);
    await expect(section).toContainText(s.keyRotation.stages['re-wrapping']);
    await expect(section).toContainText(s.keyRotation.stages.done);
    await expect(password).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The rotation is in the audit log, and the supervisor signs in again under the new key.
    await page.getByRole('navigation').getByRole('button', { name: s.shell.audit, exact: true }).click();
    await expect(page.getByRole('main')).toContainText(s.audit.actions['key-rotation']);
    await signOut(page, language);
    await signIn(page, language, SUPERVISOR);

    // At any time, without a disable first: the action is there.
    await page.getByRole('navigation').getByRole('button', { name: s.shell.accounts, exact: true }).click();
    await expect(button(page, s.keyRotation.open)).toBeVisible();
  });
}
