import { join } from 'node:path';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from './atomic-file';

/**
 * Back-off after failed sign-ins, kept on disk so that restarting the app does not reset it.
 * Entries are keyed by the slot id (a keyed hash), never by user name. Unknown user names are
 * throttled the same way, so the delay does not reveal which accounts exist.
 */
export const THROTTLE_FILE = 'sign-in-throttle.json';
const FREE_ATTEMPTS = 3;
const MAX_DELAY_SECONDS = 300;
const MAX_ENTRIES = 1000;

const fileSchema = z.object({
  entries: z.record(z.string(), z.object({ failures: z.number().int().nonnegative(), lastFailureAt: z.number() })),
});
type ThrottleFile = z.infer<typeof fileSchema>;

export function delaySecondsAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS);
}

export class SignInThrottle {
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(dataDir, THROTTLE_FILE);
  }

  /** Seconds the caller must still wait before another attempt for this slot; 0 when free. */
  secondsToWait(slotId: string): number {
    const entry = this.read().entries[slotId];
    if (!entry) return 0;
    const readyAt = entry.lastFailureAt + delaySecondsAfter(entry.failures) * 1000;
    return Math.max(0, Math.ceil((readyAt - this.now()) / 1000));
  }

  recordFailure(slotId: string): void {
    const file = this.read();
    const previous = file.entries[slotId]?.failures ?? 0;
    const entries = { ...file.entries, [slotId]: { failures: previous + 1, lastFailureAt: this.now() } };
    const kept = Object.entries(entries)
      .sort(([, a], [, b]) => b.lastFailureAt - a.lastFailureAt)
      .slice(0, MAX_ENTRIES);
    writeJsonAtomic(this.path, { entries: Object.fromEntries(kept) });
  }

  recordSuccess(slotId: string): void {
    const file = this.read();
    if (!(slotId in file.entries)) return;
    const { [slotId]: _cleared, ...rest } = file.entries;
    writeJsonAtomic(this.path, { entries: rest });
  }

  private read(): ThrottleFile {
    const parsed = fileSchema.safeParse(readJson(this.path));
    return parsed.success ? parsed.data : { entries: {} };
  }
}
