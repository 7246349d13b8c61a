import { useEffect } from 'react';
import { IS_MAC } from './useLockShortcut';

/** Ctrl+Shift+H (Cmd+Shift+H on a Mac): H for "hide". Lock is Ctrl+L, register Alt+N. */
export const RESTRICTED_SHORTCUT = IS_MAC
  ? ({ aria: 'Meta+Shift+H', label: '⌘⇧H' } as const)
  : ({ aria: 'Control+Shift+H', label: 'Ctrl+Shift+H' } as const);

/** Matched by physical key too, so it works with an Arabic or French layout. */
function isRestrictedShortcut(event: KeyboardEvent): boolean {
  const modifier = event.ctrlKey || event.metaKey;
  return modifier && event.shiftKey && !event.altKey && (event.code === 'KeyH' || event.key.toLowerCase() === 'h');
}

/** Toggles the restricted screen from anywhere in the app, in one keystroke. A held key toggles once. */
export function useRestrictedShortcut(toggle: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isRestrictedShortcut(event)) return;
      event.preventDefault();
      if (!event.repeat) toggle();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [toggle]);
}
