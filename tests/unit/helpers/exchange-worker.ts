/**
 * One side of the exchange crash test: signs in and runs one exchange through a folder, printing
 * "ready" just before it starts, so the driver can kill it with SIGKILL while it writes or applies.
 *
 *   node --import tsx tests/unit/helpers/exchange-worker.ts DATA_DIR USER FOLDER   (password on stdin)
 */
import { writeSync } from 'node:fs';
import { Dispatcher } from '../../../src/main/app/dispatch';
import { IntakeCore } from '../../../src/main/app/intake-core';

async function main(): Promise<void> {
  const [dataDir, userName, folder] = process.argv.slice(2) as [string, string, string];
  const password = await new Promise<string>((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    process.stdin.on('end', () => resolve(text.split('\n')[0] ?? ''));
  });
  const dispatcher = new Dispatcher(new IntakeCore({ dataDir }), 'cli', () => undefined);
  const signedIn = await dispatcher.dispatch('session.signIn', { userName, password });
  if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.error.code}`);
  writeSync(1, 'ready\n');
  const result = await dispatcher.dispatch('exchange.run', { folder });
  if (!result.ok) throw new Error(`exchange.run: ${result.error.code}`);
  writeSync(1, `done ${JSON.stringify(result.value)}\n`);
  process.exit(0);
}

void main();
