import { useEffect } from 'react';
import { lockNow, request } from '../session';

/** Tell main about activity at most this often; its own idle timer is the backstop. */
const TOUCH_INTERVAL_MS = 30_000;
const CHECK_INTERVAL_MS = 1_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Locks after `idleMinutes` without keyboard, mouse or touch. Time is read from the clock on each
 * check, so a laptop that slept past the limit locks as soon as it wakes.
 */
export function useIdleLock(idleMinutes: number): void {
  useEffect(() => {
    const idleMs = idleMinutes * 60_000;
    let lastActivity = Date.now();
    // Signing in or unlocking has just reset main's timer.
    let lastTouch = lastActivity;
    let locking = false;

    const onActivity = (): void => {
      lastActivity = Date.now();
    };
    const check = (): void => {
      const now = Date.now();
      if (now - lastActivity >= idleMs) {
        if (!locking) {
          locking = true;
          void lockNow();
        }
        return;
      }
      if (lastActivity > lastTouch && now - lastTouch >= TOUCH_INTERVAL_MS) {
        lastTouch = now;
        // A 'locked' answer reloads inside request(); nothing else needs handling here.
        request('session.touch', {}).catch(() => undefined);
      }
    };

    const options = { capture: true, passive: true } as const;
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, options);
    const timer = window.setInterval(check, CHECK_INTERVAL_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, options);
    };
  }, [idleMinutes]);
}
