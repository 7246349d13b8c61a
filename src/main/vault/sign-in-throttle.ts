import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, setAsideDamaged, writeJsonAtomic } from './atomic-file';

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
  /** Written when the file was found damaged: until then, every attempt waits (see read()). */
  heldUntil: z.number().optional(),
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
    /** Told the file's name when it was found damaged, so the damage can reach the audit log. */
    private readonly onDamaged: (file: string) => void = () => undefined,
  ) {
    this.path = join(dataDir, THROTTLE_FILE);
  }

  /** Seconds the caller must still wait before another attempt for this slot; 0 when free. */
  secondsToWait(slotId: string): number {
    const file = this.read();
    const entry = file.entries[slotId];
    const entryReadyAt = entry ? entry.lastFailureAt + delaySecondsAfter(entry.failures) * 1000 : 0;
    const waitForEntry = Math.max(0, Math.ceil((entryReadyAt - this.now()) / 1000));
    // Capped, so a clock set back cannot stretch the hold beyond the longest back-off.
    const waitForHold = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(((file.heldUntil ?? 0) - this.now()) / 1000)));
    return Math.max(waitForEntry, waitForHold);
  }

  recordFailure(slotId: string): void {
    const file = this.read();
    const previous = file.entries[slotId]?.failures ?? 0;
    const entries = { ...file.entries, [slotId]: { failures: previous + 1, lastFailureAt: this.now() } };
    const kept = Object.entries(entries)
      .sort(([, a], [, b]) => b.lastFailureAt - a.lastFailureAt)
      .slice(0, MAX_ENTRIES);
    this.write({ ...file, entries: Object.fromEntries(kept) });
  }

  recordSuccess(slotId: string): void {
    const file = this.read();
    if (!(slotId in file.entries)) return;
    const { [slotId]: _cleared, ...rest } = file.entries;
    this.write({ ...file, entries: rest });
  }

  /** Drops a hold that is over, so it is not carried from write to write. */
  private write(file: ThrottleFile): void {
    const { heldUntil, entries } = file;
    writeJsonAtomic(this.path, heldUntil !== undefined && heldUntil > this.now() ? { entries, heldUntil } : { entries });
  }

  /**
   * A damaged file (cut short, garbage, or JSON of another shape) must never mean "no back-off":
   * whoever damaged it would get a fresh set of free guesses at once. The rule: the damaged file
   * is set aside, and the new one holds every attempt, for every account, for the longest back-off
   * (MAX_DELAY_SECONDS), once; after that, counting starts afresh. An attacker gains nothing they
   * would not have after many failures, and a real user pays at most one long wait after a rare
   * accident. Salvaging entries is not worth the code: the hold already equals the longest delay.
   * (Deleting the file does reset the counts, but whoever can write to the data folder can copy it
   * and guess offline, against scrypt, anyway: the throttle slows guessing through the app.)
   */
  private read(): ThrottleFile {
    const read = readJsonFile(this.path);
    if (read.status === 'missing') return { entries: {} };
    const parsed = read.status === 'read' ? fileSchema.safeParse(read.value) : undefined;
    if (parsed?.success) return parsed.data;
    setAsideDamaged(this.path, new Date(this.now()));
    const held: ThrottleFile = { entries: {}, heldUntil: this.now() + MAX_DELAY_SECONDS * 1000 };
    this.write(held);
    this.onDamaged(THROTTLE_FILE);
    return held;
  }
}
