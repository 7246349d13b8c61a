/**
 * Issue 11's first attack, as a supervisor runs it from the CLI: export this month, a clerk
 * registers one person, export again, six times, three of the six in sex work. The files the
 * supervisor gets tell the number registered and nothing else: no livelihood, no category, so the
 * changes between them cannot say who is in which.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, dispatcherFor, SUPERVISOR, setUpVault } from '../helpers/vault';

const CLI = join(process.cwd(), 'src/main/cli/index.ts');

function stats(dataDir: string, from: string, to: string, out: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', CLI, 'stats', '--data-dir', dataDir, '--user', SUPERVISOR.userName, '--password-stdin', '--from', from, '--to', to, '--format', 'csv', '--out', out],
    { input: `${SUPERVISOR.password}\n`, encoding: 'utf8', env: { ...process.env, INTAKE_DATA_DIR: '' } },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return readFileSync(out, 'utf8');
}

/** The table codes a statistics CSV holds (its second column, under `#meta+table+code`). */
function tableCodes(csv: string): Set<string> {
  const lines = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  const tags = lines.findIndex((line) => line[1] === '#meta+table+code');
  expect(tags).toBeGreaterThan(0);
  return new Set(lines.slice(tags + 1).flatMap((line) => (line[1] ? [line[1]] : [])));
}

describe('before and after one registration, through the CLI (this month)', () => {
  it('six registrations, three in sex work: every file says only how many registered', async () => {
    const dataDir = tempDataDir('cli-before-after');
    const { core } = await setUpVault(dataDir);
    await addAccount(core, CLERK, 'clerk');
    core.close();
    const today = new Date().toISOString().slice(0, 10);
    const first = `${today.slice(0, 8)}01`;
    const files: string[] = [stats(dataDir, first, today, join(dataDir, 'before.csv'))];
    for (let i = 0; i < 6; i++) {
      const desk = new IntakeCore({ dataDir });
      await desk.signIn(CLERK.userName, CLERK.password);
      const registered = await dispatcherFor(desk).dispatcher.dispatch('people.register', {
        fields: { chosenName: `Person ${i}`, birth: { precision: 'year', year: 1995 }, livelihood: { kind: 'listed', value: i % 2 === 0 ? 'sex-work' : 'informal-work' } },
        consents: ['register', 'sogiesc'],
      });
      expect(registered).toMatchObject({ ok: true });
      desk.close();
      files.push(stats(dataDir, first, today, join(dataDir, `after-${i}.csv`)));
    }
    for (const csv of files) {
      expect(csv.toLowerCase()).not.toMatch(/sex.work|livelihood/);
      expect(csv).toMatch(/registrations/);
    }
    // Nothing but the registrations table in any of them: no count a category could move.
    for (const csv of files) expect([...tableCodes(csv)]).toEqual(['registrations']);
  }, 120_000);
});
