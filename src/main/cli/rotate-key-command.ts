import type { MethodOutput } from '../../shared/contract';

/** What `intake rotate-key` prints once the database key was rotated. */
export function rotationText(result: MethodOutput<'vault.rotateKey'>): string {
  return (
    `Rotated the database key in ${result.seconds} s: the database was re-encrypted under a new key, and the key slots of ` +
    `${result.accounts} enabled accounts and the recovery key were re-wrapped with it; the slots of disabled accounts are gone. ` +
    'No earlier copy of keyslots.json, old raw key or disabled password opens this database any more.\n' +
    'Backups made before keep the old key: the passwords valid when they were made still open them. ' +
    'Make a new backup (intake backup), then keep or destroy the older ones accordingly.\n'
  );
}

/** `--json`: the call's result, and that earlier backups keep the old key. */
export function rotationJson(result: MethodOutput<'vault.rotateKey'>): string {
  return `${JSON.stringify({ ...result, recoveryKeyRewrapped: true, earlierBackupsKeepOldKey: true })}\n`;
}
