import { useCallback, useEffect, useRef, useState } from 'react';
import { lockNow, request } from '../session';

/** Tell main about activity at most this often; its own idle timer is the backstop. */
const TOUCH_INTERVAL_MS = 30_000;
const CHECK_INTERVAL_MS = 1_000;
/** The warning comes this long before the lock (half the idle time when that is shorter). */
export const IDLE_WARNING_MS = 60_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/** A move of 0 pixels: what a browser may send when a dialog appears under a still mouse. */
function stillMove(event: Event): boolean {
  return event instanceof MouseEvent && (event.type === 'mousemove' || event.type === 'pointermove') && event.movementX === 0 && event.movementY === 0;
}

export interface IdleLock {
  /** Seconds before the lock while the warning is on; null otherwise. */
  secondsLeft: number | null;
  /** Keeps the session: counts as activity and tells main at once, so its own timer restarts too. */
  stay: () => void;
}

/**
 * Locks after `idleMinutes` without keyboard, mouse or touch, and warns a minute before. Time is
 * read from the clock on each check, so a laptop that slept past the limit locks as soon as it
 * wakes. Main's timer restarts only on `session.touch`, sent at most every 30 s after activity and
 * at once on `stay`: it always runs out after this one, never before.
 */
export function useIdleLock(idleMinutes: number): IdleLock {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const [startedAt] = useState(() => Date.now());
  const lastActivity = useRef(startedAt);
  // Signing in or unlocking has just reset main's timer.
  const lastTouch = useRef(startedAt);
  const warning = useRef(false);

  const touch = useCallback((now: number): void => {
    lastTouch.current = now;
    // A 'locked' answer reloads inside request(); nothing else needs handling here.
    request('session.touch', {}).catch(() => undefined);
  }, []);

  const stay = useCallback((): void => {
    const now = Date.now();
    lastActivity.current = now;
    touch(now);
    warning.current = false;
    setSecondsLeft(null);
  }, [touch]);

  useEffect(() => {
    const idleMs = idleMinutes * 60_000;
    const warningMs = Math.min(IDLE_WARNING_MS, idleMs / 2);
    let locking = false;

    const check = (): void => {
      const now = Date.now();
      const idle = now - lastActivity.current;
      if (idle >= idleMs) {
        if (!locking) {
          locking = true;
          void lockNow();
        }
        return;
      }
      warning.current = idle >= idleMs - warningMs;
      setSecondsLeft(warning.current ? Math.ceil((idleMs - idle) / 1000) : null);
      if (lastActivity.current > lastTouch.current && now - lastTouch.current >= TOUCH_INTERVAL_MS) touch(now);
    };
    const onActivity = (event: Event): void => {
      if (warning.current && stillMove(event)) return;
      lastActivity.current = Date.now();
      // Activity during the warning ends it at once, not at the next check.
      if (!warning.current) return;
      warning.current = false;
      setSecondsLeft(null);
    };

    const options = { capture: true, passive: true } as const;
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, options);
    const timer = window.setInterval(check, CHECK_INTERVAL_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, options);
    };
  }, [idleMinutes, touch]);

  return { secondsLeft, stay };
}
