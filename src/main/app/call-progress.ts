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

type Task = NonNullable<Progress>;
type StepOf<T extends Task['task']> = Extract<Task, { task: T }>['step'];

/**
 * The callback a long call is given for its steps: each one reported as it starts, with the
 * number done before it, then the host answers app.progress before the step runs.
 */
export function stepReporter<T extends Task['task']>(progress: CallProgress, task: T, steps: readonly StepOf<T>[]): (step: StepOf<T>) => Promise<void> {
  return async (step) => {
    // The compiler cannot pair a generic task with its own steps; the signature above does.
    progress.report({ task, step, done: steps.indexOf(step), total: steps.length } as Task);
    await yieldToHost();
  };
}
