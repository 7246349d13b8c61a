/**
 * Issue 11, accountability: every computation of statistics is in the audit log with its period
 * and options, not only every export; a request the rules refuse computes nothing.
 */
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../helpers/temp-dir';
import { dispatcherFor, errorCodeOf, setUpVault } from '../helpers/vault';

describe('stats.compute in the audit log', () => {
  it('writes one entry per computation, with the period and every option applied', async () => {
    const site = await setUpVault(tempDataDir('stats-audit'));
    try {
      const { dispatcher } = dispatcherFor(site.core);
      const result = await dispatcher.dispatch('stats.compute', { from: '2026-01-01', to: '2026-03-31', k: 6, minPopulation: 80 });
      expect(result.ok).toBe(true);
      const entries = site.core.vault.audit.list({ limit: 5, action: 'export' });
      expect(entries).toHaveLength(1);
      expect(entries[0]?.details).toEqual({
        format: 'screen',
        from: '2026-01-01',
        to: '2026-03-31',
        granularity: 'month',
        k: 6,
        kSensitive: 10,
        roundTo5: false,
        minPopulation: 80,
        breakdowns: 'none',
      });

      // --k-sensitive 3: refused before anything is counted, so nothing to log.
      const refused = await dispatcher.dispatch('stats.compute', { from: '2026-01-01', to: '2026-03-31', k: 3, kSensitive: 3 });
      expect(errorCodeOf(refused)).toBe('invalid_input');
      expect(site.core.vault.audit.list({ limit: 5, action: 'export' })).toHaveLength(1);
    } finally {
      site.core.close();
    }
  });
});
