import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests for the plain-Node core (src/shared, src/main). Key derivation is scrypt at
 * N=2^17, so tests are slow-ish by design: a long per-test timeout, and files run in forked
 * workers (the native SQLite binding is safest in its own process).
 *
 * tsconfig.json maps 'better-sqlite3-multiple-ciphers' to its index.d.ts: that alias is for the
 * type checker only (the package's "exports" has no "types" condition). At run time the package
 * must resolve through node_modules as usual, so tsconfig paths are deliberately NOT applied here.
 */
export default defineConfig({
  resolve: { tsconfigPaths: false },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Two files at a time: CI runners here have 2 cores, and vitest's default (cores - 1) would run
    // one. Most of a file's time is scrypt and SQLite in its own process, so two halve the run
    // (measured: 1,587 s with one, 850 s with two, on this 2-core machine).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    // What each desk sent is recorded outside its data folder (src/main/exchange/sent-record.ts):
    // in a folder of this run's own, not the user's state folder.
    env: { INTAKE_STATE_DIR: process.env.INTAKE_STATE_DIR ?? mkdtempSync(join(tmpdir(), 'intake-state-')) },
  },
});
