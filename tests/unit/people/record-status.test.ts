/**
 * A record's status (issue 15): a history of changes, never an update or a delete; the latest by
 * (effective_on, recorded_at, gid) is the status at every desk; lists show active records unless
 * asked, and the duplicate check finds every record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PeopleService } from '../../../src/main/people/people-service';
import { WorkLists } from '../../../src/main/people/work-lists';
import { listConflicts, resolveConflict } from '../../../src/main/exchange/conflicts';
import { AppError } from '../../../src/shared/errors';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/contract';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, dispatcherFor, errorCodeOf, setUpVault } from '../helpers/vault';
import { peopleFixture, type PeopleFixture } from './people-db';

const NOW = '2026-11-25T10:00:00.000Z';
const opened: PeopleFixture[] = [];
function openFixture(): PeopleFixture {
  const fixture = peopleFixture(NOW);
  opened.push(fixture);
  return fixture;
}
afterEach(() => {
  for (const fixture of opened.splice(0)) fixture.close();
});

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('record status', () => {
  it('is active with no change, then the latest change by day, time recorded and global id, the same whatever order rows were written', () => {
    const fx = openFixture();
    const id = fx.people.register(fx.clerk, { fields: { chosenName: 'Amal Nasser' }, consents: [] }).id;
    expect(fx.people.view(fx.clerk, id).status).toEqual({ status: 'active' });
    expect(fx.people.view(fx.clerk, id).statusHistory).toEqual([]);

    fx.people.setStatus(fx.clerk, id, { status: 'departed', effectiveOn: '2026-11-20' });
    // Recorded later, but effective earlier: the departure on the 20th stays the status.
    const view = fx.people.setStatus(fx.protection, id, { status: 'relocated', effectiveOn: '2026-11-10' });
    expect(view.status).toEqual({ status: 'departed', effectiveOn: '2026-11-20' });
    expect(view.statusHistory.map((entry) => [entry.status, entry.effectiveOn, entry.recordedBy])).toEqual([
      ['departed', '2026-11-20', 'clerk.one'],
      ['relocated', '2026-11-10', 'protection.one'],
    ]);

    // Two changes of one day recorded at one moment (two desks): the greater global id wins, at every desk.
    const insert = fx.db.prepare(
      "INSERT INTO record_statuses (gid, person_id, status, reason, effective_on, recorded_at, recorded_by) VALUES (unhex(?), ?, ?, NULL, '2026-11-24', '2026-11-24T09:00:00.000Z', ?)",
    );
    insert.run('0193a0000000700080000000000000ff', id, 'deceased', fx.clerk.id);
    insert.run('0193a00000007000800000000000000a', id, 'relocated', fx.clerk.id);
    expect(fx.people.view(fx.clerk, id).status.status).toBe('deceased');
    expect(fx.people.summaryOf(id).status).toBe('deceased');
    // Nothing was deleted: four changes listed.
    expect(fx.people.view(fx.clerk, id).statusHistory).toHaveLength(4);
  });

  it('a closing needs a reason from the list, other statuses take none, and no change is dated after today', () => {
    const fx = openFixture();
    const id = fx.people.register(fx.clerk, { fields: { chosenName: 'Badr' }, consents: [] }).id;
    expect(codeOf(() => fx.people.setStatus(fx.clerk, id, { status: 'closed', effectiveOn: '2026-11-25' }))).toBe('record_status_reason');
    expect(codeOf(() => fx.people.setStatus(fx.clerk, id, { status: 'departed', reason: 'other', effectiveOn: '2026-11-25' }))).toBe('record_status_reason');
    expect(codeOf(() => fx.people.setStatus(fx.clerk, id, { status: 'departed', effectiveOn: '2099-01-01' }))).toBe('record_status_future');
    const closed = fx.people.setStatus(fx.clerk, id, { status: 'closed', reason: 'left-without-notice', effectiveOn: '2026-11-25' });
    expect(closed.status).toEqual({ status: 'closed', reason: 'left-without-notice', effectiveOn: '2026-11-25' });
  });

  it('is refused to a supervisor, who reads it', () => {
    const fx = openFixture();
    const id = fx.people.register(fx.clerk, { fields: { chosenName: 'Dana' }, consents: [] }).id;
    expect(codeOf(() => fx.people.setStatus(fx.supervisor, id, { status: 'departed', effectiveOn: '2026-11-25' }))).toBe('forbidden');
    fx.people.setStatus(fx.clerk, id, { status: 'departed', effectiveOn: '2026-11-25' });
    expect(fx.people.view(fx.supervisor, id, 'restricted').status.status).toBe('departed');
  });

  it('lists show active records by default, the others when asked, and the duplicate check finds every record', () => {
    const fx = openFixture();
    const stayed = fx.people.register(fx.clerk, { fields: { chosenName: 'Rania Haddad', arrivalDate: '2026-11-24' }, consents: [] }).id;
    const left = fx.people.register(fx.clerk, { fields: { chosenName: 'Rania Khoury', arrivalDate: '2026-11-24' }, consents: [] }).id;
    fx.people.setStatus(fx.clerk, left, { status: 'departed', effectiveOn: '2026-11-25' });
    const ids = (people: readonly { id: number }[]) => people.map((person) => person.id).sort((a, b) => a - b);

    expect(fx.people.recent(0, 10)).toMatchObject({ total: 1, items: [{ id: stayed, status: 'active' }] });
    expect(fx.people.recent(0, 10, 'not-active')).toMatchObject({ total: 1, items: [{ id: left, status: 'departed' }] });
    expect(fx.people.recent(0, 10, 'all').total).toBe(2);

    expect(ids(fx.people.search(fx.clerk, 'Rania'))).toEqual([stayed]);
    expect(ids(fx.people.search(fx.clerk, 'Rania', 'normal', 50, 'all'))).toEqual([stayed, left]);
    expect(ids(fx.people.search(fx.clerk, 'Rania', 'normal', 50, 'not-active'))).toEqual([left]);

    const lists = new WorkLists(fx.db, () => new Date(NOW));
    const week = { kind: 'arrived-this-week' } as const;
    expect(lists.list(fx.clerk, week, 'normal').rows.map((row) => row.id)).toEqual([stayed]);
    const everyone = lists.list(fx.clerk, week, 'normal', 'all').rows;
    expect(everyone.find((row) => row.id === left)?.status).toBe('departed');
    expect(everyone.find((row) => row.id === stayed)?.status).toBeUndefined();
    expect(lists.exportCsv(fx.clerk, week, 'normal', { by: 'registeredAt', direction: 'ascending' }, 'en', 'not-active').rows).toBe(1);

    // A departed person who comes back is found before they are registered again, with their status.
    const found = fx.people.duplicates(fx.clerk, { chosenName: 'Rania Khoury' });
    expect(found.find((person) => person.id === left)?.status).toBe('departed');
  });

  it('a search filtered to records not active finds them behind many active namesakes, and the page is never cut short by the filter', () => {
    const fx = openFixture();
    const left = [0, 1, 2].map((i) => fx.people.registerId(fx.clerk, { fields: { chosenName: `Yara Saleh ${'abc'[i] ?? ''}` }, consents: [] }));
    for (const id of left) fx.people.setStatus(fx.clerk, id, { status: 'departed', effectiveOn: '2026-11-25' });
    // Registered after them, so first in the search's order (newest first among equals).
    const stayed = fx.db.transaction(() => Array.from({ length: 40 }, () => fx.people.registerId(fx.clerk, { fields: { chosenName: 'Yara Saleh' }, consents: [] })))();
    const ids = (people: readonly { id: number }[]) => people.map((person) => person.id);

    expect(ids(fx.people.search(fx.clerk, 'Yara Saleh', 'normal', 2, 'not-active'))).toEqual([left[2], left[1]]);
    expect(ids(fx.people.search(fx.clerk, 'Yara Saleh', 'normal', 5, 'not-active'))).toEqual([...left].reverse());
    expect(ids(fx.people.search(fx.clerk, 'Yara Saleh', 'normal', 5))).toEqual(stayed.slice(-5).reverse());
  });

  it('a record merge leaves each record its own statuses: a person who left long ago and came back stays active on the record kept', () => {
    const fx = openFixture();
    const kept = fx.people.register(fx.protection, { fields: { chosenName: 'Elias' }, consents: [] }).id;
    const merged = fx.people.register(fx.protection, { fields: { chosenName: 'Elias' }, consents: [] }).id;
    fx.people.setStatus(fx.clerk, merged, { status: 'departed', effectiveOn: '2025-11-01' });
    const merge = fx.people.merges.merge(fx.protection.id, kept, merged);
    expect(fx.people.view(fx.protection, kept).status).toEqual({ status: 'active' });
    expect(fx.db.prepare('SELECT count(*) FROM record_statuses WHERE person_id = ?').pluck(true).get(merged)).toBe(1);
    fx.people.merges.undo(fx.protection.id, merge.mergeId);
    expect(fx.people.view(fx.protection, kept).status).toEqual({ status: 'active' });
    expect(fx.people.view(fx.protection, merged).statusHistory).toHaveLength(1);
  });

  it('a conflict over a status row is reviewed like a tier-0 change of the record: listed with its number, settled by a desk role', () => {
    const fx = openFixture();
    const person = fx.people.register(fx.clerk, { fields: { chosenName: 'Hana' }, consents: [] });
    fx.people.setStatus(fx.clerk, person.id, { status: 'departed', effectiveOn: '2026-11-25' });
    const gid = fx.db.prepare('SELECT lower(hex(gid)) FROM record_statuses').pluck(true).get() as string;
    // Two desks moved the row concurrently (each merged the record into another): as the merge rule lists it.
    fx.db
      .prepare("INSERT INTO exchange_conflicts (entity, row, field, kept_desk, kept_seq, other_desk, other_seq, found_at) VALUES ('record_status', ?, 'person_id', 2, 1, 3, 1, ?)")
      .run(gid, NOW);
    const [listed] = listConflicts(fx.db, 'protection', 'normal', { open: true });
    expect(listed).toMatchObject({ entity: 'record_status', field: 'person_id', registrationNumber: person.registrationNumber, hidden: false });
    expect(codeOf(() => resolveConflict(fx.db, fx.supervisor, 'normal', listed!.id, 'kept', new Date(NOW)))).toBe('forbidden');
    expect(resolveConflict(fx.db, fx.protection, 'normal', listed!.id, 'kept', new Date(NOW))).toMatchObject({ entity: 'record_status', personId: person.id });
  });

  it('rows are recorded as operations for the other desks', () => {
    const fx = openFixture();
    const id = fx.people.register(fx.clerk, { fields: { chosenName: 'Farah' }, consents: [] }).id;
    new PeopleService(fx.db, () => new Date(NOW)).setStatus(fx.clerk, id, { status: 'deceased', effectiveOn: '2026-11-25' });
    const made = fx.db.prepare("SELECT value FROM own_operations WHERE entity = 'record_status' AND field = ''").pluck(true).all() as string[];
    expect(made).toHaveLength(1);
    expect(JSON.parse(made[0]!)).toMatchObject({ status: 'deceased', reason: null, effective_on: '2026-11-25' });
  });
});

describe('people.setStatus through the contract', () => {
  it('is audited with the status code only, never a name', async () => {
    const site = await setUpVault(tempDataDir('record-status'));
    const { dispatcher } = dispatcherFor(site.core);
    const call = async <M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
      const result = await dispatcher.dispatch(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
      return result.value as MethodOutput<M>;
    };
    await call('accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' });
    // The supervisor may not set it.
    expect(errorCodeOf(await dispatcher.dispatch('people.setStatus', { id: 1, status: 'departed', effectiveOn: '2026-01-01' }))).toBe('forbidden');
    await call('session.signOut', {});
    await call('session.signIn', CLERK);
    const person = await call('people.register', { fields: { chosenName: 'Ghada Saleh' }, consents: [] });
    const view = await call('people.setStatus', { id: person.id, status: 'closed', reason: 'moved-to-other-site', effectiveOn: '2026-01-01' });
    expect(view.status.status).toBe('closed');
    const [entry] = site.core.vault.audit.list({ limit: 5, action: 'record-status-change' });
    expect(entry).toMatchObject({ registrationNumber: person.registrationNumber, details: { status: 'closed', closingReason: 'moved-to-other-site' } });
    expect(JSON.stringify(entry)).not.toContain('Ghada');
    expect(errorCodeOf(await dispatcher.dispatch('people.setStatus', { id: person.id, status: 'closed', effectiveOn: '2026-01-01' }))).toBe('record_status_reason');
    site.core.close();
  });
});
