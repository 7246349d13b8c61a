import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { button, CLERK, createAccount, field, fixedParts, setUpSite, signIn, signOut } from './helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Answered once main has kept the draft (a second after the last change). */
function draftKept(page: Page) {
  return page.waitForResponse((response) => response.url().includes('drafts.save') && response.ok());
}

/** The kept-draft writes (drafts.save, drafts.discard) the page asks for from now on. */
function draftWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (request) => {
    const method = /\/rpc\/(drafts\.(?:save|discard))$/.exec(request.url())?.[1];
    if (method) writes.push(method);
  });
  return writes;
}

const NAMES = { en: 'Samira Haddad', ar: 'سميرة حداد', fr: 'Samira Haddad' } as const;

// Drafts that survive (issue 15): what a clerk typed is kept, for them alone, across a lock, a
// reload, a sign-out and a move to another screen, and comes back as it was.
for (const language of [...LANGUAGES_UNDER_TEST, 'fr'] as const) {
  const s = strings(language);
  const name = NAMES[language];

  test(`a registration in progress survives a lock, a reload, a sign-out and the Home link (${language})`, async ({ page, host }) => {
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);

    const chosenName = page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
    const consent = page.getByRole('checkbox', { name: s.consent.purposes.register.label });
    const birth = page.getByRole('group', { name: s.person.fields.birth.label, exact: true });
    const year = birth.getByRole('textbox', { name: s.person.birth.yearLabel });
    const registerTitle = page.getByRole('heading', { level: 1, name: s.registration.title });
    const restored = page.getByRole('status').filter({ hasText: fixedParts(s.drafts.restored)[0] ?? '' });

    await page.keyboard.press('Alt+N');
    await expect(registerTitle).toBeVisible();
    await chosenName.fill(name);
    await consent.check();
    await birth.getByRole('radio', { name: s.person.birth.year, exact: true }).check();
    await year.fill('1994');

    // Locked at once, most often before the second after the last change: the lock keeps the draft first.
    await page.keyboard.press('Control+L');
    await expect(page.getByRole('heading', { level: 1, name: s.lock.title })).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);
    await field(page, s.fields.password).fill(CLERK.password);
    await field(page, s.fields.password).press('Enter');

    // Back on the form, as it was.
    await expect(registerTitle).toBeVisible();
    await expect(restored).toBeVisible();
    await expect(chosenName).toHaveValue(name);
    await expect(consent).toBeChecked();
    await expect(year).toHaveValue('1994');
    if (language === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    expect(await seriousViolations(page), 'registration form put back').toEqual([]);

    // A change, kept a second later; then the page is reloaded (as after a crash of the window).
    const kept = draftKept(page);
    await chosenName.fill(`${name} 2`);
    await kept;
    await page.reload();
    await expect(registerTitle).toBeVisible();
    await expect(chosenName).toHaveValue(`${name} 2`);
    await expect(year).toHaveValue('1994');

    // Signed out and in again.
    await signOut(page, language);
    await signIn(page, language, CLERK);
    await expect(registerTitle).toBeVisible();
    await expect(chosenName).toHaveValue(`${name} 2`);

    // The Home link asks first; kept as work in progress, the home screen offers the registration
    // left, and takes the clerk back to it.
    await page.getByRole('navigation').getByRole('button', { name: s.shell.home, exact: true }).click();
    const question = page.getByRole('dialog', { name: s.leave.title });
    await expect(question).toContainText(s.leave.bodyMayKeep);
    expect(await seriousViolations(page), 'leaving a kept registration').toEqual([]);
    await question.getByRole('button', { name: s.leave.keepAsDraft }).click();
    const offer = page.getByRole('region', { name: s.drafts.title });
    const continueButton = offer.getByRole('button', { name: new RegExp(fixedParts(s.drafts.continueRegistration)[0] ?? '') });
    await expect(continueButton).toBeVisible();
    expect(await seriousViolations(page), 'home with work in progress').toEqual([]);
    await continueButton.click();
    await expect(registerTitle).toBeVisible();
    await expect(chosenName).toHaveValue(`${name} 2`);

    // Registered: the draft is gone (main drops it with the registration; the window neither
    // discards it nor keeps it again as the form goes away), and nothing is offered any more.
    const writes = draftWrites(page);
    await chosenName.press('Control+Enter');
    await expect(page.getByRole('group', { name: s.record.registeredLabel })).toBeVisible();
    await page.getByRole('navigation').getByRole('button', { name: s.shell.home, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: s.home.title })).toBeVisible();
    await expect(page.getByRole('region', { name: s.drafts.title })).toHaveCount(0);
    await button(page, s.home.register).click();
    await expect(chosenName).toHaveValue('');
    await expect(restored).toHaveCount(0);
    expect(writes).toEqual([]);
  });

  test(`changes to a record in progress survive a lock; cancelling drops them (${language})`, async ({ page, host }) => {
    await setUpSite(page, host.url, language);
    await createAccount(page, language, CLERK, 'clerk');
    await signOut(page, language);
    await signIn(page, language, CLERK);
    const chosenName = page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
    await page.keyboard.press('Alt+N');
    await chosenName.fill(name);
    await chosenName.press('Control+Enter');
    await expect(page.getByRole('group', { name: s.record.registeredLabel })).toBeVisible();

    // A change kept, then saved: main drops the draft with the change, and the window does not keep it again.
    await button(page, s.record.edit).click();
    const kept = draftKept(page);
    await chosenName.fill(`${name} A`);
    await kept;
    const writes = draftWrites(page);
    await chosenName.press('Control+Enter');
    await expect(page.getByRole('heading', { name: s.record.editTitle })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: `${name} A` })).toBeVisible();
    expect(writes).toEqual([]);

    await button(page, s.record.edit).click();
    await expect(page.getByRole('heading', { name: s.record.editTitle })).toBeVisible();
    await chosenName.fill(`${name} (edit)`);
    await page.keyboard.press('Control+L');
    await expect(page.getByRole('heading', { level: 1, name: s.lock.title })).toBeVisible();
    await field(page, s.fields.password).fill(CLERK.password);
    await field(page, s.fields.password).press('Enter');

    // Back on the record, in its edit form, with the change not yet saved.
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('heading', { name: s.record.editTitle })).toBeVisible();
    await expect(chosenName).toHaveValue(`${name} (edit)`);
    await expect(page.getByRole('status').filter({ hasText: fixedParts(s.drafts.restored)[0] ?? '' })).toBeVisible();
    expect(await seriousViolations(page), 'edit form put back').toEqual([]);

    // Cancel asks first (the change put back is still a change); discarding drops the kept draft.
    await button(page, s.form.cancel).click();
    await page.getByRole('dialog', { name: s.leave.title }).getByRole('button', { name: s.leave.discard }).click();
    await expect(page.getByRole('heading', { name: s.record.editTitle })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name })).toHaveCount(0);
    await expect(page.getByRole('region', { name: s.drafts.title })).toHaveCount(0);
  });
}
