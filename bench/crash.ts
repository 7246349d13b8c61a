/**
 * The long crash drill: kill -9 at random points (50 ms to --max-kill-ms after the worker is signed
 * in) during registration, import and seeding, in turn; after each kill the vault must open with
 * `intake verify` sound (integrity, audit chain, audit coverage) and every confirmed record kept.
 * Prints a summary, writes bench/results/crash.json, and exits 1 when any cycle found a problem.
 *
 *   node --import tsx bench/crash.ts --cycles 200
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Dispatcher } from '../src/main/app/dispatch';
import { IntakeCore } from '../src/main/app/intake-core';
import { crashDrill, DRILL_WORK } from './crash-drill/drill';

const { values } = parseArgs({
  options: { cycles: { type: 'string', default: '150' }, 'max-kill-ms': { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' } },
});
const cycles = Number(values.cycles);
const maxKillMs = Number(values['max-kill-ms']);
const site = { userName: 'drill.protection', password: 'seven orchards under copper rain' };

const dataDir = mkdtempSync(join(tmpdir(), 'intake-crash-bench-'));
const started = performance.now();
try {
  const core = new IntakeCore({ dataDir });
  await core.setUp({ userName: 'drill.supervisor', password: 'violet kettle drums at noon', language: 'en' });
  const created = await new Dispatcher(core, 'cli', () => undefined).dispatch('accounts.create', { changePasswordAtSignIn: false, ...site, role: 'protection', language: 'en' });
  core.close();
  if (!created.ok) throw new Error(`could not create the drill's account: ${created.error.code}`);

  const results = await crashDrill(
    { dataDir, ...site },
    {
      cycles,
      seed: Number(values.seed),
      maxKillMs,
      onCycle: (result, i) => {
        if ((i + 1) % 10 === 0 || result.problems.length > 0) {
          process.stdout.write(`cycle ${i + 1}/${cycles}: ${result.work}, killed after ${result.killedAfterMs} ms, ${result.peopleAfter} people, ${result.problems.length} problems\n`);
        }
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const problems = results.flatMap((result, i) => result.problems.map((problem) => `cycle ${i + 1} (${result.work}): ${problem}`));
  const byWork = Object.fromEntries(
    DRILL_WORK.map((work) => {
      const mine = results.filter((result) => result.work === work);
      return [work, { cycles: mine.length, confirmedPeople: mine.reduce((sum, result) => sum + result.confirmedPeople, 0) }];
    }),
  );
  const summary = { date: new Date().toISOString(), node: process.version, cycles, maxKillMs, seconds, peopleAtEnd: results.at(-1)?.peopleAfter ?? 0, byWork, problems };
  process.stdout.write(`\n${cycles} kill -9 cycles in ${seconds.toFixed(0)} s: ${problems.length} problems, ${summary.peopleAtEnd} people at the end\n`);
  for (const [work, figures] of Object.entries(byWork)) process.stdout.write(`  ${work}: ${figures.cycles} cycles, ${figures.confirmedPeople} people confirmed before a kill\n`);
  for (const problem of problems) process.stdout.write(`  ${problem}\n`);
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, 'results', 'crash.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
