/**
 * One side of the key-rotation crash test: rotates the database key again and again until it is
 * killed with SIGKILL.
 *  - `dispatch`: signs in as a supervisor through the CLI's dispatcher and calls vault.rotateKey,
 *    printing "rotated" after each call that returned (the whole path: password, rekey, slots, reopening).
 *  - `direct`: runs the rotation itself and prints "rekeying" just before `PRAGMA rekey` (synchronously,
 *    so the driver can aim its kill inside the re-encryption or just after it).
 *
 *   node --import tsx tests/unit/helpers/rotation-worker.ts DATA_DIR USER dispatch|direct   (password on stdin)
 */
import { writeSync } from 'node:fs';
import { Dispatcher } from '../../../src/main/app/dispatch';
import { IntakeCore } from '../../../src/main/app/intake-core';
import { KeySlotStore } from '../../../src/main/vault/key-slots';
import { rotateDatabaseKey } from '../../../src/main/vault/key-rotation';

async function main(): Promise<void> {
  const [dataDir, userName, mode] = process.argv.slice(2) as [string, string, 'dispatch' | 'direct'];
  const password = await new Promise<string>((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    process.stdin.on('end', () => resolve(text.split('\n')[0] ?? ''));
  });
  // A test that died without killing it must not leave it rotating keys for hours.
  const driver = process.ppid;
  const stopWhenOrphaned = (): void => {
    if (process.ppid !== driver) process.exit(0);
  };
  if (mode === 'direct') {
    for (;;) {
      stopWhenOrphaned();
      const core = new IntakeCore({ dataDir });
      await core.signIn(userName, password);
      writeSync(1, 'ready\n');
      const { newKey } = await rotateDatabaseKey({
        dataDir,
        db: core.vault.db,
        oldKey: Buffer.from(core.vault.databaseKeyHex, 'hex'),
        own: { slotId: KeySlotStore.open(dataDir).slotIdFor(userName), secret: password },
        hooks: { beforeRekey: () => writeSync(1, 'rekeying\n') },
      });
      newKey.fill(0);
      core.vault.db.close();
      writeSync(1, 'rotated\n');
    }
  }
  const dispatcher = new Dispatcher(new IntakeCore({ dataDir }), 'cli', () => undefined);
  const signedIn = await dispatcher.dispatch('session.signIn', { userName, password });
  if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.error.code}`);
  writeSync(1, 'ready\n');
  for (;;) {
    stopWhenOrphaned();
    const rotated = await dispatcher.dispatch('vault.rotateKey', { password });
    if (!rotated.ok) throw new Error(`vault.rotateKey: ${rotated.error.code}`);
    writeSync(1, 'rotated\n');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : 'failed'}\n`);
  process.exit(1);
});
