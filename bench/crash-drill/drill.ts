/**
 * The crash drill: kill -9 at random points while people are registered, imported and seeded,
 * then check that the vault is sound (integrity, audit chain, audit coverage) and that everything a
 * call confirmed before the kill is still there. Used by a unit test (a few dozen cycles) and by
 * bench/crash.ts (as many as you like).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Dispatcher } from '../../src/main/app/dispatch';
import { IntakeCore } from '../../src/main/app/intake-core';
import { SeededRandom } from '../../src/main/seed/random';
import type { MethodOutput } from '../../src/shared/contract';

const WORKER = join(import.meta.dirname, 'worker.ts');
export const DRILL_WORK = ['register', 'import', 'seed'] as const;
export type DrillWork = (typeof DRILL_WORK)[number];

export interface DrillSite {
  dataDir: string;
  userName: string;
  password: string;
}

export interface CycleResult {
  work: DrillWork;
  killedAfterMs: number;
  /** Registration numbers the worker saw committed (register), or people it was told were written. */
  confirmedNumbers: string[];
  confirmedPeople: number;
  peopleAfter: number;
  problems: string[];
}

/**
 * Runs the worker until its first call has confirmed work, lets it work for `killAfterMs` more,
 * then kills it with SIGKILL. Counting from the first confirmation rather than from sign-in keeps
 * every cycle's kill inside real work however loaded the machine is: on a busy CI runner a batch of
 * seeded people could take longer than the longest kill time, and a drill that killed only
 * sign-ins and first calls would prove nothing about the writes.
 */
function runAndKill(site: DrillSite, work: DrillWork, killAfterMs: number): Promise<{ lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, site.dataDir, site.userName, work], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        if (line === 'ready') continue;
        lines.push(line);
        timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ lines });
      else reject(new Error(`the worker stopped by itself before it was killed: ${stderr.trim()}`));
    });
    child.stdin.end(`${site.password}\n`);
  });
}

/** Signs in as the drill's user, runs `intake verify`'s checks and reads what the cycle needs. */
async function inspect(site: DrillSite, confirmedNumbers: readonly string[]): Promise<{ people: number; problems: string[] }> {
  const core = new IntakeCore({ dataDir: site.dataDir });
  const dispatcher = new Dispatcher(core, 'cli', () => undefined);
  const problems: string[] = [];
  try {
    const signedIn = await dispatcher.dispatch('session.signIn', { userName: site.userName, password: site.password });
    if (!signedIn.ok) return { people: 0, problems: [`sign-in after the crash failed: ${signedIn.error.code}`] };
    const verified = await dispatcher.dispatch('vault.verify', {});
    if (!verified.ok) return { people: 0, problems: [`verify failed: ${verified.error.code}`] };
    const report = verified.value as MethodOutput<'vault.verify'>;
    if (report.integrity.join() !== 'ok') problems.push(`integrity: ${report.integrity.slice(0, 3).join('; ')}`);
    if (!report.audit.sound) problems.push(`audit chain broken at ${report.audit.brokenAt}`);
    if (!report.coverage.complete) problems.push(`audit coverage: ${JSON.stringify(report.coverage.firstMissing)}`);
    const db = core.vault.db;
    const find = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM people WHERE registration_number = ?');
    for (const number of confirmedNumbers) if ((find.get(number)?.n ?? 0) !== 1) problems.push(`lost: ${number}`);
    const people = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM people').get()?.n ?? 0;
    return { people, problems };
  } finally {
    core.close();
  }
}

/**
 * One cycle: the worker does `work` and is killed after a random time; then the vault is checked.
 * `peopleBefore` is what the last check counted, so people confirmed by an import or a seed can be
 * checked by count (their numbers are not printed).
 */
export async function crashCycle(site: DrillSite, work: DrillWork, killAfterMs: number, peopleBefore: number): Promise<CycleResult> {
  const { lines } = await runAndKill(site, work, killAfterMs);
  const confirmedNumbers = lines.flatMap((line) => (line.startsWith('committed ') ? [line.slice('committed '.length)] : []));
  const counted = lines.flatMap((line) => {
    const match = /^(?:imported|seeded) (\d+)$/.exec(line);
    return match ? [Number(match[1])] : [];
  });
  const confirmedPeople = confirmedNumbers.length + counted.reduce((sum, n) => sum + n, 0);
  const { people, problems } = await inspect(site, confirmedNumbers);
  if (people < peopleBefore + confirmedPeople) problems.push(`lost: ${peopleBefore + confirmedPeople - people} confirmed people`);
  return { work, killedAfterMs: killAfterMs, confirmedNumbers, confirmedPeople, peopleAfter: people, problems };
}

/** `cycles` cycles, the kinds of work in turn, each killed a random 50 to `maxKillMs` ms after its first confirmed call. */
export async function crashDrill(
  site: DrillSite,
  options: { cycles: number; seed: number; maxKillMs: number; onCycle?: (result: CycleResult, index: number) => void },
): Promise<CycleResult[]> {
  const random = new SeededRandom(options.seed);
  const results: CycleResult[] = [];
  let people = 0;
  for (let i = 0; i < options.cycles; i++) {
    const work = DRILL_WORK[i % DRILL_WORK.length] ?? 'register';
    const result = await crashCycle(site, work, random.int(50, options.maxKillMs), people);
    people = result.peopleAfter;
    results.push(result);
    options.onCycle?.(result, i);
  }
  return results;
}
