import type { PendingSignInFailures } from '../vault/pending-sign-in-failures';
import { RECOVERY_SLOT_ID } from '../vault/key-slots';
import type { OpenVault } from '../vault/open-vault';

/**
 * Writes what happened while the database was locked (failed sign-ins, damaged side files) to the
 * audit log, in one transaction; the waiting file is cleared only after it commits, so a crash in
 * between writes an entry twice at the next unlock rather than losing it.
 */
export function writePendingToAudit(vault: OpenVault, pendingFailures: PendingSignInFailures): void {
  const { failures, damagedFiles } = pendingFailures.pending();
  vault.db.transaction(() => {
    for (const failure of failures) {
      const tried = vault.accounts.bySlotId(failure.slotId);
      vault.audit.append(
        {
          action: 'sign-in-failed',
          ...(tried
            ? { accountId: tried.id, userName: tried.userName }
            : { details: { account: failure.slotId === RECOVERY_SLOT_ID ? 'recovery key' : 'unknown user name' } }),
        },
        new Date(failure.at),
      );
    }
    for (const note of damagedFiles) vault.audit.append({ action: 'side-file-damaged', details: { file: note.file } }, new Date(note.at));
  })();
  pendingFailures.clear();
}
