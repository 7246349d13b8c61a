/**
 * What the page's Content-Security-Policy refused, as the page itself hears it: every
 * `securitypolicyviolation` event (a style attribute, a script, a request), from the first load on.
 */
import type { Page } from '@playwright/test';

interface Watched {
  intakePolicyViolations?: string[];
}

/** Call before the first page.goto: listens on every document the page loads. */
export async function watchPolicyViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const watched = window as unknown as Watched;
    watched.intakePolicyViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      watched.intakePolicyViolations?.push(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber}:${event.columnNumber}): ${event.sample}`);
    });
  });
}

/** The violations heard since the current document loaded. */
export function policyViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as Watched).intakePolicyViolations ?? [])]);
}
