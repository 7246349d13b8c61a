import type { Response } from '@playwright/test';
import { RPC_PATH_PREFIX } from '../../src/shared/ipc';
import { expect, strings, test } from './fixtures';
import { button, createAccount, PROTECTION, setUpSite, signIn, signOut } from './helpers';
import { HIDDEN_VALUES, openFromSearch, PERSON, recordField, registerPerson, restrictedIndicator } from './restricted-helpers';

const NEW_PHONE = '+963 933 210 468';
const MEMBER = 'Omar Mansour';

/** Every way a value could be written in a response body: as typed, and as JSON would escape it. */
function forms(value: string): string[] {
  const digits = value.replace(/\D/g, '');
  return [...new Set([value, JSON.stringify(value).slice(1, -1), value.toLowerCase(), ...(digits.length >= 6 ? [digits] : [])])];
}

test('on the restricted screen no tier-1 or tier-2 value reaches the renderer, and search matches tier 0 only', async ({ page, host }) => {
  const s = strings('en');
  await setUpSite(page, host.url, 'en');
  await createAccount(page, 'en', PROTECTION, 'protection');
  await signOut(page, 'en');
  await signIn(page, 'en', PROTECTION);
  await registerPerson(page, 'en');

  // A change, so the history holds an old and a new tier-1 value.
  await button(page, s.record.edit).click();
  await page.getByRole('textbox', { name: s.person.fields.phone.label, exact: true }).fill(NEW_PHONE);
  await button(page, s.record.save).click();
  await expect(page.getByText(s.record.saved)).toBeVisible();
  await expect(recordField(page, 'phone')).toContainText(NEW_PHONE);

  // A family member, so the family view has someone in it.
  const family = page.getByRole('region', { name: s.family.title });
  await family.getByRole('button', { name: s.family.addMember, exact: true }).click();
  await family.getByRole('combobox', { name: s.family.relationshipToFocal }).selectOption('partner');
  await family.getByRole('textbox', { name: s.person.fields.chosenName.label, exact: true }).fill(MEMBER);
  await family.getByRole('button', { name: s.registration.submitMember, exact: true }).click();
  await expect(family.getByRole('table').getByRole('row')).toHaveCount(3);

  // In the normal view the document name finds the person.
  await openFromSearch(page, 'en', PERSON.documentName, PERSON.chosenName);

  // The restricted screen, remembered across a reload.
  await page.keyboard.press('Control+Shift+H');
  await expect(restrictedIndicator(page, 'en')).toBeVisible();
  await page.reload();
  await expect(restrictedIndicator(page, 'en')).toBeVisible();

  // From here on, every response the renderer receives is kept.
  const captured: Promise<{ method: string; body: string }>[] = [];
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith(RPC_PATH_PREFIX)) return;
    const method = decodeURIComponent(url.pathname.slice(RPC_PATH_PREFIX.length));
    captured.push(response.text().then((body) => ({ method, body })));
  });

  // The record, its history and its family; then the family member's record.
  await openFromSearch(page, 'en', PERSON.chosenName, PERSON.chosenName);
  await expect(recordField(page, 'phone')).toContainText(s.reveal.masked);
  await expect(recordField(page, 'notes')).toContainText(s.reveal.masked);
  const history = page.locator('.history-panel');
  await history.locator('summary').click();
  await expect(history.getByRole('listitem').filter({ hasText: s.person.fields.phone.label }).first()).toContainText(s.history.restricted);
  await expect(family.getByRole('table').getByRole('row')).toHaveCount(3);
  await family.getByRole('button', { name: MEMBER, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(MEMBER);
  await expect(family.getByRole('table')).toContainText(PERSON.chosenName);

  // Search looks at tier 0 only: hidden values find nobody.
  await page.getByRole('navigation').getByRole('button', { name: s.shell.home, exact: true }).click();
  await expect(page.getByRole('listbox', { name: s.home.recentTitle }).getByRole('option')).toHaveCount(2);
  const search = page.getByRole('searchbox', { name: s.search.label });
  await expect(page.getByText(s.search.restrictedHint)).toBeVisible();
  for (const query of [PERSON.documentName, PERSON.documentNumber, NEW_PHONE, PERSON.notes.split(' ').at(-1)!]) {
    await search.fill(query);
    await expect(page.getByRole('status').filter({ hasText: s.search.none })).toBeVisible();
  }
  await search.fill(PERSON.chosenName);
  await expect(page.getByRole('list', { name: s.search.results }).getByRole('button')).toHaveCount(1);
  await expect(page.getByRole('main')).not.toContainText(NEW_PHONE);

  const responses = await Promise.all(captured);
  const methods = new Set(responses.map((response) => response.method));
  for (const method of ['people.get', 'people.history', 'people.search', 'people.recent']) expect(methods, method).toContain(method);
  const leaks = responses.flatMap(({ method, body }) =>
    [...HIDDEN_VALUES, NEW_PHONE].flatMap((value) => forms(value).filter((form) => body.includes(form)).map((form) => `${method}: ${form}`)),
  );
  expect(leaks).toEqual([]);
  // Not vacuous: the chosen name did come through, in the same bodies.
  expect(responses.some(({ method, body }) => method === 'people.get' && body.includes(PERSON.chosenName))).toBe(true);
});
