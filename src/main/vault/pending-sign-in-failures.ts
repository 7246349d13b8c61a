import { join } from 'node:path';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from './atomic-file';

/**
 * Failed sign-ins happen while the database is locked, so they cannot go straight into the audit
 * log. They wait here (a time and the keyed slot hash, nothing else) and are written to the log
 * at the next successful unlock.
 */
const FILE = 'pending-sign-in-failures.json';
const MAX_PENDING = 1000;
const schema = z.object({ failures: z.array(z.object({ at: z.string(), slotId: z.string() })) });
export type PendingFailure = z.infer<typeof schema>['failures'][number];

export class PendingSignInFailures {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, FILE);
  }

  add(slotId: string, at: Date): void {
    const failures = [...this.read(), { at: at.toISOString(), slotId }].slice(-MAX_PENDING);
    writeJsonAtomic(this.path, { failures });
  }

  /** Hands over every pending failure and forgets them. */
  drain(): PendingFailure[] {
    const failures = this.read();
    if (failures.length > 0) writeJsonAtomic(this.path, { failures: [] });
    return failures;
  }

  private read(): PendingFailure[] {
    const parsed = schema.safeParse(readJson(this.path));
    return parsed.success ? parsed.data.failures : [];
  }
}
