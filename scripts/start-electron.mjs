// `npm start`: launches the built app in Electron, or says in one line why it cannot.
import { spawn, spawnSync } from 'node:child_process';

// Only what was typed after `npm start --`: devtools stay off unless that includes --intake-dev.
const extraArgs = process.argv.slice(2);

function electronBinary() {
  // Requiring 'electron' from Node returns the binary's path, fetching it on first use.
  // Its download comes from outside the npm registry; where that fails, say so plainly.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout ? probe.stdout : null;
}

const binary = electronBinary();
if (!binary) {
  console.error("Electron's binary is not available on this machine (it is downloaded from outside the npm registry); run `npm run start:web` to use the app in a browser instead.");
  process.exit(1);
}
const child = spawn(binary, ['.', ...extraArgs], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
