/**
 * A record's status travels between desks (issue 15): the changes recorded at each desk reach the
 * other, both desks read the same status by the same order, and a row holding what this version
 * does not record (a status not in the list, a closing without a reason) is not taken.
 */
import { describe, expect, it } from 'vitest';
import { CLERK } from '../helpers/vault';
import { call, exchange, register, signedIn, twoDesks } from './two-desks';

async function statusAt(dataDir: string, registrationNumber: string) {
  const core = await signedIn(dataDir, CLERK);
  try {
    const [found] = await call(core, 'people.search', { query: registrationNumber, show: 'all' });
    if (!found) throw new Error(`${registrationNumber} not found`);
    const view = await call(core, 'people.get', { id: found.id });
    return { status: view.status, history: view.statusHistory.map((entry) => entry.status), activeSearch: await call(core, 'people.search', { query: registrationNumber }) };
  } finally {
    core.close();
  }
}

describe('record status between two desks', () => {
  it('changes made at both desks reach both, read the same; a row of an unknown status or a closing without a reason is not taken', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const rania = await register(oneDir, 'Rania Haddad');
    const one = await signedIn(oneDir, CLERK);
    try {
      await call(one, 'people.setStatus', { id: rania.id, status: 'departed', effectiveOn: '2026-01-10' });
      // What a desk of another version, or one misused, might send: recorded here by hand.
      const insert = one.vault.db.prepare(
        "INSERT INTO record_statuses (person_id, status, reason, effective_on, recorded_at, recorded_by) VALUES (?, ?, ?, '2026-01-20', '2026-01-20T10:00:00.000Z', NULL)",
      );
      insert.run(rania.id, 'vanished', null);
      insert.run(rania.id, 'closed', null);
    } finally {
      one.close();
    }
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const atTwo = await statusAt(twoDir, rania.registrationNumber);
    expect(atTwo.history).toEqual(['departed']);
    expect(atTwo.status).toEqual({ status: 'departed', effectiveOn: '2026-01-10' });
    expect(atTwo.activeSearch).toEqual([]);

    // Back at desk 2 later: active again there, and so at desk 1 after the exchange (after the forged rows, kept at desk 1 only).
    const two = await signedIn(twoDir, CLERK);
    try {
      const [found] = await call(two, 'people.search', { query: rania.registrationNumber, show: 'all' });
      await call(two, 'people.setStatus', { id: found!.id, status: 'active', effectiveOn: '2026-01-25' });
    } finally {
      two.close();
    }
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    const atOne = await statusAt(oneDir, rania.registrationNumber);
    const atTwoAgain = await statusAt(twoDir, rania.registrationNumber);
    expect(atOne.status).toEqual({ status: 'active', effectiveOn: '2026-01-25' });
    expect(atTwoAgain.status).toEqual(atOne.status);
    expect(atOne.activeSearch.map((person) => person.registrationNumber)).toEqual([rania.registrationNumber]);
  });
});
