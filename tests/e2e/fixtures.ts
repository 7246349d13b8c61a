import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect } from '@playwright/test';
import { resources } from '../../src/shared/i18n';
import type { Language } from '../../src/shared/languages';
import { BUILT_WEB_HOST, builtEntry, ROOT } from './built';

const READY = /^Intake web host: open (\S+)/;
const START_TIMEOUT_MS = 30_000;

/** The languages every end-to-end flow runs in: left-to-right and right-to-left. */
export const LANGUAGES_UNDER_TEST = ['en', 'ar'] as const satisfies readonly Language[];

/** The interface's own words, so the Arabic run finds Arabic labels. */
export function strings(language: Language) {
  return resources[language].translation;
}

export interface WebHost {
  /** With the one-time token in its fragment. */
  url: string;
  origin: string;
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => reject(new Error(`web host did not start in time\n${stderr}`)), START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = READY.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolvePromise(match[1]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}\n${stderr}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Console messages that are not faults of the app. */
const EXPECTED_CONSOLE = [
  // The CSP <meta> repeats the HTTP header's policy; browsers ignore this one directive in a <meta>.
  /frame-ancestors' is ignored when delivered via a <meta> element/,
];

/** Prepares the fresh data folder before the web host opens it (for example with the admin CLI). */
export type DataDirSetup = (dataDir: string) => Promise<void>;

/** The built web host on a data folder, on a free loopback port. */
function spawnHost(dataDir: string): ChildProcess {
  return spawn(process.execPath, [...builtEntry(BUILT_WEB_HOST), '--data-dir', dataDir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A web host on a data folder that is there (a second desk, for example); stop it when done. */
export async function startHost(dataDir: string): Promise<WebHost & { stop: () => Promise<void> }> {
  const child = spawnHost(dataDir);
  try {
    const url = await waitForUrl(child);
    return { url, origin: new URL(url).origin, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

export const test = base.extend<{ host: WebHost; prepareDataDir: DataDirSetup | null }>({
  /** Nothing by default; a spec overrides it with test.use to start the host on a prepared site. */
  prepareDataDir: [null, { option: true }],

  /** A fresh data folder and web host for each test. */
  host: async ({ prepareDataDir }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'intake-e2e-'));
    if (prepareDataDir) {
      try {
        await prepareDataDir(dataDir);
      } catch (error) {
        await rm(dataDir, { recursive: true, force: true });
        throw error;
      }
    }
    const child = spawnHost(dataDir);
    try {
      const url = await waitForUrl(child);
      await use({ url, origin: new URL(url).origin });
    } finally {
      await stop(child);
      await rm(dataDir, { recursive: true, force: true });
    }
  },

  /**
   * Fails the test on any script error, CSP violation or request that leaves the loopback host.
   * Depends on the host so that it is checked before the host stops: a request the page makes while
   * the host is being stopped (an idle check on the lock screen) is refused and is no fault.
   */
  page: async ({ page, host }, use) => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (EXPECTED_CONSOLE.some((pattern) => pattern.test(message.text()))) return;
      problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1') problems.push(`request left the device: ${request.url()}`);
    });
    await use(page);
    expect(problems).toEqual([]);
  },
});

export { expect };
