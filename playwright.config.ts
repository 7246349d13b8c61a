import { defineConfig } from '@playwright/test';

/**
 * End-to-end through the web host (src/main/web), in Debian's Chromium: never a downloaded browser.
 * Build first (`npm run build`, which `npm test` does): the host serves out/renderer.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  retries: 0,
  reporter: 'list',
  // Each sign-in derives a key with scrypt (about a second), and a test signs in several times.
  timeout: 60_000,
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
