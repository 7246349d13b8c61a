import type { Language } from '../../src/shared/languages';
import type { Role } from '../../src/shared/roles';
import { cli } from './cli';
import { SUPERVISOR } from './helpers';

/**
 * A site set up with the admin CLI as an administrator would: the first supervisor, then each
 * account given, in `language`, with its password final (accounts.spec tries the first sign-in's change). Specs add their people on top (seed, import).
 */
export async function siteByCli(dataDir: string, language: Language, accounts: readonly (readonly [{ userName: string; password: string }, Role])[]): Promise<void> {
  const site = ['--data-dir', dataDir];
  await cli(['init', ...site, '--user', SUPERVISOR.userName, '--password-stdin', '--language', language, '--json'], [SUPERVISOR.password]);
  for (const [account, role] of accounts) {
    await cli(
      ['user', 'add', ...site, '--user', SUPERVISOR.userName, '--password-stdin', '--name', account.userName, '--role', role, '--language', language, '--password-is-final'],
      [SUPERVISOR.password, account.password],
    );
  }
}
