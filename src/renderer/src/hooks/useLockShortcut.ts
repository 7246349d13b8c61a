import { useEffect } from 'react';
import { lockNow } from '../session';

export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** Ctrl+L (Cmd+L on a Mac). Matched by physical key too, so it works with an Arabic or French layout. */
function isLockShortcut(event: KeyboardEvent): boolean {
  const modifier = event.ctrlKey || event.metaKey;
  return modifier && !event.altKey && !event.shiftKey && (event.code === 'KeyL' || event.key.toLowerCase() === 'l');
}

export function useLockShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isLockShortcut(event)) return;
      event.preventDefault();
      void lockNow();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
