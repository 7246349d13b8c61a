import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository's root: the built files below are relative to it, as the web host's out/renderer is. */
export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The web host and the admin CLI as `npm run build` emits them (electron.vite.config.ts). The tests
 * start a host for every test: the built file starts in about half the time `tsx` takes to compile
 * the sources at each start, and it is what the renderer in out/renderer was built with.
 */
export const BUILT_WEB_HOST = 'out/main/web-host.js';
export const BUILT_CLI = 'out/main/intake-cli.js';

/** The node arguments that run a built entry, or an error that says to build first. */
export function builtEntry(path: typeof BUILT_WEB_HOST | typeof BUILT_CLI): string[] {
  if (!existsSync(resolve(ROOT, path))) throw new Error(`${path} is missing: run \`npm run build\` before the end-to-end tests`);
  return [path];
}
