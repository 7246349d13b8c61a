import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER = 'reception-intake';
export const DATA_DIR_ENV = 'INTAKE_DATA_DIR';

/** The user's app-data folder, as Electron's app.getPath('appData') would give it. */
function appDataFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

/** `--data-dir` wins, then INTAKE_DATA_DIR, then the app-data folder. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (flag) return resolve(flag);
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv) return resolve(fromEnv);
  return join(appDataFolder(env, platform), APP_FOLDER);
}

/** Reads `--data-dir D` or `--data-dir=D` from an argument list. */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir') return argv[i + 1];
    if (arg?.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}
