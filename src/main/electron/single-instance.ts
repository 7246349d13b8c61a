/** The part of Electron's `app` the lock needs; `app` itself fits. */
export interface InstanceLock {
  requestSingleInstanceLock(): boolean;
  quit(): void;
}

/**
 * Electron's documented pattern: an instance that does not get the lock quits and sets up
 * nothing (no core, no window, no data folder); the running one is told through 'second-instance'.
 * Returns whether this is the primary instance.
 */
export function runAsSingleInstance(lock: InstanceLock, start: () => void): boolean {
  if (!lock.requestSingleInstanceLock()) {
    lock.quit();
    return false;
  }
  start();
  return true;
}
