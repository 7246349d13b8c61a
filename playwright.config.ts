import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// What each desk sent is recorded outside its data folder (src/main/exchange/sent-record.ts): the
// web hosts and CLI runs the tests start inherit a folder of this run's own, not the user's.
process.env.INTAKE_STATE_DIR ??= mkdtempSync(join(tmpdir(), 'intake-state-'));

/**
 * End-to-end through the web host (src/main/web), in Debian's Chromium: never a downloaded browser.
 * Build first (`npm run build`, which `npm test` does): the host serves out/renderer.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  // Every test has its own data folder and web host on its own port, so tests run side by side.
  // Most of a test's time is waiting on the page, not the CPU: on the 2-core CI runner two workers
  // took the suite from 34.8 to 16.3 minutes.
  workers: 2,
  retries: 0,
  reporter: 'list',
  // Each sign-in derives a key with scrypt (about a second), and a test signs in several times;
  // beside another worker, a test takes up to half as long again as alone (pickers: 35 to 40 s).
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  use: {
    browserName: 'chromium',
    locale: 'en-GB',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
