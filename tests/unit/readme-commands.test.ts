/**
 * Runs the README's commands, so the README cannot drift from the CLI again (issue 14).
 *
 * Every line of every ```sh block is a command. Each one is either
 *  - run: `npm run [-s] intake -- …`, on its own or piped from `printf '%s\n' 'password' … |`, is
 *    run as `node --import tsx src/main/cli/index.ts …` (what the npm script runs), with the
 *    printf lines on standard input, and must exit 0, or the code the README gives in a trailing
 *    `# exits with N` comment;
 *  - skipped by name: listed in SKIPPED below, with the reason;
 *  - skipped by rule: its command is not npm (the sqlcipher steps of the recovery section);
 *  - or unhandled, which fails the test: a new README command must be run or listed.
 *
 * The commands run in README order, in one fresh working folder, so state builds up as it would
 * for a reader (init before verify, user add, import…) and the README's relative paths
 * (`--data-dir ./site-a`, `--out stats-2026.csv`) land in that folder, never in the repository.
 * The few README values that only make sense from the repository are in SUBSTITUTIONS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/main/cli/messages';

const REPO = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const CLI = join(REPO, 'src/main/cli/index.ts');
/** `--import tsx` as npm runs it from the repository; resolved here, since the CLI runs elsewhere. */
const TSX = pathToFileURL(createRequire(join(REPO, 'package.json')).resolve('tsx')).href;

/** README commands that cannot run here, each with the reason. Matched on the whole command, comment left off. */
const SKIPPED: Readonly<Record<string, string>> = {
  'npm install && npm start': 'installs packages and opens Electron, whose binary is downloaded on first start: not offline, and needs a display',
  'npm test': 'the whole suite, this test included',
  'npm run start:web': 'builds the renderer (electron-vite), then serves until stopped; tests/unit/web-host.test.ts and the e2e suite cover the host',
  'npm run start:web -- --data-dir ./site-a': 'as npm run start:web',
  'npm run package': 'needs internet: electron-builder downloads Electron and the installer tools; tests/unit/electron-packaging.test.ts checks the config offline',
  'npm run intake -- <command> [options]': 'the synopsis, with placeholders in angle brackets, not a command',
  'npm run bench': 'benchmarks at 100,000 and 1,000,000 people: minutes, and they write bench/results/ in the repository',
  'npm run bench:people -- --sizes 20000': 'a benchmark: slow, and it writes bench/results/people.json in the repository',
  'npm run bench:stats -- --sizes 100000': 'a benchmark: slow, and it writes bench/results/stats.json in the repository',
  'npm run bench:search -- --sizes 20000': 'a benchmark: slow, and it writes bench/results/search.json in the repository',
  'npm run bench:crash -- --cycles 200': 'a drill of 200 kill -9 cycles: many minutes; tests/unit/crash-cycles.test.ts runs 21 of them',
  'npm run bench:backup -- --sizes 20000': 'a benchmark: slow, and it writes bench/results/backup.json in the repository',
  'npm run bench:rotation -- --sizes 20000': 'a benchmark: slow, and it writes bench/results/key-rotation.json in the repository',
  'npm run bench:exchange -- --people 10000': 'a benchmark: minutes, and it writes bench/results/exchange-10000.json in the repository',
  'npm run bench:duplicates -- --sizes 100000': 'a benchmark: minutes, and it writes bench/results/duplicates.json in the repository',
  "printf '%s\\n' 'a long passphrase of your own' | npm run -s intake -- restore --from /media/amira/BACKUP/intake-backup-2026-11-30T08-45-12-345Z --drill --data-dir ./site-a --user amira --password-stdin":
    "a backup's folder is named by the time it was made, and this one is on a removable drive; tests/unit/backup/backup-cli.test.ts runs restore and the drill",
  "printf '%s\\n' 'a long passphrase of your own' | npm run -s intake -- restore --from /media/amira/BACKUP/intake-backup-2026-11-30T08-45-12-345Z --to ./site-b --user amira --password-stdin":
    "as the drill above: tests/unit/backup/backup-cli.test.ts runs it",
  "printf '%s\\n' \"$PASSWORD\" | npm run intake -- exchange --data-dir D --user U --password-stdin --folder /media/stick/exchange --json":
    'needs two desks of one site and a stick; tests/e2e/exchange.spec.ts runs intake exchange, tests/unit/exchange/ the exchange itself',
};

/**
 * README argument → the value the test runs with, replacing the whole argument. Only what cannot
 * be taken as written: the README's commands run from the repository, these from a fresh folder.
 */
const SUBSTITUTIONS: Readonly<Record<string, string>> = {
  'docs/import-example.csv': join(REPO, 'docs/import-example.csv'),
  'docs/providers-example.csv': join(REPO, 'docs/providers-example.csv'),
};

interface ReadmeLine {
  /** 1-based line number in README.md. */
  line: number;
  text: string;
}

/** The lines of the ```sh blocks (indented ones too, as in a numbered list), `\` continuations joined. */
function shellLines(markdown: string): ReadmeLine[] {
  const lines = markdown.split('\n');
  const found: ReadmeLine[] = [];
  let fence: { marker: string; indent: number; shell: boolean } | undefined;
  let pending: ReadmeLine | undefined;
  lines.forEach((raw, index) => {
    const opening = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(raw);
    if (!fence) {
      if (opening) fence = { marker: opening[2] ?? '```', indent: opening[1]?.length ?? 0, shell: ['sh', 'bash', 'shell', 'zsh'].includes(opening[3] ?? '') };
      return;
    }
    if (raw.trim().startsWith(fence.marker) && raw.trim().replace(/[`~]/g, '') === '') {
      fence = undefined;
      return;
    }
    if (!fence.shell) return;
    const text = raw.slice(Math.min(fence.indent, raw.length - raw.trimStart().length));
    const joined: ReadmeLine = pending ? { line: pending.line, text: `${pending.text} ${text.trim()}` } : { line: index + 1, text };
    if (joined.text.endsWith('\\')) {
      pending = { line: joined.line, text: joined.text.slice(0, -1).trimEnd() };
      return;
    }
    pending = undefined;
    if (joined.text.trim() !== '' && !joined.text.trim().startsWith('#')) found.push({ line: joined.line, text: joined.text.trim() });
  });
  return found;
}

type Token = { kind: 'word'; value: string } | { kind: 'pipe' } | { kind: 'unsupported'; value: string };

/**
 * Splits a line as sh would, for the little the README uses: words, 'single' and "double" quotes,
 * backslash escapes, `|`, and a `#` comment. Anything else sh would act on (&&, ;, redirections,
 * $ expansions, back-quotes) comes back as unsupported: such a line must be in SKIPPED.
 */
function tokenize(text: string): { tokens: Token[]; command: string; comment: string } {
  const tokens: Token[] = [];
  let word: string | undefined;
  const endWord = (): void => {
    if (word !== undefined) tokens.push({ kind: 'word', value: word });
    word = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (char === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { tokens: [...tokens, { kind: 'unsupported', value: 'unclosed quote' }], command: text, comment: '' };
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (char === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '$' || text[j] === '`') return { tokens: [...tokens, { kind: 'unsupported', value: text[j] ?? '' }], command: text, comment: '' };
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1] ?? '')) j++;
        value += text[j];
      }
      if (j >= text.length) return { tokens: [...tokens, { kind: 'unsupported', value: 'unclosed quote' }], command: text, comment: '' };
      word = (word ?? '') + value;
      i = j;
    } else if (char === '\\') {
      word = (word ?? '') + (text[i + 1] ?? '');
      i++;
    } else if (/\s/.test(char)) {
      endWord();
    } else if (char === '#' && word === undefined) {
      endWord();
      return { tokens, command: text.slice(0, i).trim(), comment: text.slice(i + 1).trim() };
    } else if (char === '|' && text[i + 1] !== '|') {
      endWord();
      tokens.push({ kind: 'pipe' });
    } else if ('&;<>()$`|'.includes(char)) {
      endWord();
      tokens.push({ kind: 'unsupported', value: char });
    } else {
      word = (word ?? '') + char;
    }
  }
  endWord();
  return { tokens, command: text.trim(), comment: '' };
}

type Plan =
  | { kind: 'run'; readme: ReadmeLine; args: string[]; stdin: string; expectedExit: number }
  | { kind: 'skipped'; readme: ReadmeLine; reason: string }
  | { kind: 'unhandled'; readme: ReadmeLine; why: string };

const usedSkips = new Set<string>();
const usedSubstitutions = new Set<string>();

function planOf(readme: ReadmeLine): Plan {
  const { tokens, command, comment } = tokenize(readme.text);
  const skipReason = SKIPPED[command];
  if (skipReason !== undefined) {
    usedSkips.add(command);
    return { kind: 'skipped', readme, reason: skipReason };
  }
  const unsupported = tokens.find((token) => token.kind === 'unsupported');
  if (unsupported) return { kind: 'unhandled', readme, why: `shell syntax this test does not run (${unsupported.value}); add the line to SKIPPED` };
  const segments: string[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'pipe') segments.push([]);
    else if (token.kind === 'word') segments[segments.length - 1]?.push(token.value);
  }
  const last = segments[segments.length - 1] ?? [];
  if (last[0] !== 'npm') return { kind: 'skipped', readme, reason: 'not an npm command (by rule)' };

  const [, run, ...rest] = last;
  const afterRun = rest[0] === '-s' ? rest.slice(1) : rest;
  if (run !== 'run' || afterRun[0] !== 'intake' || afterRun[1] !== '--') {
    return { kind: 'unhandled', readme, why: 'an npm command that is neither `npm run [-s] intake -- …` nor in SKIPPED' };
  }
  let stdin = '';
  if (segments.length === 2) {
    const [printf, format, ...lines] = segments[0] ?? [];
    if (printf !== 'printf' || format !== '%s\\n') return { kind: 'unhandled', readme, why: "only `printf '%s\\n' … |` may feed the CLI" };
    stdin = lines.map((line) => `${line}\n`).join('');
  } else if (segments.length > 2) {
    return { kind: 'unhandled', readme, why: 'more than one pipe' };
  }
  const args = afterRun.slice(2).map((arg) => {
    const substitute = SUBSTITUTIONS[arg];
    if (substitute === undefined) return arg;
    usedSubstitutions.add(arg);
    return substitute;
  });
  const dataDir = args[args.indexOf('--data-dir') + 1];
  if (!args.includes('--data-dir') || dataDir === undefined || isAbsolute(dataDir) || relative(workDir, resolve(workDir, dataDir)).startsWith('..')) {
    return { kind: 'unhandled', readme, why: '--data-dir must be given, as a folder below the working folder (the test runs it in a temporary one)' };
  }
  const expected = /\bexits? with (\d+)\b/.exec(comment);
  return { kind: 'run', readme, args, stdin, expectedExit: expected ? Number(expected[1]) : EXIT.ok };
}

const workDir = mkdtempSync(join(tmpdir(), 'intake-unit-readme-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const plans = shellLines(README).map(planOf);
const runs = plans.filter((plan): plan is Extract<Plan, { kind: 'run' }> => plan.kind === 'run');

/** As `npm run -s intake -- …` from the working folder, never reaching the user's own data folder. */
function intake(args: readonly string[], stdin: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: workDir,
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: join(REPO, 'tsconfig.json'),
      INTAKE_DATA_DIR: join(workDir, 'no-data-dir-given'),
      XDG_CONFIG_HOME: join(workDir, 'config'),
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cliUsageCommands(): string[] {
  const source = readFileSync(join(REPO, 'src/main/cli/intake-cli.ts'), 'utf8');
  const usage = /const USAGE = `([^`]*)`/.exec(source)?.[1] ?? '';
  return [...usage.matchAll(/^ {2}([a-z-]+(?: [a-z]+)?) +--data-dir/gm)].map((match) => match[1] ?? '');
}

describe("the README's commands", () => {
  it('are each run, or skipped with a reason', () => {
    const unhandled = plans.flatMap((plan) => (plan.kind === 'unhandled' ? [`README line ${plan.readme.line}: ${plan.readme.text}\n  ${plan.why}`] : []));
    expect(unhandled, unhandled.join('\n')).toEqual([]);
    expect(runs.map((plan) => plan.args[0])).toEqual(expect.arrayContaining(['init', 'verify', 'user', 'import', 'seed', 'stats', 'export-key']));
  });

  it('leave no stale entry in the skip list or the substitution table', () => {
    expect(Object.keys(SKIPPED).filter((command) => !usedSkips.has(command))).toEqual([]);
    expect(Object.keys(SUBSTITUTIONS).filter((value) => !usedSubstitutions.has(value))).toEqual([]);
  });

  it("name every command of the CLI's usage in the CLI table", () => {
    const commands = cliUsageCommands();
    expect(commands).toContain('stats');
    expect(commands.filter((command) => !README.includes(`| \`${command} --data-dir`))).toEqual([]);
  });

  it('list every exit code of the CLI', () => {
    const section = /### Exit codes\n([\s\S]*?)\n#{1,3} /.exec(README)?.[1] ?? '';
    const listed = [...section.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(listed).toEqual([...new Set(Object.values(EXIT))].sort((a, b) => a - b));
  });

  for (const plan of runs) {
    const words = plan.args.slice(0, Math.max(1, plan.args.findIndex((arg) => arg.startsWith('--'))));
    const name = `README line ${plan.readme.line}: intake ${words.join(' ')}${plan.expectedExit === EXIT.ok ? '' : `, exits with ${plan.expectedExit}`}`;
    it(name, { timeout: 90_000 }, () => {
      const result = intake(plan.args, plan.stdin);
      expect(result.code, `README line ${plan.readme.line}: ${plan.readme.text}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(plan.expectedExit);
    });
  }
});
