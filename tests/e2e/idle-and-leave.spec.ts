import type { Locator, Page } from '@playwright/test';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { button, CLERK, createAccount, messagePattern, setUpSite, signIn, signOut } from './helpers';
import { seriousViolations } from './restricted-helpers';

/** The session.touch calls the page makes from now on: each one restarts main's own idle timer. */
function countTouches(page: Page): () => number {
  let touches = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc/session.touch')) touches += 1;
  });
  return () => touches;
}

/** The number of seconds the countdown shows (Western digits in every language). */
async function secondsShown(dialog: Locator): Promise<number> {
  const text = (await dialog.locator('.idle-seconds').textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

for (const language of [...LANGUAGES_UNDER_TEST, 'fr'] as const) {
  const s = strings(language);

  test.describe(`idle lock and leaving a form (${language})`, () => {
    // The shortest idle time a site may set is one minute, so the page's clock is moved instead of waiting.
    test('a minute before the idle lock, a countdown offers to stay; staying keeps the session, then it locks', async ({ page, host }) => {
      await page.clock.install();
      await setUpSite(page, host.url, language);
      const touches = countTouches(page);
      const warning = page.getByRole('alertdialog', { name: s.idle.title });
      const stay = button(page, s.idle.stay);
      const announcement = warning.locator('[aria-live="assertive"]');

      // The default idle time is 5 minutes: the warning comes at 4.
      await page.clock.fastForward('03:50');
      await expect(warning).toHaveCount(0);
      await page.clock.fastForward('00:11');
      await expect(warning).toBeVisible();
      await expect(warning).toHaveAccessibleDescription(new RegExp(s.idle.body.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await expect(warning.getByText(messagePattern(s.idle.secondsLeft, 'seconds'))).toBeVisible();
      await expect(stay).toBeFocused();
      // Spoken when it opens (an alert dialog, the focus on its button), not again every second.
      await expect(announcement).toHaveText('');
      expect(await seriousViolations(page)).toEqual([]);

      // The seconds count down on screen.
      const first = await secondsShown(warning);
      expect(first).toBeGreaterThan(50);
      expect(first).toBeLessThanOrEqual(60);

      // Past the 30-second mark: said once, and the same words until the 10-second mark.
      await page.clock.fastForward('00:31');
      await expect.poll(() => secondsShown(warning)).toBeLessThan(30);
      await expect(announcement).toHaveText(s.idle.announce.replace('{{seconds}}', '30'));
      const later = await secondsShown(warning);
      await page.clock.fastForward('00:02');
      await expect.poll(() => secondsShown(warning)).toBeLessThan(later);
      await expect(announcement).toHaveText(s.idle.announce.replace('{{seconds}}', '30'));

      // "Stay signed in" (Enter on the focused button) keeps the session and tells main at once.
      const before = touches();
      await page.keyboard.press('Enter');
      await expect(warning).toHaveCount(0);
      await expect.poll(touches).toBeGreaterThan(before);

      // Three minutes after staying: no warning, no lock.
      await page.clock.fastForward('03:00');
      await expect(page.getByRole('navigation', { name: s.shell.navLabel })).toBeVisible();
      await expect(warning).toHaveCount(0);
      await expect(page.getByRole('heading', { name: s.lock.title })).toHaveCount(0);

      // The warning again after four; a move of the mouse is activity and keeps the session too.
      await page.clock.fastForward('01:01');
      await expect(warning).toBeVisible();
      await page.mouse.move(200, 300);
      await page.mouse.move(260, 340);
      await expect(warning).toHaveCount(0);

      // Left alone this time: the countdown, then the lock screen.
      await page.clock.fastForward('04:01');
      await expect(warning).toBeVisible();
      await page.clock.fastForward('01:00');
      await expect(page.getByRole('heading', { level: 1, name: s.lock.title })).toBeVisible();
      await expect(warning).toHaveCount(0);
    });

    test('Cancel or Home on a changed registration or edit asks first; "Keep editing" keeps what was typed', async ({ page, host }) => {
      await setUpSite(page, host.url, language);
      await createAccount(page, language, CLERK, 'clerk');
      await signOut(page, language);
      await signIn(page, language, CLERK);
      const chosenName = page.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true });
      const registerTitle = page.getByRole('heading', { level: 1, name: s.registration.title, exact: true });
      const question = page.getByRole('dialog', { name: s.leave.title });
      const home = page.getByRole('navigation').getByRole('button', { name: s.shell.home, exact: true });

      // Nothing typed: Cancel leaves without a question.
      await page.keyboard.press('Alt+N');
      await expect(registerTitle).toBeVisible();
      await button(page, s.form.cancel).click();
      await expect(question).toHaveCount(0);
      await expect(registerTitle).toHaveCount(0);

      // Something typed: Cancel asks; "Keep editing" has the focus and keeps the text.
      await page.keyboard.press('Alt+N');
      await chosenName.fill('Samira Haddad');
      await button(page, s.form.cancel).click();
      await expect(question).toBeVisible();
      await expect(question).toContainText(s.leave.body);
      await expect(button(page, s.leave.keepEditing)).toBeFocused();
      expect(await seriousViolations(page)).toEqual([]);
      await button(page, s.leave.keepEditing).click();
      await expect(question).toHaveCount(0);
      await expect(registerTitle).toBeVisible();
      await expect(chosenName).toHaveValue('Samira Haddad');

      // The Home link asks too, and may keep the registration as work in progress; Escape keeps editing.
      await home.click();
      await expect(question).toBeVisible();
      await expect(question).toContainText(s.leave.bodyMayKeep);
      await expect(question.getByRole('button', { name: s.leave.keepAsDraft })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(question).toHaveCount(0);
      await expect(chosenName).toHaveValue('Samira Haddad');

      // Switching the interface language keeps the form as it is, and asks nothing.
      const other = language === 'en' ? 'fr' : 'en';
      const banner = page.getByRole('banner');
      await banner.getByLabel(s.language.label, { exact: true }).selectOption(other);
      const o = strings(other);
      await expect(page.getByRole('heading', { level: 1, name: o.registration.title, exact: true })).toBeVisible();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(page.getByRole('textbox', { name: o.person.fields.chosenName.label, exact: true })).toHaveValue('Samira Haddad');
      await banner.getByLabel(o.language.label, { exact: true }).selectOption(language);
      await expect(registerTitle).toBeVisible();
      await expect(chosenName).toHaveValue('Samira Haddad');

      // Discarding leaves, drops the kept draft, and the next registration starts empty.
      await home.click();
      await button(page, s.leave.discard).click();
      await expect(question).toHaveCount(0);
      await expect(registerTitle).toHaveCount(0);
      await page.keyboard.press('Alt+N');
      await expect(chosenName).toHaveValue('');

      // Registered (leaving on purpose asks nothing), then the edit form: the same question.
      await chosenName.fill('Samira Haddad');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByRole('group', { name: s.record.registeredLabel })).toBeVisible();
      await expect(question).toHaveCount(0);
      const recordTitle = page.getByRole('heading', { level: 1 });
      await expect(recordTitle).toHaveText('Samira Haddad');
      const edit = button(page, s.record.edit);
      const editForm = page.getByRole('form', { name: s.record.editTitle });

      // Opened and closed untouched: no question.
      await edit.click();
      await expect(chosenName).toHaveValue('Samira Haddad');
      await editForm.getByRole('button', { name: s.form.cancel, exact: true }).click();
      await expect(question).toHaveCount(0);
      await expect(editForm).toHaveCount(0);

      await edit.click();
      await chosenName.fill('Samira H.');
      await editForm.getByRole('button', { name: s.form.cancel, exact: true }).click();
      await expect(question).toBeVisible();
      await button(page, s.leave.keepEditing).click();
      await expect(chosenName).toHaveValue('Samira H.');
      await editForm.getByRole('button', { name: s.form.cancel, exact: true }).click();
      await button(page, s.leave.discard).click();
      await expect(editForm).toHaveCount(0);
      await expect(recordTitle).toHaveText('Samira Haddad');
    });
  });
}
