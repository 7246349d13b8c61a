/**
 * Issue 13: at every unlock each account's key pair is published to its row (to travel) and those
 * that came from other desks get a slot here. When nothing differs, nothing is written: the check
 * reads only, and no write transaction is begun to publish or adopt.
 */
import { describe, expect, it, vi } from 'vitest';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, setUpVault, SUPERVISOR } from '../helpers/vault';
import { signedIn } from './two-desks';

describe("syncing accounts' key pairs", () => {
  it('writes nothing when every key pair is in its row, and publishes one that is missing', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir('key-pair-sync');
    const { core: setup } = await setUpVault(dataDir);
    await addAccount(setup, CLERK, 'clerk');
    setup.close();

    const core = await signedIn(dataDir, SUPERVISOR);
    const vault = core.vault;
    const keyPairs = () => vault.db.prepare<[], { key_pair: string | null }>('SELECT key_pair FROM accounts ORDER BY id').all();
    const published = keyPairs();
    expect(published).toHaveLength(2);
    for (const row of published) expect(row.key_pair).toEqual(expect.any(String));

    const transaction = vi.spyOn(vault.db, 'transaction');
    const publish = vi.spyOn(vault.accounts, 'publishKeyPair');
    const adopt = vi.spyOn(vault.accounts, 'adoptTravelledKeyPairs');
    vault.syncAccountKeyPairs();
    expect(publish).not.toHaveBeenCalled();
    expect(adopt).not.toHaveBeenCalled();
    // The check's read transaction and the removal of orphan slots (reconcileKeySlots); none to publish.
    expect(transaction).toHaveBeenCalledTimes(2);

    // A row without its key pair (written before the exchange existed): published from the slot file.
    vault.db.prepare('UPDATE accounts SET key_pair = NULL WHERE id = (SELECT max(id) FROM accounts)').run();
    vault.syncAccountKeyPairs();
    expect(publish).toHaveBeenCalled();
    expect(keyPairs()).toEqual(published);
    core.close();
  });
});
