import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { runCli } from './cli';
import { button, field, setUpSite, SUPERVISOR } from './helpers';
import { seriousViolations } from './restricted-helpers';

const PASSPHRASE = 'copper kites over the harbour wall';

for (const language of LANGUAGES_UNDER_TEST) {
  const s = strings(language);
  const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));

  test(`a supervisor enrols a desk, the new laptop joins with the file, and the desk is retired (${language})`, async ({ page, host }) => {
    test.setTimeout(180_000);
    const stick = await mkdtemp(join(tmpdir(), 'intake-e2e-stick-'));
    const newDesk = await mkdtemp(join(tmpdir(), 'intake-e2e-desk-'));
    try {
      await setUpSite(page, host.url, language);
      await page.getByRole('navigation').getByRole('button', { name: s.shell.settings, exact: true }).click();
      const desks = page.getByRole('region', { name: s.desks.title });
      await expect(desks.getByRole('rowheader', { name: fill(s.desks.thisDesk, { number: 1 }) })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      // A path that is not whole is refused, named in the user's language.
      await field(page, s.desks.file).fill('desk-2.enrolment');
      await field(page, s.desks.passphrase).fill(PASSPHRASE);
      await button(page, s.desks.enrol).click();
      await expect(desks.getByRole('alert')).toContainText(fill(s.errors.enrolment_file_not_absolute, { file: 'desk-2.enrolment' }).slice(0, 20));

      const file = join(stick, 'desk-2.enrolment');
      await field(page, s.desks.file).fill(file);
      await field(page, s.desks.passphrase).fill(PASSPHRASE);
      await button(page, s.desks.enrol).click();
      await expect(desks.getByRole('status').filter({ hasText: fill(s.desks.enrolledDone, { number: 2 }) })).toBeVisible();
      await expect(desks.getByRole('rowheader', { name: fill(s.desks.desk, { number: 2 }), exact: true })).toBeVisible();
      expect(await readdir(stick)).toEqual(['desk-2.enrolment']);

      // The new laptop joins with the file and the passphrase; the supervisor signs in there.
      const dataDir = join(newDesk, 'data');
      const joined = await runCli(['desk', 'join', '--data-dir', dataDir, '--enrolment', file, '--password-stdin'], [PASSPHRASE]);
      expect(joined.stderr).toBe('');
      expect(joined.stdout).toContain('now desk 2');
      const listed = await runCli(['desk', 'list', '--data-dir', dataDir, '--user', SUPERVISOR.userName, '--password-stdin'], [SUPERVISOR.password]);
      expect(listed.stdout).toMatch(/desk 2\t.*\(this desk\)/);

      // Retired (a lost laptop), after a question whose default is to cancel.
      await button(page, fill(s.desks.retire, { number: 2 })).click();
      const dialog = page.getByRole('dialog', { name: fill(s.desks.retireTitle, { number: 2 }) });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: fill(s.desks.retire, { number: 2 }), exact: true }).click();
      await expect(desks.getByRole('status').filter({ hasText: fill(s.desks.retiredDone, { number: 2 }) })).toBeVisible();
      await expect(desks.getByRole('button', { name: fill(s.desks.retire, { number: 2 }), exact: true })).toHaveCount(0);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await rm(stick, { recursive: true, force: true });
      await rm(newDesk, { recursive: true, force: true });
    }
  });
}
