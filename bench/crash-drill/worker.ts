/**
 * One side of the crash drill: signs in through the same dispatcher as the CLI and works until it
 * is killed with SIGKILL. After each call that returned, it prints what that call committed, so the
 * driver can check afterwards that nothing confirmed was lost.
 *
 *   node --import tsx bench/crash-drill/worker.ts DATA_DIR USER register|import|seed  (password on stdin)
 */
import { Dispatcher } from '../../src/main/app/dispatch';
import { IntakeCore } from '../../src/main/app/intake-core';
import type { Method, MethodInput, MethodOutput } from '../../src/shared/contract';

type Work = 'register' | 'import' | 'seed';

async function main(): Promise<void> {
  const [dataDir, userName, work] = process.argv.slice(2) as [string, string, Work];
  const password = await new Promise<string>((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    process.stdin.on('end', () => resolve(text.split('\n')[0] ?? ''));
  });
  const dispatcher = new Dispatcher(new IntakeCore({ dataDir }), 'cli', () => undefined);
  const call = async <M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await dispatcher.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
    return result.value as MethodOutput<M>;
  };
  await call('session.signIn', { userName, password });
  // Signed in: other drivers (the backup-while-writing test) start their clock here.
  process.stdout.write('ready\n');
  // A driver that died without killing it (a failed test) must not leave it working for hours.
  const driver = process.ppid;
  for (let round = 0; ; round++) {
    if (process.ppid !== driver) process.exit(0);
    if (work === 'register') {
      const person = await call('people.register', {
        fields: { chosenName: `Drill person ${process.pid}-${round}`, birth: { precision: 'year', year: 1990 } },
        consents: ['register'],
      });
      process.stdout.write(`committed ${person.registrationNumber}\n`);
    } else if (work === 'import') {
      const rows = Array.from({ length: 25 }, (_, i) => ({
        line: i + 2,
        cells: { chosenName: `Drill import ${process.pid}-${round}-${i}`, consents: 'register', household: `h${i % 5}` },
      }));
      // Invented rows that look alike on purpose: allowed, as an importer would after checking them.
      const result = await call('people.import', { rows, dryRun: false, allowDuplicates: true });
      process.stdout.write(`imported ${result.imported}\n`);
    } else {
      // Small enough that some seeds complete before the kill, large enough for several batches.
      const result = await call('people.seed', { count: 800, seed: round + process.pid });
      process.stdout.write(`seeded ${result.people}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`worker: ${error instanceof Error ? error.message : 'failed'}\n`);
  process.exit(1);
});
