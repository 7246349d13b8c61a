import { useEffect } from 'react';

export const REGISTER_SHORTCUT = { aria: 'Alt+N', label: 'Alt+N' } as const;

/** Alt+N. Matched by physical key too, so it works with an Arabic or French layout. */
function isRegisterShortcut(event: KeyboardEvent): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && (event.code === 'KeyN' || event.key.toLowerCase() === 'n');
}

/** Opens the registration form from anywhere in the app, for the roles that register people. */
export function useRegisterShortcut(enabled: boolean, open: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isRegisterShortcut(event)) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, open]);
}
