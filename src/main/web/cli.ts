import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { IntakeCore } from '../app/intake-core';
import { Dispatcher } from '../app/dispatch';
import { dataDirFlag, resolveDataDir } from '../data-dir';
import { startWebHost } from './server';

/** `npm run start:web [-- --data-dir D] [--port P]`: serves the built renderer on 127.0.0.1. */
function portFlag(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  const value = index >= 0 ? Number(argv[index + 1]) : 0;
  return Number.isInteger(value) && value >= 0 && value < 65536 ? value : 0;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rendererDir = resolve('out/renderer');
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    console.error('The renderer is not built: run `npm run build` first (npm run start:web does it for you).');
    process.exit(1);
  }
  const core = new IntakeCore({ dataDir: resolveDataDir(dataDirFlag(argv)) });
  const host = await startWebHost({ dispatcher: new Dispatcher(core, 'ui'), rendererDir, port: portFlag(argv) });
  console.log(`Intake web host: open ${host.url}`);
  console.log(`Data folder: ${core.dataDir}`);
  const stop = (): void => {
    core.close();
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
