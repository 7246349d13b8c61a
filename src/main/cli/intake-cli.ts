import { parseArgs } from 'node:util';
import type { Method, MethodInput, MethodOutput } from '../../shared/contract';
import { LANGUAGES, type Language } from '../../shared/languages';
import { AppError, type RpcError } from '../../shared/errors';
import type { AuditEntry } from '../../shared/audit';
import { Dispatcher, type DispatchOptions } from '../app/dispatch';
import { IntakeCore } from '../app/intake-core';
import { resolveDataDir } from '../data-dir';
import { readStdinLines, UsageError } from './stdin-secrets';
import { readCsvRows } from './csv-file';
import type { MissingEntry } from '../audit/coverage';
import { describeFailure, EXIT, exitCodeOf } from './messages';
import { assertWritableTarget, writeOutputFile } from './output-file';
import { DUPLICATES_USAGE, RecordNumberError, runDuplicates } from './duplicates-command';
import { BACKUP_USAGE, restoreText, runBackup } from './backup-command';
import { rotationJson, rotationText } from './rotate-key-command';
import { assertEmptyTarget } from '../backup/restore-backup';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatMinutes } from '../../shared/durations';

/**
 * The admin CLI: `npm run intake -- <command> …`. Every command goes through the same dispatch,
 * validation and role checks as the app's window, on the 'cli' channel.
 */
const USAGE = `Usage: npm run intake -- <command> [options]

Commands:
  init        --data-dir D --user NAME --password-stdin [--language en|ar|fr] [--json]
              Create the site's encrypted vault and its first supervisor; prints the recovery key.
  verify      --data-dir D --user NAME --password-stdin
              Unlock, run the integrity and migration checks, the audit chain and its coverage
              (an entry for every record, account and consent); exit 0 when sound, 6 when not.
  export-key  --data-dir D --user NAME --password-stdin
              Supervisors only: print the raw database key for disaster recovery.
  user add    --data-dir D --user SUPERVISOR --password-stdin --name NEW --role clerk|protection|supervisor [--language en|ar|fr] [--password-is-final]
              Create an account; its password is the second line of standard input. At its first
              sign-in the person must replace it, unless --password-is-final (a password agreed
              with them in private).
  password    --data-dir D --user NAME --password-stdin
              Change your own password: the current one is the first line of standard input, the
              new one the second (an account a supervisor made must do this, here or in the app,
              before anything else).
  user disable --data-dir D --user SUPERVISOR --password-stdin --name NAME
              Disable an account (its key slot is deleted).
  rotate-key  --data-dir D --user SUPERVISOR --password-stdin [--json]
              Give the database a new key: re-encrypt it, re-wrap the slots of every enabled
              account and the recovery key; no earlier keyslots.json opens it afterwards.
              Backups made before keep the old key.
  audit       --data-dir D --user SUPERVISOR --password-stdin [--json]
              Print the audit log (supervisors).
  show        --data-dir D --user U --password-stdin [--json] REGISTRATION_NUMBER
              One record as that user may read it (logged as an opening).
  stats       --data-dir D --user SUPERVISOR --password-stdin --from DATE --to DATE --format csv|xlsx|pdf --out FILE
              [--k K] [--k-sensitive K] [--min-population N] [--granularity week|month] [--round]
              Anonymised statistics after disclosure control (supervisors). --min-population: fewest
              people a period (each month, for sensitive tables) needs for breakdowns; 50 unless raised.
  seed        --data-dir D --user NAME --password-stdin --count N [--seed S]
              Register N synthetic people in family units (clerks and protection officers).
  import      --data-dir D --user NAME --password-stdin --file F.csv [--dry-run] [--allow-duplicates]
              Register people from a UTF-8 CSV whose headers are catalogue keys (see README).
              Likely duplicates are listed and nothing is imported until --allow-duplicates.
  providers import --data-dir D --user NAME --password-stdin --file F.csv [--dry-run]
              Add or update service directory entries from a UTF-8 CSV (columns in the README);
              all or nothing, problems listed by line and column. Supervisors and protection officers.
  providers export --data-dir D --user NAME --password-stdin --out F.csv
              The whole service directory as CSV, retired entries included (the same columns).
  search      --data-dir D --user NAME --password-stdin [--json] QUERY
              What the search box finds, as the user may read it.
  desk list   --data-dir D --user SUPERVISOR --password-stdin [--json]
              The site's id and its desks: number, id, enrolled, retired; this one marked (public keys with --json).
  desk enrol  --data-dir D --user SUPERVISOR --password-stdin --out FILE [--json]
              Enrol a new desk: standard input holds your password, then a one-time passphrase
              (16 characters or more) to tell the new desk apart from the file.
  desk join   --data-dir NEW_D --enrolment FILE --password-stdin [--json]
              Make NEW_D a desk of the site: standard input holds the enrolment passphrase.
              Every account carried signs in there with its own password.
  desk retire --data-dir D --user SUPERVISOR --password-stdin --desk N
              Retire desk N (a lost, stolen or replaced laptop); a desk cannot retire itself.
  exchange    --data-dir D --user U --password-stdin --folder DIR [--json]
              Apply every new bundle of the site's other desks found in DIR (a stick, a shared
              folder), then write this desk's bundle there. --json prints written, applied,
              refused, conflicts, waiting and gaps.
${DUPLICATES_USAGE}
${BACKUP_USAGE}

Passwords are read from standard input (one per line), never from arguments.
--data-dir may be omitted: INTAKE_DATA_DIR, then the app-data folder, are used.`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  user: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  language: { type: 'string' },
  json: { type: 'boolean' },
  count: { type: 'string' },
  name: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  k: { type: 'string' },
  'k-sensitive': { type: 'string' },
  'min-population': { type: 'string' },
  granularity: { type: 'string' },
  round: { type: 'boolean' },
  role: { type: 'string' },
  seed: { type: 'string' },
  file: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'allow-duplicates': { type: 'boolean' },
  'password-is-final': { type: 'boolean' },
  limit: { type: 'string' },
  keep: { type: 'string' },
  drill: { type: 'boolean' },
  enrolment: { type: 'string' },
  desk: { type: 'string' },
  folder: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A refused or failed call, with the options the command took the fields from. */
class CallError extends Error {
  constructor(
    readonly error: RpcError,
    readonly renamed: Readonly<Record<string, string>> = {},
  ) {
    super(error.code);
  }
}

interface CallOptions<M extends Method> extends DispatchOptions<MethodOutput<M>> {
  /** Contract fields whose option is not their kebab-case name (userName given as --name). */
  renamed?: Readonly<Record<string, string>>;
}

class Session {
  readonly core: IntakeCore;
  private readonly dispatcher: Dispatcher;

  constructor(dataDir: string) {
    this.core = new IntakeCore({ dataDir });
    // The CLI logs nothing: errors come back as codes and are printed as one line.
    this.dispatcher = new Dispatcher(this.core, 'cli', () => undefined);
  }

  async call<M extends Method>(method: M, input: MethodInput<M>, options: CallOptions<M> = {}): Promise<MethodOutput<M>> {
    const deliver = options.deliver;
    const result = await this.dispatcher.dispatch(method, input, deliver ? { deliver: (value) => deliver(value as MethodOutput<M>) } : {});
    if (!result.ok) throw new CallError(result.error, options.renamed);
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

async function signedIn(options: Options, secrets?: string[]): Promise<Session> {
  const userName = required(options.user, '--user');
  const [password] = secrets ?? (await passwords(options, 1));
  const session = new Session(resolveDataDir(options['data-dir']));
  try {
    await session.call('session.signIn', { userName, password: password ?? '' }, { renamed: { userName: '--user', password: 'the password on standard input' } });
    return session;
  } catch (error) {
    session.close();
    throw error;
  }
}

type Command = (options: Options, positionals: string[]) => Promise<void>;

function duplicateText(duplicate: { registrationNumbers: string[]; lines: number[] }): string {
  const others = [...duplicate.registrationNumbers, ...duplicate.lines.map((line) => `line ${line} of this file`)];
  return `likely the same person as ${others.join(', ')}`;
}

function missingEntryText(missing: MissingEntry): string {
  if (missing.kind === 'person') return `record ${missing.registrationNumber} has no entry that created it`;
  if (missing.kind === 'account') return `account #${missing.accountId} has no entry that created it`;
  return `the ${missing.purpose} consent of ${missing.registrationNumber} was ${missing.change} with no entry for it`;
}

/** What verify says when the audit log's end does not match its head; undefined when it does. */
function auditHeadText(head: MethodOutput<'vault.verify'>['auditHead']): string | undefined {
  switch (head.status) {
    case 'sound':
      return undefined;
    case 'cut':
      return `${head.recorded - head.found} entries cut from the end of the audit log: the log had ${head.recorded}, now ${head.found}`;
    case 'differs':
      return `the end of the audit log does not match its head: the head records ${head.recorded} entries ending in another entry, the log has ${head.found} (entries were added or replaced outside the app)`;
    case 'forged':
      return "the audit log's head does not match its MAC: it was changed outside the app, so entries may have been cut from the end of the log";
    case 'missing':
      return "the audit log's head is missing: entries cut from the end of the log cannot be ruled out";
    case 'unsealed':
      return "the audit log's head has no valid MAC: it was changed or reset outside the app, so entries cut from the end of the log cannot be ruled out";
  }
}

function wholeNumber(value: string | undefined, flag: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new UsageError(`${flag} takes a whole number.`);
  return parsed;
}

const commands: Record<string, Command> = {
  async init(options) {
    const userName = required(options.user, '--user');
    const language = (options.language ?? 'en') as Language;
    if (!LANGUAGES.includes(language)) throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}.`);
    const [password] = await passwords(options, 1);
    const session = new Session(resolveDataDir(options['data-dir']));
    try {
      const { recoveryKey } = await session.call(
        'setup.create',
        { userName, password: password ?? '', language },
        { renamed: { userName: '--user', password: 'the password on standard input' } },
      );
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
      if (!sound) throw new Failure(`integrity check failed: ${report.integrity.slice(0, 3).join('; ')}`, EXIT.damaged);
      if (report.schemaVersion !== report.expectedSchemaVersion) {
        throw new Failure(`schema version ${report.schemaVersion}, expected ${report.expectedSchemaVersion}`, EXIT.damaged);
      }
      if (!report.audit.sound) {
        const how = report.audit.reason === 'edited' ? 'was changed' : 'does not follow the entry before it (one was deleted or moved)';
        throw new Failure(`audit log broken at entry ${report.audit.brokenAt}: it ${how}`, EXIT.damaged);
      }
      const headProblem = auditHeadText(report.auditHead);
      if (headProblem) throw new Failure(headProblem, EXIT.damaged);
      if (!report.coverage.complete) throw new Failure(`audit log incomplete: ${missingEntryText(report.coverage.firstMissing)}`, EXIT.damaged);
      for (const other of report.otherDesks) {
        for (const [line, audit] of [['', other.audit] as const, ...other.leftLines.map((left) => [`, in the line it left after entry ${left.wentOnAfter},`, left.audit] as const)]) {
          if (audit.sound) continue;
          const how = audit.reason === 'edited' ? 'was changed' : 'does not follow the entry before it (one was deleted or moved)';
          throw new Failure(`the audit chain received from desk ${other.desk} is broken${line} at its entry ${audit.brokenAt}: it ${how}`, EXIT.damaged);
        }
      }
      const { people, accounts, consents } = report.coverage;
      const others = report.otherDesks.map(
        (other) =>
          `desk ${other.desk}'s chain of ${other.audit.entries} entries sound` +
          other.leftLines
            .map(
              (left) =>
                ` (it went on a second time after entry ${left.wentOnAfter}, ${left.byRestore ? 'restored from a backup' : 'with no restore recorded: a copy of its data folder put back by hand, or its log rewritten'}; ` +
                `the ${left.audit.entries} entries of the line it left are kept and sound)`,
            )
            .join(''),
      );
      process.stdout.write(
        `ok: integrity sound, schema version ${report.schemaVersion}, audit chain of ${report.audit.entries} entries sound, ` +
          `an entry for each of ${people} records, ${accounts} accounts and ${consents} consents made here` +
          `${others.length > 0 ? `; ${others.join(', ')}` : ''}\n`,
      );
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

  async 'rotate-key'(options) {
    const secrets = await passwords(options, 1);
    const session = await signedIn(options, secrets);
    try {
      // The supervisor's password again, as the app asks for it: the one they signed in with.
      const result = await session.call('vault.rotateKey', { password: secrets[0] ?? '' }, { renamed: { password: 'the password on standard input' } });
      process.stdout.write(options.json ? rotationJson(result) : rotationText(result));
    } finally {
      session.close();
    }
  },

  async password(options) {
    const secrets = await passwords(options, 2);
    const session = await signedIn(options, secrets);
    try {
      await session.call(
        'session.changePassword',
        { currentPassword: secrets[0] ?? '', newPassword: secrets[1] ?? '' },
        { renamed: { currentPassword: 'the current password (first line of standard input)', newPassword: 'the new password (second line of standard input)' } },
      );
      process.stdout.write('Your password was changed.\n');
    } finally {
      session.close();
    }
  },

  async user(options, positionals) {
    const action = positionals[0];
    const name = required(options.name, '--name');
    if (action === 'add') {
      const role = options.role;
      if (role !== 'clerk' && role !== 'protection' && role !== 'supervisor') throw new UsageError('--role must be clerk, protection or supervisor.');
      const language = (options.language ?? 'en') as Language;
      if (!LANGUAGES.includes(language)) throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}.`);
      const secrets = await passwords(options, 2);
      const session = await signedIn(options, secrets);
      try {
        const account = await session.call(
          'accounts.create',
          { userName: name, role, password: secrets[1] ?? '', language, changePasswordAtSignIn: options['password-is-final'] !== true },
          { renamed: { userName: '--name', password: "the new account's password (second line of standard input)" } },
        );
        process.stdout.write(
          `Created ${account.role} account ${account.userName}.` +
            (account.passwordChangeDue ? ' At the first sign-in, the app asks for a password of its own.\n' : '\n'),
        );
      } finally {
        session.close();
      }
      return;
    }
    if (action === 'disable') {
      const session = await signedIn(options);
      try {
        const accounts = await session.call('accounts.list', {});
        const wanted = name.normalize('NFKC').trim().toLocaleLowerCase('en-US');
        const account = accounts.find((a) => a.userName.normalize('NFKC').trim().toLocaleLowerCase('en-US') === wanted);
        if (!account) throw new CallError({ code: 'not_found' });
        await session.call('accounts.disable', { id: account.id });
        process.stdout.write(`Disabled ${account.userName}.\n`);
      } finally {
        session.close();
      }
      return;
    }
    throw new UsageError('user takes add or disable.');
  },

  async exchange(options) {
    const folder = resolve(required(options.folder, '--folder'));
    const session = await signedIn(options);
    try {
      const result = await session.call('exchange.run', { folder }, { renamed: { folder: '--folder' } });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `Applied ${result.applied} operations from other desks; wrote ${result.written} of this desk's` +
          (result.bundleWritten ? ` into ${result.bundleWritten}` : ' (no other desk is enrolled: no bundle written)') +
          `.\n${result.conflicts} new conflicts to review; ${result.waiting} records wait for another desk's bundle.\n`,
      );
      if (result.gaps > 0) process.stdout.write(`${result.gaps} bundles wait for an earlier bundle of the same desk: exchange with that desk's latest bundle.\n`);
      if (result.lookAlikes === null) process.stdout.write('Too many records came in to look for look-alikes here: a protection officer runs the duplicates review (intake duplicates).\n');
      else if (result.lookAlikes > 0) {
        process.stdout.write(`${result.lookAlikes} records that came in look like records of another desk: a protection officer decides in the duplicates review (intake duplicates).\n`);
      }
      if (result.clockBehind !== null) {
        process.stdout.write(`This laptop's clock is at least ${formatMinutes(result.clockBehind, 'en')} behind the other desks': set its date and time.\n`);
      }
      for (const { desk, minutes } of result.clockAhead) {
        process.stdout.write(`Desk ${desk}'s bundle was written ${formatMinutes(minutes, 'en')} later than this laptop's time now: this laptop's clock or desk ${desk}'s is wrong.\n`);
      }
      for (const refusal of result.refusals) process.stdout.write(`Refused ${refusal.file} (${refusal.code}): nothing of it was applied.\n`);
    } finally {
      session.close();
    }
  },

  async desk(options, positionals) {
    const action = positionals[0];
    if (action === 'enrol') {
      const out = resolve(required(options.out, '--out'));
      const secrets = await passwords(options, 2);
      const session = await signedIn(options, secrets);
      try {
        const result = await session.call('desks.enrol', { out, passphrase: secrets[1] ?? '' }, { renamed: { passphrase: 'the passphrase (second line of standard input)', out: '--out' } });
        process.stdout.write(
          options.json
            ? `${JSON.stringify(result)}\n`
            : `Enrolled desk ${result.desk.number} (${result.desk.id}); its enrolment file is ${result.file}, carrying ${result.accounts} accounts` +
                `${result.notCarried > 0 ? ` (${result.notCarried} made by an older version must sign in here once, then enrol again)` : ''}. ` +
                'Tell the passphrase to the person at the new desk apart from the file, and delete the file once the desk has joined.\n',
        );
      } finally {
        session.close();
      }
      return;
    }
    if (action === 'join') {
      const enrolment = resolve(required(options.enrolment, '--enrolment'));
      const [passphrase] = await passwords(options, 1);
      const session = new Session(resolveDataDir(options['data-dir']));
      try {
        const result = await session.call('desks.join', { enrolment, passphrase: passphrase ?? '' }, { renamed: { passphrase: 'the passphrase on standard input', enrolment: '--enrolment' } });
        process.stdout.write(
          options.json
            ? `${JSON.stringify(result)}\n`
            : `This data folder is now desk ${result.desk.number} of site ${result.siteId}, with ${result.accounts} accounts: each signs in with its own password.\n`,
        );
      } finally {
        session.close();
      }
      return;
    }
    if (action === 'retire') {
      const number = Number(required(options.desk, '--desk'));
      if (!Number.isInteger(number) || number < 1) throw new UsageError('--desk must be a desk number (see intake desk list).');
      const session = await signedIn(options);
      try {
        const desk = await session.call('desks.retire', { number }, { renamed: { number: '--desk' } });
        process.stdout.write(`Retired desk ${desk.number} (${desk.id}) at ${desk.retiredAt ?? ''}.\n`);
      } finally {
        session.close();
      }
      return;
    }
    if (action !== 'list') throw new UsageError('desk takes list, enrol, join or retire.');
    const session = await signedIn(options);
    try {
      const { siteId, desks } = await session.call('desks.list', {});
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ siteId, desks }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`Site ${siteId}\n`);
      for (const desk of desks) {
        const state = desk.retiredAt ? `retired ${desk.retiredAt}` : 'active';
        process.stdout.write(`desk ${desk.number}\t${desk.id}\t${state}\tenrolled ${desk.enrolledAt}${desk.thisDesk ? '\t(this desk)' : ''}\n`);
      }
    } finally {
      session.close();
    }
  },

  async audit(options) {
    const session = await signedIn(options);
    try {
      const entries: AuditEntry[] = [];
      let beforeId: number | undefined;
      for (;;) {
        const page = await session.call('audit.list', { limit: 1000, ...(beforeId ? { beforeId } : {}) });
        entries.push(...page);
        if (page.length < 1000) break;
        beforeId = page[page.length - 1]?.id;
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      } else {
        for (const entry of entries) {
          const details = Object.entries(entry.details).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('|') : String(value)}`).join(' ');
          process.stdout.write(`${entry.id}\t${entry.at}\t${entry.userName ?? '-'}\t${entry.action}\t${entry.registrationNumber ?? ''}\t${details}\n`);
        }
      }
    } finally {
      session.close();
    }
  },

  async show(options, positionals) {
    const registrationNumber = positionals[0]?.trim();
    if (!registrationNumber) throw new UsageError('show needs a REGISTRATION_NUMBER.');
    const session = await signedIn(options);
    try {
      // Every record, whatever its status: a number names one record.
      const [found] = (await session.call('people.search', { query: registrationNumber, limit: 5, show: 'all' })).filter(
        (person) => person.registrationNumber.toLowerCase() === registrationNumber.toLowerCase(),
      );
      if (!found) throw new CallError({ code: 'not_found' });
      const record = await session.call('people.get', { id: found.id });
      process.stdout.write(`${JSON.stringify(record, null, options.json ? 2 : 0)}\n`);
    } finally {
      session.close();
    }
  },

  async stats(options) {
    const from = required(options.from, '--from');
    const to = required(options.to, '--to');
    const out = required(options.out, '--out');
    const format = options.format;
    if (format !== 'csv' && format !== 'xlsx' && format !== 'pdf') throw new UsageError('--format must be csv, xlsx or pdf.');
    const granularity = options.granularity ?? 'month';
    if (granularity !== 'week' && granularity !== 'month') throw new UsageError('--granularity must be week or month.');
    const request = {
      from,
      to,
      format,
      granularity,
      roundTo5: options.round ?? false,
      ...(options.k !== undefined ? { k: wholeNumber(options.k, '--k') } : {}),
      ...(options['k-sensitive'] !== undefined ? { kSensitive: wholeNumber(options['k-sensitive'], '--k-sensitive') } : {}),
      ...(options['min-population'] !== undefined ? { minPopulation: wholeNumber(options['min-population'], '--min-population') } : {}),
    } as const;
    // Before unlocking anything: a missing folder is the user's to fix, not an export to audit.
    assertWritableTarget(out);
    const session = await signedIn(options);
    try {
      // Written inside the export's transaction: if the file cannot be written, the export is not logged.
      const file = await session.call('stats.export', request, {
        deliver: (exported) => writeOutputFile(out, Buffer.from(exported.dataBase64, 'base64')),
        renamed: { roundTo5: '--round' },
      });
      process.stdout.write(`Wrote ${out} (${file.mimeType}).\n`);
    } finally {
      session.close();
    }
  },

  async seed(options) {
    const count = wholeNumber(required(options.count, '--count'), '--count');
    const seed = wholeNumber(options.seed, '--seed', 1);
    const session = await signedIn(options);
    try {
      const started = performance.now();
      const result = await session.call('people.seed', { count, seed });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`Registered ${result.people} synthetic people in ${result.households} households in ${seconds} s.\n`);
    } finally {
      session.close();
    }
  },

  async import(options) {
    const file = required(options.file, '--file');
    const rows = readCsvRows(file);
    const session = await signedIn(options);
    try {
      const dryRun = options['dry-run'] ?? false;
      const allowDuplicates = options['allow-duplicates'] ?? false;
      const result = await session.call('people.import', { rows, dryRun, allowDuplicates });
      for (const problem of result.rejected) {
        process.stderr.write(`line ${problem.line}${problem.column ? `, ${problem.column}` : ''}: ${problem.reason}\n`);
      }
      if (result.rejected.length > 0) {
        throw new Failure(`${result.rejected.length} problem(s) in ${file}; nothing was imported.`, EXIT.usage);
      }
      for (const duplicate of result.duplicates) process.stderr.write(`line ${duplicate.line}: ${duplicateText(duplicate)}\n`);
      if (result.duplicates.length > 0 && !allowDuplicates) {
        throw new Failure(
          `${result.duplicates.length} row(s) of ${file} may be people already registered or listed twice; nothing was imported. ` +
            'Check each one (intake show REGISTRATION_NUMBER), remove the rows that are the same person, then run again, with --allow-duplicates for the rows that are not.',
          EXIT.usage,
        );
      }
      process.stdout.write(
        dryRun ? `Dry run: all ${result.imported} rows are valid; nothing was imported.\n` : `Imported ${result.imported} people.\n`,
      );
    } finally {
      session.close();
    }
  },

  async providers(options, positionals) {
    const action = positionals[0];
    if (action === 'import') {
      const file = required(options.file, '--file');
      const rows = readCsvRows(file);
      const dryRun = options['dry-run'] ?? false;
      const session = await signedIn(options);
      try {
        const result = await session.call('providers.import', { rows, dryRun });
        for (const problem of result.rejected) {
          process.stderr.write(`line ${problem.line}${problem.column ? `, ${problem.column}` : ''}: ${problem.reason}\n`);
        }
        if (result.rejected.length > 0) throw new Failure(`${result.rejected.length} problem(s) in ${file}; nothing was imported.`, EXIT.usage);
        process.stdout.write(
          dryRun
            ? `Dry run: every row is valid (${result.added} to add, ${result.updated} to update); nothing was imported.\n`
            : `Added ${result.added} and updated ${result.updated} directory entries.\n`,
        );
      } finally {
        session.close();
      }
      return;
    }
    if (action !== 'export') throw new UsageError('providers takes import or export.');
    const out = required(options.out, '--out');
    // Before unlocking anything: a missing folder is the user's to fix, not an export to audit.
    assertWritableTarget(out);
    const session = await signedIn(options);
    try {
      // Written inside the export's transaction: if the file cannot be written, the export is not logged.
      const result = await session.call('providers.exportCsv', {}, { deliver: (exported) => writeOutputFile(out, Buffer.from(exported.csv, 'utf8')) });
      process.stdout.write(`Wrote ${result.entries} directory entries to ${out}.\n`);
    } finally {
      session.close();
    }
  },

  async duplicates(options, positionals) {
    const limit = options.limit === undefined ? undefined : wholeNumber(options.limit, '--limit');
    const session = await signedIn(options);
    try {
      await runDuplicates((method, input) => session.call(method, input), positionals, { json: options.json ?? false, ...(limit !== undefined ? { limit } : {}) }, (text) =>
        process.stdout.write(text),
      );
    } finally {
      session.close();
    }
  },

  async backup(options) {
    const to = required(options.to, '--to');
    const keep = options.keep === undefined ? undefined : wholeNumber(options.keep, '--keep');
    const session = await signedIn(options);
    try {
      await runBackup((method, input) => session.call(method, input, { renamed: { generations: '--keep' } }), { to: resolve(to), json: options.json ?? false, ...(keep !== undefined ? { keep } : {}) }, (text) =>
        process.stdout.write(text),
      );
    } finally {
      session.close();
    }
  },

  /**
   * A restore runs before set-up, in the new data folder (checked empty before anything else); a
   * drill with --data-dir runs signed in to that vault, so it is recorded in its audit log.
   */
  async restore(options) {
    const from = resolve(required(options.from, '--from'));
    const userName = required(options.user, '--user');
    const drill = options.drill ?? false;
    const renamed = { userName: '--user', password: 'the password on standard input' };
    let report;
    if (drill && options['data-dir']) {
      const secrets = await passwords(options, 1);
      const session = await signedIn(options, secrets);
      try {
        report = await session.call('backup.drill', { from, password: secrets[0] ?? '' });
      } finally {
        session.close();
      }
    } else {
      // A drill with no vault of its own: a folder name that is never created (the drill makes its own).
      const target = drill ? join(tmpdir(), `intake-drill-session-${randomUUID()}`) : resolve(required(options.to, '--to'));
      if (!drill) assertEmptyTarget(target);
      const [password] = await passwords(options, 1);
      const session = new Session(target);
      try {
        report = await session.call('backup.restore', { from, userName, password: password ?? '', drill }, { renamed });
      } finally {
        session.close();
      }
    }
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : restoreText(report, drill));
  },

  async search(options, positionals) {
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError('search needs a QUERY.');
    const session = await signedIn(options);
    try {
      const found = await session.call('people.search', { query });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      } else {
        for (const person of found) {
          const age = person.age ? `${person.age.estimated ? '~' : ''}${person.age.years}` : '-';
          process.stdout.write(`${person.registrationNumber}\t${age}\t${person.chosenName}\n`);
        }
      }
    } finally {
      session.close();
    }
  },
};

/** A command that ran and found a problem (verify, import): its own message and exit code. */
class Failure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.other,
  ) {
    super(message);
  }
}

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
    await command(values, positionals.slice(1));
    return 0;
  } catch (error) {
    const refused = error instanceof CallError ? error : error instanceof AppError ? new CallError({ code: error.code, ...(error.params ? { params: error.params } : {}) }) : undefined;
    if (refused) {
      process.stderr.write(`intake: ${describeFailure(refused.error, refused.renamed)}\n`);
      return exitCodeOf(refused.error);
    }
    if (error instanceof RecordNumberError) {
      process.stderr.write(`intake: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof Failure) {
      process.stderr.write(`intake: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      process.stderr.write(`intake: ${error.message}\n${USAGE}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`intake: unexpected failure (${error instanceof Error ? error.name : 'unknown'})\n`);
    return EXIT.other;
  }
}
