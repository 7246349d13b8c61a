/**
 * kill -9 at random points during registration, import and seeding: after every cycle the vault
 * opens, `intake verify` is sound (integrity, audit chain, audit coverage) and nothing a call
 * confirmed is lost. More cycles: `npm run bench:crash`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Dispatcher } from '../../src/main/app/dispatch';
import { IntakeCore } from '../../src/main/app/intake-core';
import { crashDrill } from '../../bench/crash-drill/drill';
import { PROTECTION, SUPERVISOR } from './helpers/vault';

const CYCLES = 21;

it(`survives ${CYCLES} kill -9 cycles with every confirmed record kept and verify sound`, { timeout: 300_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'intake-crash-'));
  try {
    const core = new IntakeCore({ dataDir });
    await core.setUp({ ...SUPERVISOR, language: 'en' });
    const created = await new Dispatcher(core, 'cli', () => undefined).dispatch('accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
    expect(created.ok).toBe(true);
    core.close();

    const results = await crashDrill({ dataDir, ...PROTECTION }, { cycles: CYCLES, seed: 7, maxKillMs: 1500 });
    expect(results.flatMap((result, i) => result.problems.map((problem) => `cycle ${i} (${result.work}): ${problem}`))).toEqual([]);
    // The drill did real work of every kind: registrations and imports confirmed before kills, and
    // seeding killed midway still left whole batches behind.
    const confirmed = (work: string) => results.filter((result) => result.work === work).reduce((sum, result) => sum + result.confirmedPeople, 0);
    expect(confirmed('register')).toBeGreaterThan(0);
    expect(confirmed('import')).toBeGreaterThan(0);
    const seededPeople = results.reduce((sum, result, i) => sum + (result.work === 'seed' ? result.peopleAfter - (results[i - 1]?.peopleAfter ?? 0) : 0), 0);
    expect(seededPeople).toBeGreaterThan(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
