import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/main/app/dispatch';
import { tempDataDir } from '../helpers/temp-dir';
import { addAccount, CLERK, setUpVault } from '../helpers/vault';
import { allFieldsOf, type PersonRow } from '../../../src/main/people/person-store';
import { PeopleService } from '../../../src/main/people/people-service';
import { isoWeekDays, WorkLists } from '../../../src/main/people/work-lists';
import { seedPeople } from '../../../src/main/seed/seeder';
import { FIELDS, mayRead, SHIPPED_NEEDS, type PersonFields } from '../../../src/shared/catalogue';
import { AppError } from '../../../src/shared/errors';
import { WORK_LIST_COLUMNS, workListTier, type WorkList } from '../../../src/shared/work-lists';
import { peopleFixture, type PeopleFixture } from './people-db';

const TODAY = '2026-11-25T10:00:00.000Z'; // a Wednesday: the ISO week runs 23 to 29 November
let fx: PeopleFixture;
const opened: PeopleFixture[] = [];
function openFixture(): PeopleFixture {
  fx = peopleFixture(TODAY);
  opened.push(fx);
  return fx;
}
afterEach(() => {
  for (const fixture of opened.splice(0)) fixture.close();
});

function register(people: PeopleService, fields: PersonFields, consents: ('register' | 'sogiesc')[] = ['register']): number {
  return people.register(fx.protection, { fields, consents }).id;
}

function numbersOf(lists: WorkLists, list: WorkList, actor = fx.protection): string[] {
  return lists
    .list(actor, list, 'normal')
    .rows.map((row) => row.registrationNumber)
    .sort();
}

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('work lists', () => {
  it('puts each person on the lists their record meets, and never a record merged into another', () => {
    openFixture();
    const lastMonth = new PeopleService(fx.db, () => new Date('2026-10-20T09:00:00.000Z'));
    const numberOf = (id: number) => fx.people.summaryOf(id).registrationNumber;
    const thisWeek = register(fx.people, { chosenName: 'Amal' });
    const arrivedEarlier = register(fx.people, { chosenName: 'Badr', arrivalDate: '2026-11-10' });
    const registeredEarlierArrivedNow = register(lastMonth, { chosenName: 'Dana', arrivalDate: '2026-11-23' });
    const earlier = register(lastMonth, { chosenName: 'Elias', documentMismatch: true, specificNeeds: ['disability'] });
    const child = register(lastMonth, { chosenName: 'Farah', birth: { precision: 'exact', date: '2014-03-01' }, specificNeeds: [
      'unaccompanied-or-separated-child',
    ] });
    const sensitive = register(lastMonth, { chosenName: 'Ghada', protectionNeeds: ['torture'] });
    const duplicate = register(fx.people, { chosenName: 'Elias', documentMismatch: true, specificNeeds: ['disability'], protectionNeeds: ['torture'] });
    fx.people.families.link({ withPersonId: thisWeek, relationship: 'partner' }, arrivedEarlier);
    fx.people.merges.merge(fx.protection.id, earlier, duplicate);

    const lists = new WorkLists(fx.db, () => new Date(TODAY));
    expect(numbersOf(lists, { kind: 'arrived-this-week' })).toEqual([thisWeek, registeredEarlierArrivedNow].map(numberOf).sort());
    expect(numbersOf(lists, { kind: 'document-mismatch' })).toEqual([numberOf(earlier)]);
    expect(numbersOf(lists, { kind: 'specific-need', need: 'disability' })).toEqual([numberOf(earlier)]);
    expect(numbersOf(lists, { kind: 'specific-need', need: 'torture' })).toEqual([numberOf(sensitive)]);
    expect(numbersOf(lists, { kind: 'unaccompanied-children' })).toEqual([numberOf(child)]);
    expect(numbersOf(lists, { kind: 'no-family-unit' })).toEqual(
      [registeredEarlierArrivedNow, earlier, child, sensitive].map(numberOf).sort(),
    );
    // The children's list has the age as its own column; others carry tier-0 columns only.
    const children = lists.list(fx.clerk, { kind: 'unaccompanied-children' }, 'normal');
    expect(children.columns).toContain('age');
    expect(children.rows[0]?.age).toEqual({ years: 12, estimated: false });
    expect(lists.list(fx.clerk, { kind: 'arrived-this-week' }, 'normal').rows.every((row) => row.age === undefined)).toBe(true);
  });

  it('matches a recomputation from the stored records on a small seeded register', () => {
    openFixture();
    const today = new Date(TODAY);
    seedPeople(fx.db, fx.protection, { count: 300, seed: 15, today }, () => undefined);
    const lists = new WorkLists(fx.db, () => today);
    const rows = fx.db.prepare('SELECT * FROM people WHERE merged_into IS NULL').all() as PersonRow[];
    const inUnit = new Set(fx.db.prepare('SELECT person_id FROM family_memberships WHERE left_at IS NULL').pluck().all() as number[]);
    const { monday, sunday } = isoWeekDays(today);
    const expected = (keep: (fields: PersonFields, row: PersonRow) => boolean) =>
      rows
        .filter((row) => keep(allFieldsOf(row), row))
        .map((row) => row.registration_number)
        .sort();
    const day = (fields: PersonFields, row: PersonRow) => fields.arrivalDate ?? row.registered_at.slice(0, 10);
    expect(numbersOf(lists, { kind: 'arrived-this-week' })).toEqual(expected((f, r) => day(f, r) >= monday && day(f, r) <= sunday));
    expect(numbersOf(lists, { kind: 'no-family-unit' })).toEqual(expected((_f, r) => !inUnit.has(r.id)));
    expect(numbersOf(lists, { kind: 'no-family-unit' }).length).toBeGreaterThan(0);
    expect(numbersOf(lists, { kind: 'document-mismatch' })).toEqual(expected((f) => f.documentMismatch === true));
    for (const need of SHIPPED_NEEDS) {
      const held = (f: PersonFields): boolean => ((need.field === 'specificNeeds' ? f.specificNeeds : f.protectionNeeds) ?? []).some((code) => code === need.code);
      expect(numbersOf(lists, { kind: 'specific-need', need: need.code }), need.code).toEqual(expected(held));
    }
  });

  it('refuses a list chosen by a tier the caller does not read, naming the cause, and reads nothing', () => {
    openFixture();
    register(fx.people, { chosenName: 'Ghada', protectionNeeds: ['sgbv'], documentMismatch: true });
    const lists = new WorkLists(fx.db, () => new Date(TODAY));
    const sgbv: WorkList = { kind: 'specific-need', need: 'sgbv' };
    // Clerks read tiers 0 and 1 (tiers.ts): a tier-2 need is not theirs.
    expect(mayRead('clerk', 2)).toBe(false);
    expect(errorOf(() => lists.list(fx.clerk, sgbv, 'normal'))).toMatchObject({ code: 'work_list_not_readable', params: { tier: 2 } });
    expect(errorOf(() => lists.exportCsv(fx.clerk, sgbv, 'normal', { by: 'chosenName', direction: 'ascending' }, 'en'))).toMatchObject({
      code: 'work_list_not_readable',
    });
    // The restricted screen reads tier 0 only: tier-1 lists wait until it is left.
    expect(errorOf(() => lists.list(fx.clerk, { kind: 'document-mismatch' }, 'restricted'))).toMatchObject({
      code: 'work_list_restricted_screen',
      params: { tier: 1 },
    });
    expect(errorOf(() => lists.list(fx.protection, sgbv, 'restricted'))).toMatchObject({ code: 'work_list_restricted_screen', params: { tier: 2 } });
    expect(lists.list(fx.clerk, { kind: 'arrived-this-week' }, 'restricted').rows).toHaveLength(1);
    expect(lists.list(fx.clerk, { kind: 'document-mismatch' }, 'normal').rows).toHaveLength(1);
    expect(lists.list(fx.protection, sgbv, 'normal').rows).toHaveLength(1);
    // Supervisors read tier 0 only (and the contract keeps them out of work lists altogether).
    expect(errorOf(() => lists.list(fx.supervisor, { kind: 'unaccompanied-children' }, 'normal')).code).toBe('work_list_not_readable');
    expect(errorOf(() => lists.list(fx.protection, { kind: 'specific-need', need: 'site-9' }, 'normal')).code).toBe('not_found');
  });

  it('exports only columns the role reads, with BOM, CRLF and formulas defused, in the order asked for', () => {
    openFixture();
    register(fx.people, { chosenName: '=HYPERLINK("x")', birth: { precision: 'year', year: 2012 }, specificNeeds: ['unaccompanied-or-separated-child'] });
    register(fx.people, { chosenName: 'Amal', specificNeeds: ['unaccompanied-or-separated-child'], notes: 'a private note', phone: '+90 532 000 1111' });
    const lists = new WorkLists(fx.db, () => new Date(TODAY));
    const { csv, rows } = lists.exportCsv(fx.clerk, { kind: 'unaccompanied-children' }, 'normal', { by: 'chosenName', direction: 'ascending' }, 'en');
    expect(rows).toBe(2);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('registration_number,chosen_name,registered_at,arrival_date,age');
    // A symbol sorts before letters; the formula goes out as text.
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toMatch(/,~14$/);
    expect(lines[2]).toContain('Amal');
    expect(csv).not.toContain('private note');
    expect(csv).not.toContain('532');
    // Every column is of a tier the clerk reads; on the restricted screen only tier 0 goes out.
    for (const column of lists.list(fx.clerk, { kind: 'unaccompanied-children' }, 'normal').columns) expect(mayRead('clerk', WORK_LIST_COLUMNS[column])).toBe(true);
    const restricted = lists.exportCsv(fx.clerk, { kind: 'arrived-this-week' }, 'restricted', { by: 'registeredAt', direction: 'descending' }, 'en');
    expect(restricted.csv.slice(1).split('\r\n')[0]).toBe('registration_number,chosen_name,registered_at,arrival_date');
    expect(FIELDS.birth.tier).toBe(1);
  });

  it('takes a specific need list’s tier from the field the site catalogue records it in', () => {
    expect(workListTier({ kind: 'specific-need', need: 'disability' }, SHIPPED_NEEDS)).toBe(1);
    expect(workListTier({ kind: 'specific-need', need: 'torture' }, SHIPPED_NEEDS)).toBe(2);
    expect(workListTier({ kind: 'arrived-this-week' }, SHIPPED_NEEDS)).toBe(0);
    expect(isoWeekDays(new Date('2026-11-29T23:00:00Z'))).toEqual({ monday: '2026-11-23', sunday: '2026-11-29' });
    expect(isoWeekDays(new Date('2026-11-30T00:00:00Z'))).toEqual({ monday: '2026-11-30', sunday: '2026-12-06' });
  });

  it('takes "this week" on the desk’s own calendar: at 01:30 on a Monday in Amman, the new week', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Amman';
    try {
      // Sunday 22:30 UTC is Monday 01:30 in Amman (UTC+3).
      expect(isoWeekDays(new Date('2026-11-29T22:30:00Z'))).toEqual({ monday: '2026-11-30', sunday: '2026-12-06' });
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('work lists through dispatch', () => {
  it('are audited with the list kind, never a name, and for a list chosen by a tier-1 or tier-2 value neither its need nor its count (supervisors read the log); the CSV file name says nothing of the list; a clerk is refused a tier-2 list', async () => {
    const { core } = await setUpVault(tempDataDir('work-lists'));
    await addAccount(core, CLERK, 'clerk');
    core.signOut();
    await core.signIn(CLERK.userName, CLERK.password);
    const ui = new Dispatcher(core, 'ui', () => undefined);
    await ui.dispatch('people.register', { fields: { chosenName: 'Zainab Haddad', specificNeeds: ['disability'] }, consents: ['register'] });
    const shown = await ui.dispatch('workLists.get', { list: { kind: 'specific-need', need: 'disability' } });
    expect(shown).toMatchObject({ ok: true, value: { rows: [{ chosenName: 'Zainab Haddad' }] } });
    const exported = await ui.dispatch('workLists.exportCsv', { list: { kind: 'arrived-this-week' }, sort: { by: 'chosenName', direction: 'ascending' } });
    expect(exported).toMatchObject({ ok: true, value: { rows: 1, mimeType: 'text/csv;charset=utf-8' } });
    const needExported = await ui.dispatch('workLists.exportCsv', { list: { kind: 'specific-need', need: 'disability' }, sort: { by: 'chosenName', direction: 'ascending' } });
    expect(needExported).toMatchObject({ ok: true, value: { rows: 1, fileName: expect.stringMatching(/^work-list-\d{4}-\d{2}-\d{2}\.csv$/) } });
    const refused = await ui.dispatch('workLists.get', { list: { kind: 'specific-need', need: 'sgbv' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'work_list_not_readable', params: { tier: 2 } } });

    const entries = core.vault.audit.list({ limit: 50 }).filter((entry) => entry.action.startsWith('work-list'));
    expect(entries.map(({ action, details }) => ({ action, details }))).toEqual([
      { action: 'work-list-export', details: { list: 'specific-need', tier: 1, sortBy: 'chosenName', sortDirection: 'ascending' } },
      { action: 'work-list-export', details: { list: 'arrived-this-week', rows: 1, sortBy: 'chosenName', sortDirection: 'ascending' } },
      { action: 'work-list', details: { list: 'specific-need', tier: 1 } },
    ]);
    expect(JSON.stringify(entries)).not.toContain('disability');
    expect(JSON.stringify(entries)).not.toContain('Zainab');
    core.close();
  });
});
