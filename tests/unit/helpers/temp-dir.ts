import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A fresh directory under the OS temp folder. The caller removes it (see removeTempDir). */
export function makeTempDir(label = 'data'): string {
  return mkdtempSync(join(tmpdir(), `intake-unit-${label}-`));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh data dir for the running test, removed when the test finishes (pass or fail). */
export function tempDataDir(label = 'data'): string {
  const dir = makeTempDir(label);
  onTestFinished(() => removeTempDir(dir));
  return dir;
}
