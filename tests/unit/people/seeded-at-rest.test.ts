import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/main/app/dispatch';
import { allFieldsOf, type PersonRow } from '../../../src/main/people/person-store';
import { plaintextHits } from '../helpers/files';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, setUpVault } from '../helpers/vault';

describe('seeded people at rest', () => {
  it('leaves none of the seeded names, document numbers or phones in any file of the data dir', async () => {
    const dataDir = tempDataDir('seeded');
    const { core } = await setUpVault(dataDir);
    await addAccount(core, CLERK, 'clerk');
    core.signOut();
    await core.signIn(CLERK.userName, CLERK.password);
    const cli = new Dispatcher(core, 'cli', () => undefined);
    const seeded = await cli.dispatch('people.seed', { count: 400, seed: 11 });
    expect(seeded).toMatchObject({ ok: true, value: { people: 400 } });

    const rows = core.vault.db.prepare<[], PersonRow>('SELECT * FROM people').all();
    const secrets = new Set<string>();
    for (const row of rows) {
      const fields = allFieldsOf(row);
      secrets.add(row.chosen_name);
      for (const document of fields.documents ?? []) {
        if (document.nameOnDocument) secrets.add(document.nameOnDocument);
        if (document.number) secrets.add(document.number);
      }
      if (fields.phone) secrets.add(fields.phone);
    }
    expect(secrets.size).toBeGreaterThan(300);
    const needles = [...secrets];

    // While the database is open (the WAL holds the newest pages) and after it is closed.
    expect(plaintextHits(dataDir, needles)).toEqual([]);
    core.close();
    expect(plaintextHits(dataDir, needles)).toEqual([]);
  });
});
