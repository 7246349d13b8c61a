import { spawn } from 'node:child_process';
import { BUILT_CLI, builtEntry, ROOT } from './built';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One admin CLI command as a user types it, passwords on standard input as the CLI requires. */
export function runCli(args: string[], passwords: string[]): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...builtEntry(BUILT_CLI), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(`${passwords.join('\n')}\n`);
  });
}

/** A CLI command that must succeed (setting a site up for a test). */
export async function cli(args: string[], passwords: string[]): Promise<void> {
  const run = await runCli(args, passwords);
  if (run.code !== 0) throw new Error(`intake ${args[0]} exited with ${run.code}: ${run.stderr}`);
}
