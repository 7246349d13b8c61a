/**
 * Issue 13: an exchange killed with SIGKILL (a laptop switched off, a crash) while it writes its
 * bundle or applies another desk's leaves nothing half-done: the stick holds whole bundles only,
 * the desk holds all of a bundle or none of it, and the next exchange completes.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseBundleFileName } from '../../../src/main/exchange/bundle-file';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, SUPERVISOR } from '../helpers/vault';
import { call, exchange, signedIn, twoDesks } from './two-desks';

const WORKER = join(process.cwd(), 'tests/unit/helpers/exchange-worker.ts');
const PEOPLE = 600;

/** Runs one exchange in a child process and kills it `delayMs` after it starts; true if it finished first. */
function exchangeKilledAfter(dataDir: string, folder: string, delayMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, CLERK.userName, folder], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(`${CLERK.password}\n`);
    let finished = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
      if (line.startsWith('done')) finished = true;
    });
    child.on('error', reject);
    child.on('exit', () => resolve(finished));
  });
}

async function peopleAt(dir: string): Promise<number> {
  const core = await signedIn(dir, SUPERVISOR);
  try {
    return (await call(core, 'people.recent', { offset: 0, limit: 1 })).total;
  } finally {
    core.close();
  }
}

describe('an exchange killed midway', () => {
  it('leaves whole bundles or none, all of a bundle applied or none, and the next exchange completes', { timeout: 600_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const clerk = await signedIn(oneDir, CLERK);
    await call(clerk, 'people.seed', { count: PEOPLE, seed: 7 });
    clerk.close();
    const people = await peopleAt(oneDir);

    // Killed while writing: the stick has a whole bundle of desk 1 or none; temporary files are ignored.
    let killedWriting = 0;
    for (const delay of [5, 40, 120, 300]) {
      if (!(await exchangeKilledAfter(oneDir, folder, delay))) killedWriting += 1;
      for (const name of readdirSync(folder).filter((n) => parseBundleFileName(n))) expect(name).toMatch(/\.bundle$/);
    }
    expect((await exchange(oneDir, folder)).bundleWritten).not.toBeNull();

    // Killed while applying, each time on a fresh copy of desk 2: everything or nothing.
    let killedApplying = 0;
    for (const delay of [5, 60, 200, 500, 900, 1500]) {
      const copy = join(tempDataDir('exchange-killed'), 'desk-2');
      mkdirSync(copy);
      cpSync(twoDir, copy, { recursive: true });
      if (!(await exchangeKilledAfter(copy, folder, delay))) killedApplying += 1;
      expect([0, people]).toContain(await peopleAt(copy));
      const next = await exchange(copy, folder);
      expect(next.refused).toBe(0);
      expect(await peopleAt(copy)).toBe(people);
    }
    // The drill means something only if some runs were cut short.
    expect(killedWriting + killedApplying).toBeGreaterThan(0);
  });
});
