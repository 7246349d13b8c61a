import { readFile } from 'node:fs/promises';
import { expect, strings, test } from './fixtures';
import { button, CLERK, createAccount, setUpSite, signIn, signOut, SUPERVISOR } from './helpers';
import { openFromSearch, PERSON, recordField, registerPerson, restrictedIndicator, restrictedToggle, seriousViolations } from './restricted-helpers';

const REASON_TEXT = 'Calling back about tomorrow';

test('a reveal with a reason shows one value for 30 seconds; the supervisor finds it in the audit log and exports it without values', async ({ page, host }) => {
  // Five sign-ins (a key derivation each) and two visits to the audit log: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const s = strings('en');
  await page.clock.install();
  await setUpSite(page, host.url, 'en');

  // The site opens records on the restricted screen.
  await page.getByRole('navigation').getByRole('button', { name: s.shell.settings, exact: true }).click();
  const restrictedOnOpen = page.getByRole('checkbox', { name: s.settings.restrictedOnOpen });
  const contentProtection = page.getByRole('checkbox', { name: s.settings.contentProtection });
  await expect(restrictedOnOpen).not.toBeChecked();
  await expect(contentProtection).toBeChecked();
  await expect(contentProtection).toHaveAccessibleDescription(s.settings.contentProtectionHint);
  await restrictedOnOpen.check();
  await button(page, s.settings.save).click();
  await expect(page.getByRole('status').filter({ hasText: s.settings.saved })).toBeVisible();
  await createAccount(page, 'en', CLERK, 'clerk');
  await signOut(page, 'en');

  // A clerk registers the person; the record opens on the restricted screen by itself.
  await signIn(page, 'en', CLERK);
  await expect(restrictedIndicator(page, 'en')).toHaveCount(0);
  await registerPerson(page, 'en');
  await expect(restrictedIndicator(page, 'en')).toBeVisible();
  await expect(restrictedIndicator(page, 'en')).toContainText(s.restricted.byOpening);
  await expect(restrictedToggle(page, 'en')).toHaveAttribute('aria-pressed', 'true');
  await expect(recordField(page, 'phone')).toContainText(s.reveal.masked);
  await expect(recordField(page, 'genderIdentity')).toHaveText(`${s.person.fields.genderIdentity.label}${s.record.restricted}`);
  await expect(recordField(page, 'genderIdentity').getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('main')).not.toContainText(PERSON.phone);

  // Reveal the phone number: a reason is required, "another reason" needs words.
  const revealPhone = recordField(page, 'phone').getByRole('button', { name: s.reveal.button });
  await revealPhone.click();
  const dialog = page.getByRole('dialog', { name: s.reveal.title.replace('{{field}}', s.person.fields.phone.label) });
  await expect(dialog.getByRole('radio').first()).toBeFocused();
  expect(await seriousViolations(page), 'reveal dialog').toEqual([]);
  const confirm = dialog.getByRole('button', { name: s.reveal.confirm.replace('{{seconds}}', '30') });
  await confirm.click();
  await expect(dialog.getByRole('alert')).toHaveText(s.form.incomplete);
  await dialog.getByRole('radio', { name: s.reveal.reasons.other }).check();
  await confirm.click();
  await expect(dialog.getByRole('textbox', { name: s.reveal.otherText })).toBeFocused();
  await dialog.getByRole('textbox', { name: s.reveal.otherText }).fill(REASON_TEXT);
  await confirm.click();

  // Shown in place, with a countdown; the other fields and the mode do not change.
  const shown = recordField(page, 'phone').getByRole('group', { name: s.reveal.revealedLabel.replace('{{field}}', s.person.fields.phone.label) });
  await expect(shown).toBeFocused();
  await expect(shown).toContainText(PERSON.phone);
  await expect(shown).toContainText(s.reveal.hiddenIn.replace('{{seconds}}', '30'));
  await expect(recordField(page, 'documents')).toContainText(s.reveal.masked);
  await expect(page.getByRole('main')).not.toContainText(PERSON.documentName);
  await expect(restrictedIndicator(page, 'en')).toBeVisible();
  await page.clock.fastForward('00:10');
  await expect(shown).toContainText(s.reveal.hiddenIn.replace('{{seconds}}', '20'));
  await page.clock.fastForward('00:21');
  await expect(shown).toHaveCount(0);
  await expect(recordField(page, 'phone')).toContainText(s.reveal.masked);
  await expect(page.getByRole('main')).not.toContainText(PERSON.phone);
  await expect(revealPhone).toBeFocused();

  // A second reveal, for a listed reason, hidden early by hand.
  await recordField(page, 'documents').getByRole('button', { name: s.reveal.button }).click();
  const documentsDialog = page.getByRole('dialog', { name: s.reveal.title.replace('{{field}}', s.person.fields.documents.label) });
  await documentsDialog.getByRole('radio', { name: s.reveal.reasons['identity-check'] }).check();
  await documentsDialog.getByRole('button', { name: s.reveal.confirm.replace('{{seconds}}', '30') }).click();
  await expect(recordField(page, 'documents')).toContainText(PERSON.documentName);
  await recordField(page, 'documents').getByRole('button', { name: s.reveal.hideNow }).click();
  await expect(page.getByRole('main')).not.toContainText(PERSON.documentName);
  await signOut(page, 'en');

  // The supervisor's audit screen: both reveals, with field and reason, and no values.
  await signIn(page, 'en', SUPERVISOR);
  await page.getByRole('navigation').getByRole('button', { name: s.shell.audit, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.audit.title })).toBeVisible();
  await page.getByRole('combobox', { name: s.audit.action }).selectOption('field-reveal');
  await page.getByRole('textbox', { name: s.audit.userName }).fill(CLERK.userName);
  await button(page, s.audit.apply).click();
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: s.audit.count.replace('{{number}}', '2') })).toBeVisible();
  const phoneReveal = rows.filter({ hasText: s.person.fields.phone.label });
  await expect(phoneReveal).toContainText(s.audit.actions['field-reveal']);
  await expect(phoneReveal).toContainText(CLERK.userName);
  await expect(phoneReveal).toContainText(s.reveal.reasons.other);
  await expect(phoneReveal).toContainText(REASON_TEXT);
  await expect(rows.filter({ hasText: s.person.fields.documents.label })).toContainText(s.reveal.reasons['identity-check']);
  await expect(page.getByRole('main')).not.toContainText(PERSON.phone);
  expect(await seriousViolations(page), 'audit screen').toEqual([]);

  // The CSV: UTF-8 with a byte-order mark, the reveals, no values and no free text.
  const downloading = page.waitForEvent('download');
  await button(page, s.audit.export).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString('utf8');
  expect(csv).toContain('field-reveal');
  expect(csv).toContain(CLERK.userName);
  expect(csv).toContain('field=phone');
  for (const value of [PERSON.phone, PERSON.documentName, PERSON.documentNumber, PERSON.genderWords, PERSON.notes, REASON_TEXT]) {
    expect(csv).not.toContain(value);
  }
  await expect(page.getByRole('status').filter({ hasText: s.audit.exported.replace('{{number}}', '2') })).toBeVisible();

  // The log says what people did (issue 15). The clerk was shown the record they had just
  // registered, which is its creation, not an opening, and never opened its edit history.
  const filter = async (action: string, userName: string): Promise<void> => {
    await page.getByRole('combobox', { name: s.audit.action }).selectOption(action);
    await page.getByRole('textbox', { name: s.audit.userName }).fill(userName);
    await button(page, s.audit.apply).click();
  };
  const none = page.getByRole('status').filter({ hasText: s.audit.none });
  await filter('record-open', CLERK.userName);
  await expect(none).toBeVisible();
  await filter('record-history-open', CLERK.userName);
  await expect(none).toBeVisible();
  // The settings save changed one setting: one entry, naming it as the settings screen does.
  await filter('setting-change', SUPERVISOR.userName);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(s.audit.details.restrictedOnOpen);
  await expect(rows.first()).not.toContainText(s.audit.details.idleMinutes);
  await expect(rows.first()).not.toContainText('restrictedOnOpen');

  // The supervisor opens the record: an opening; the edit history is asked for, and logged, only once opened.
  await openFromSearch(page, 'en', PERSON.chosenName, PERSON.chosenName);
  await page.locator('summary').filter({ has: page.getByRole('heading', { name: s.history.title, exact: true }) }).click();
  const historyPanel = page.locator('.history-panel');
  await expect(historyPanel.getByRole('listitem').first().or(historyPanel.getByText(s.history.empty))).toBeVisible();
  expect(await seriousViolations(page), 'record with its edit history open').toEqual([]);
  await page.getByRole('navigation').getByRole('button', { name: s.shell.audit, exact: true }).click();
  await filter('record-history-open', SUPERVISOR.userName);
  await expect(rows).toHaveCount(1);
  await filter('record-open', SUPERVISOR.userName);
  await expect(rows).toHaveCount(1);
});
