import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../shared/languages';
import { DATABASE_FILE } from '../db/connection';
import { inAsyncTransaction } from '../db/transaction';
import type { AccountRecord } from '../services/accounts';
import { KeySlotStore, RECOVERY_SLOT_ID } from '../vault/key-slots';
import { OpenVault } from '../vault/open-vault';
import { newRecoveryKey } from '../vault/recovery-key';
import { accountCreated } from './audit-events';
import { newGlobalId } from '../exchange/global-id';
import { ensureThisDesk } from '../exchange/this-desk';

/** The entry's author: the account that did it. */
export function auditorOf(user: { id: number; userName: string }): { accountId: number; userName: string } {
  return { accountId: user.id, userName: user.userName };
}

/** A database left by a set-up that died before its key slots were written can never be opened: keep it aside, never delete. */
export function setAsideUnfinishedSetUp(dataDir: string): void {
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) return;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, `${path}.unfinished-${stamp}${suffix}`);
  }
}

/**
 * Creates a site's vault: a random database key, the recovery key's slot, the database, and the
 * first supervisor with the entry that creates the account, in one transaction. The slot file is
 * written only once all of that committed, so a set-up cut short leaves no vault to sign in to.
 * The password has passed the policy already.
 */
export async function createVault(
  dataDir: string,
  input: { userName: string; password: string; language: Language },
): Promise<{ vault: OpenVault; account: AccountRecord; recoveryKey: string }> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  setAsideUnfinishedSetUp(dataDir);
  const key = randomBytes(32);
  const recoveryKey = newRecoveryKey();
  const slots = KeySlotStore.create(dataDir, key);
  await slots.put(RECOVERY_SLOT_ID, 'recovery', recoveryKey, key);
  const vault = OpenVault.open(dataDir, key, slots, { create: true });
  const account = await inAsyncTransaction(vault.db, async () => {
    vault.db.prepare('INSERT INTO site (id, created_at, gid, exchange_key) VALUES (1, ?, ?, ?)').run(new Date().toISOString(), newGlobalId(), randomBytes(32));
    ensureThisDesk(vault.db);
    const created = await vault.accounts.create({ ...input, role: 'supervisor', changePasswordAtSignIn: false });
    vault.audit.append({ ...auditorOf(created), ...accountCreated(created) });
    return created;
  });
  slots.commit();
  return { vault, account, recoveryKey };
}
