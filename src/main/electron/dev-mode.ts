import type { MenuItemConstructorOptions } from 'electron';

/**
 * Devtools and Electron's default menu (reload, devtools) are for development only, and only
 * when asked for: `npm start -- --intake-dev`. A packaged build ignores the flag.
 *
 * Pure on purpose (no runtime electron import) so it is unit-tested under plain Node.
 */
export const DEV_FLAG = '--intake-dev';

export function isDevMode(argv: readonly string[], isPackaged: boolean): boolean {
  return !isPackaged && argv.includes(DEV_FLAG);
}

/**
 * The application menu: Electron's default in development; otherwise none, except on macOS,
 * where copy, paste and quit shortcuts only work through menu items, so it gets the app and
 * edit menus alone (no reload, no devtools).
 */
export function applicationMenu(devMode: boolean, platform: NodeJS.Platform): 'default' | MenuItemConstructorOptions[] | null {
  if (devMode) return 'default';
  if (platform === 'darwin') return [{ role: 'appMenu' }, { role: 'editMenu' }];
  return null;
}
