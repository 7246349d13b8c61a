import { parseArgs } from 'node:util';
import type { Method, MethodInput, MethodOutput } from '../../shared/contract';
import { LANGUAGES, type Language } from '../../shared/languages';
import type { RpcError } from '../../shared/errors';
import en from '../../shared/i18n/locales/en.json';
import { Dispatcher } from '../app/dispatch';
import { IntakeCore } from '../app/intake-core';
import { resolveDataDir } from '../data-dir';
import { readStdinLines, UsageError } from './stdin-secrets';

/**
 * The admin CLI: `npm run intake -- <command> …`. Every command goes through the same dispatch,
 * validation and role checks as the app's window, on the 'cli' channel.
 */
const USAGE = `Usage: npm run intake -- <command> [options]

Commands:
  init        --data-dir D --user NAME --password-stdin [--language en|ar|fr] [--json]
              Create the site's encrypted vault and its first supervisor; prints the recovery key.
  verify      --data-dir D --user NAME --password-stdin
              Unlock, run the integrity and migration checks; exit 0 when sound.
  export-key  --data-dir D --user NAME --password-stdin
              Supervisors only: print the raw database key for disaster recovery.

Passwords are read from standard input (one per line), never from arguments.
--data-dir may be omitted: INTAKE_DATA_DIR, then the app-data folder, are used.`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  user: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  language: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class CallError extends Error {
  constructor(readonly error: RpcError) {
    super(error.code);
  }
}

/** The English message for an error code, from the same locale file the UI uses. */
function describe(error: RpcError): string {
  const messages = en.errors as Record<string, string | undefined>;
  const template = messages[error.code] ?? error.code;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(error.params?.[name] ?? ''));
}

class Session {
  readonly core: IntakeCore;
  private readonly dispatcher: Dispatcher;

  constructor(dataDir: string) {
    this.core = new IntakeCore({ dataDir });
    // The CLI logs nothing: errors come back as codes and are printed as one line.
    this.dispatcher = new Dispatcher(this.core, 'cli', () => undefined);
  }

  async call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await this.dispatcher.dispatch(method, input);
    if (!result.ok) throw new CallError(result.error);
    return result.value as MethodOutput<M>;
  }

  close(): void {
    this.core.close();
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required.`);
  return value;
}

async function passwords(options: Options, count: number): Promise<string[]> {
  if (!options['password-stdin']) throw new UsageError('Pass the password on standard input with --password-stdin.');
  const lines = await readStdinLines();
  const found = lines.slice(0, count);
  if (found.length < count || found.some((line) => line.length === 0)) {
    throw new UsageError(count === 1 ? 'No password on standard input.' : `Expected ${count} passwords, one per line, on standard input.`);
  }
  return found;
}

async function signedIn(options: Options): Promise<Session> {
  const userName = required(options.user, '--user');
  const [password] = await passwords(options, 1);
  const session = new Session(resolveDataDir(options['data-dir']));
  try {
    await session.call('session.signIn', { userName, password: password ?? '' });
    return session;
  } catch (error) {
    session.close();
    throw error;
  }
}

type Command = (options: Options) => Promise<void>;

const commands: Record<string, Command> = {
  async init(options) {
    const userName = required(options.user, '--user');
    const language = (options.language ?? 'en') as Language;
    if (!LANGUAGES.includes(language)) throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}.`);
    const [password] = await passwords(options, 1);
    const session = new Session(resolveDataDir(options['data-dir']));
    try {
      const { recoveryKey } = await session.call('setup.create', { userName, password: password ?? '', language });
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ recoveryKey })}\n`);
      } else {
        process.stdout.write(
          `Vault created in ${session.core.dataDir}\n\nRecovery key (shown once):\n\n    ${recoveryKey}\n\n` +
            'Print it or write it down, and keep it apart from this laptop: with it, any password can be reset.\n',
        );
      }
    } finally {
      session.close();
    }
  },

  async verify(options) {
    const session = await signedIn(options);
    try {
      const report = await session.call('vault.verify', {});
      const sound = report.integrity.length === 1 && report.integrity[0] === 'ok';
      if (!sound) throw new Failure(`integrity check failed: ${report.integrity.slice(0, 3).join('; ')}`);
      if (report.schemaVersion !== report.expectedSchemaVersion) {
        throw new Failure(`schema version ${report.schemaVersion}, expected ${report.expectedSchemaVersion}`);
      }
      process.stdout.write(`ok: integrity sound, schema version ${report.schemaVersion}\n`);
    } finally {
      session.close();
    }
  },

  async 'export-key'(options) {
    const session = await signedIn(options);
    try {
      const { databaseKeyHex } = await session.call('vault.exportKey', {});
      process.stdout.write(`${databaseKeyHex}\n`);
    } finally {
      session.close();
    }
  },
};

class Failure extends Error {}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    const name = positionals[0];
    if (values.help || !name) {
      process.stdout.write(`${USAGE}\n`);
      return name || values.help ? 0 : 2;
    }
    const command = commands[name];
    if (!command) throw new UsageError(`Unknown command: ${name}`);
    await command(values);
    return 0;
  } catch (error) {
    if (error instanceof CallError) {
      process.stderr.write(`intake: ${describe(error.error)}\n`);
      return 1;
    }
    if (error instanceof Failure) {
      process.stderr.write(`intake: ${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      process.stderr.write(`intake: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`intake: unexpected failure (${error instanceof Error ? error.name : 'unknown'})\n`);
    return 1;
  }
}
