import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, setAsideDamaged, writeJsonAtomic, type JsonRead } from './atomic-file';

/**
 * Failed sign-ins happen while the database is locked, so they cannot go straight into the audit
 * log. They wait here (a time and the keyed slot hash, nothing else) and are written to the log
 * at the next successful unlock. So do notes of side files found damaged (a file name and a
 * time), for the same reason.
 */
export const PENDING_FAILURES_FILE = 'pending-sign-in-failures.json';
const MAX_PENDING = 1000;
const failureSchema = z.object({ at: z.iso.datetime(), slotId: z.string().min(1).max(200) });
// A bare file name: the note goes into the audit log, so nothing else may ride in on it.
const damagedFileSchema = z.object({ at: z.iso.datetime(), file: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/) });
const schema = z.object({
  failures: z.array(failureSchema),
  /** Absent in files written before damaged files were noted. */
  damagedFiles: z.array(damagedFileSchema).optional(),
});
export type PendingFailure = z.infer<typeof failureSchema>;
export type DamagedFileNote = z.infer<typeof damagedFileSchema>;
interface Pending {
  failures: PendingFailure[];
  damagedFiles: DamagedFileNote[];
}

/**
 * Every complete `{"at": …, "slotId": …}` in a file cut short or partly overwritten, in the shape
 * writeJsonAtomic writes them: what is legible still reaches the audit log.
 */
const FAILURE_IN_TEXT = /\{\s*"at"\s*:\s*("(?:[^"\\\n]|\\.)*")\s*,\s*"slotId"\s*:\s*("(?:[^"\\\n]|\\.)*")\s*\}/g;

function parsedString(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function legibleFailures(text: string): PendingFailure[] {
  return [...text.matchAll(FAILURE_IN_TEXT)].flatMap((match) => {
    const entry = failureSchema.safeParse({ at: parsedString(match[1] ?? ''), slotId: parsedString(match[2] ?? '') });
    return entry.success ? [entry.data] : [];
  });
}

/** The sound entries of a file that is JSON but not (wholly) of the expected shape. */
function soundEntries<T>(value: unknown, key: string, entrySchema: z.ZodType<T>): T[] {
  if (typeof value !== 'object' || value === null || !(key in value)) return [];
  const list: unknown = (value as Record<string, unknown>)[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const entry = entrySchema.safeParse(item);
    return entry.success ? [entry.data] : [];
  });
}

/** What can still be read of a damaged file. */
function salvage(read: Exclude<JsonRead, { status: 'missing' }>): Pending {
  if (read.status === 'damaged') return { failures: legibleFailures(read.text), damagedFiles: [] };
  return { failures: soundEntries(read.value, 'failures', failureSchema), damagedFiles: soundEntries(read.value, 'damagedFiles', damagedFileSchema) };
}

export class PendingSignInFailures {
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(dataDir, PENDING_FAILURES_FILE);
  }

  add(slotId: string, at: Date): void {
    const pending = this.read();
    this.write({ ...pending, failures: [...pending.failures, { at: at.toISOString(), slotId }] });
  }

  /** Keeps a note that a side file was found damaged, for the audit log at the next unlock. */
  noteDamaged(file: string): void {
    const pending = this.read();
    this.write({ ...pending, damagedFiles: [...pending.damagedFiles, { at: new Date(this.now()).toISOString(), file }] });
  }

  /** Hands over every pending failure and forgets them. */
  /** What waits for the audit log; clear() it once the entries are committed, so a crash loses none. */
  pending(): { failures: PendingFailure[]; damagedFiles: DamagedFileNote[] } {
    return this.read();
  }

  clear(): void {
    const pending = this.read();
    if (pending.failures.length > 0 || pending.damagedFiles.length > 0) this.write({ failures: [], damagedFiles: [] });
  }

  private write(pending: Pending): void {
    writeJsonAtomic(this.path, { failures: pending.failures.slice(-MAX_PENDING), damagedFiles: pending.damagedFiles.slice(-MAX_PENDING) });
  }

  /**
   * A damaged file loses nothing that can still be read: it is set aside as it is, its legible
   * entries are written back, and a note of the damage waits for the audit log.
   */
  private read(): Pending {
    const read = readJsonFile(this.path);
    if (read.status === 'missing') return { failures: [], damagedFiles: [] };
    const parsed = read.status === 'read' ? schema.safeParse(read.value) : undefined;
    if (parsed?.success) return { failures: parsed.data.failures, damagedFiles: parsed.data.damagedFiles ?? [] };
    const kept = salvage(read);
    setAsideDamaged(this.path, new Date(this.now()));
    const pending = { ...kept, damagedFiles: [...kept.damagedFiles, { at: new Date(this.now()).toISOString(), file: PENDING_FAILURES_FILE }] };
    this.write(pending);
    return pending;
  }
}
