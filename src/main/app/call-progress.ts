import type { Progress } from '../../shared/contract';

/**
 * The progress of the one long call under way (calls run one at a time), kept in memory for
 * app.progress, which is answered beside that call. Holds step names and counts only.
 */
export class CallProgress {
  private value: Progress = null;

  get current(): Progress {
    return this.value;
  }

  report(value: NonNullable<Progress>): void {
    this.value = value;
  }

  clear(): void {
    this.value = null;
  }
}

/** Lets the event loop answer app.progress between the steps of a long call. */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
