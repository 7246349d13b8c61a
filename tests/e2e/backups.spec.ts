import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, LANGUAGES_UNDER_TEST, strings, test } from './fixtures';
import { cli } from './cli';
import { button, fixedParts, CLERK, createAccount, field, setUpSite, signIn, SUPERVISOR } from './helpers';
import { seriousViolations } from './restricted-helpers';
import { siteByCli } from './sites';

for (const language of LANGUAGES_UNDER_TEST) {
  const s = strings(language);

  test(`a supervisor backs up to a folder, sees the reminder go, runs a drill, and drills again after a key rotation (${language})`, async ({ page, host }) => {
    test.setTimeout(180_000);
    const media = await mkdtemp(join(tmpdir(), 'intake-e2e-media-'));
    try {
      await setUpSite(page, host.url, language);
      const reminder = page.locator('.backup-reminder');
      await expect(reminder).toContainText(s.backups.reminder.none);

      // The reminder leads to Site settings → Backups.
      await reminder.getByRole('button', { name: s.backups.reminder.open, exact: true }).click();
      const backups = page.getByRole('region', { name: s.backups.title });
      await expect(backups).toContainText(s.backups.noneVerified);
      await expect(backups).toContainText(s.backups.needsFolder);

      // A folder given by a relative path is refused, named in the user's language.
      const folder = field(page, s.backups.folder);
      await folder.fill('backups');
      await button(page, s.backups.saveOptions).click();
      await expect(backups.getByRole('alert')).toHaveText(s.errors.backup_folder_not_absolute);

      await folder.fill(media);
      await field(page, s.backups.generations).fill('3');
      await button(page, s.backups.saveOptions).click();
      await expect(backups.getByRole('status').filter({ hasText: s.backups.optionsSaved })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await button(page, s.backups.backUpNow).click();
      const result = backups.locator('.backup-result');
      for (const part of fixedParts(s.backups.done)) await expect(result).toContainText(part, { timeout: 60_000 });
      await expect(result).toContainText(media);
      expect((await readdir(media)).filter((name) => name.startsWith('intake-backup-'))).toHaveLength(1);
      for (const part of fixedParts(s.backups.lastVerified)) await expect(backups).toContainText(part);

      // Home: the backup is no longer asked for; a drill is, until one passes.
      await page.getByRole('navigation').getByRole('button', { name: s.shell.home, exact: true }).click();
      await expect(reminder).toContainText(fixedParts(s.backups.reminder.drill)[0] ?? '');
      await expect(reminder).not.toContainText(s.backups.reminder.none);
      await reminder.getByRole('button', { name: s.backups.reminder.open, exact: true }).click();

      // A wrong password fails the drill, in the user's language; the right one passes.
      const drill = page.getByRole('region', { name: s.backups.drillTitle });
      await field(page, s.backups.drillPassword).fill('not the right password at all');
      await button(page, s.backups.runDrill).click();
      // Said with the backup's date (made today), as the interface language writes it: it opens only with a password valid then.
      const today = await page.evaluate((lang) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date()), language);
      await expect(drill.getByRole('alert')).toContainText(today, { timeout: 60_000 });
      await expect(drill.getByRole('alert')).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
      for (const part of fixedParts(s.errors.backup_wrong_credentials)) await expect(drill.getByRole('alert')).toContainText(part);
      await field(page, s.backups.drillPassword).fill(SUPERVISOR.password);
      await button(page, s.backups.runDrill).click();
      for (const part of fixedParts(s.backups.drillPassed)) await expect(drill).toContainText(part, { timeout: 60_000 });
      await expect(field(page, s.backups.drillPassword)).toHaveValue('');
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('navigation').getByRole('button', { name: s.shell.home, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: s.home.findTitle })).toBeVisible();
      await expect(reminder).toHaveCount(0);

      // An account disabled, the key rotated: the backup made before still drills with the
      // password valid when it was made, and the audit log holds both drills and the backup.
      await createAccount(page, language, CLERK, 'clerk');
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: CLERK.userName }) });
      await row.getByRole('button', { name: s.accounts.disable, exact: true }).click();
      await button(page, s.accounts.confirmDisable).click();
      await button(page, s.keyRotation.offerYes).click();
      await field(page, s.keyRotation.password).fill(SUPERVISOR.password);
      await field(page, s.keyRotation.password).press('Enter');
      const rotation = page.getByRole('region', { name: s.keyRotation.title });
      await expect(rotation).toContainText(s.keyRotation.stages.done, { timeout: 60_000 });

      await page.getByRole('navigation').getByRole('button', { name: s.shell.settings, exact: true }).click();
      await field(page, s.backups.drillPassword).fill(SUPERVISOR.password);
      await button(page, s.backups.runDrill).click();
      for (const part of fixedParts(s.backups.drillPassed)) await expect(drill).toContainText(part, { timeout: 60_000 });

      await page.getByRole('navigation').getByRole('button', { name: s.shell.audit, exact: true }).click();
      await expect(page.getByRole('main')).toContainText(s.audit.actions['backup-create']);
      await expect(page.getByRole('main')).toContainText(s.audit.actions['backup-drill']);
    } finally {
      await rm(media, { recursive: true, force: true });
    }
  });

  test(`a replacement laptop restores the register from the set-up screen, then the supervisor signs in (${language})`, async ({ page, host }) => {
    test.setTimeout(180_000);
    const work = await mkdtemp(join(tmpdir(), 'intake-e2e-restore-'));
    try {
      // The old laptop: a site with people, backed up onto the drive by the CLI.
      const site = ['--data-dir', join(work, 'old-laptop')];
      const media = join(work, 'drive');
      await siteByCli(join(work, 'old-laptop'), language, [[CLERK, 'clerk']]);
      await cli(['seed', ...site, '--user', CLERK.userName, '--password-stdin', '--count', '12'], [CLERK.password]);
      await mkdir(media);
      await cli(['backup', ...site, '--user', SUPERVISOR.userName, '--password-stdin', '--to', media, '--json'], [SUPERVISOR.password]);

      const en = strings('en');
      await page.goto(host.url);
      await expect(page.getByRole('heading', { level: 1, name: en.setup.title })).toBeVisible();
      if (language !== 'en') await field(page, en.language.label).selectOption(language);
      await button(page, s.restore.open).click();
      await expect(page.getByRole('heading', { level: 1, name: s.restore.title })).toBeVisible();
      await expect(field(page, s.restore.folder)).toBeFocused();
      expect(await seriousViolations(page)).toEqual([]);

      // The drive's folder (the newest backup in it is taken); a wrong password writes nothing.
      await field(page, s.restore.folder).fill(media);
      await field(page, s.fields.userName).fill(SUPERVISOR.userName);
      await field(page, s.fields.password).fill('not the right password at all');
      await button(page, s.restore.submit).click();
      const today = await page.evaluate((lang) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date()), language);
      await expect(page.getByRole('alert')).toContainText(today, { timeout: 60_000 });
      await expect(page.getByRole('alert')).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
      for (const part of fixedParts(s.errors.backup_wrong_credentials)) await expect(page.getByRole('alert')).toContainText(part);
      await expect(field(page, s.fields.password)).toHaveValue('');

      await field(page, s.fields.password).fill(SUPERVISOR.password);
      await button(page, s.restore.submit).click();
      const done = page.getByRole('status');
      for (const part of fixedParts(s.restore.done)) await expect(done).toContainText(part, { timeout: 60_000 });
      await button(page, s.restore.continue).click();
      await signIn(page, language, SUPERVISOR);
      await expect(page.getByRole('heading', { level: 1, name: s.home.findTitle })).toBeVisible();
      // The twelve people are there.
      await expect(page.getByRole('main')).toContainText(s.home.recentTotal.replace('{{number}}', '12'));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
}
