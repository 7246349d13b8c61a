/**
 * A household in one go (issue 15): the focal point and its members registered with the family
 * unit in one transaction, each member as people.register registers anyone; a person already
 * registered joins by id. A member refused refuses everything, and the error names the member.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { contract, type Method, type MethodInput, type MethodOutput } from '../../../src/shared/contract';
import type { Dispatcher } from '../../../src/main/app/dispatch';
import { hasRelationship, type RegisterHouseholdInput } from '../../../src/shared/people';
import { peopleFixture, type PeopleFixture } from './people-db';
import { verifyVault } from '../../../src/main/db/verify';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, dispatcherFor, setUpVault } from '../helpers/vault';

let fx: PeopleFixture;
beforeEach(() => {
  fx = peopleFixture();
});
afterEach(() => fx.close());

const count = (table: string): number => (fx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const household = (extra: RegisterHouseholdInput['members'] = []): RegisterHouseholdInput => ({
  focalPoint: { fields: { chosenName: 'Samira Haddad', birth: { precision: 'year', year: 1990 } }, consents: ['register'] },
  members: [
    { kind: 'new', fields: { chosenName: 'Omar Haddad', birth: { precision: 'year', year: 2015 }, genderForReporting: 'man-or-boy' }, consents: [], relationship: 'child-biological' },
    { kind: 'new', fields: { chosenName: 'Lina Haddad', genderForReporting: 'woman-or-girl' }, consents: ['register'], relationship: 'other', relationshipText: 'niece' },
    ...extra,
  ],
});

describe('a household in one go', () => {
  it('registers the focal point and each new member with their own number, in one unit', () => {
    const done = fx.people.registerHousehold(fx.clerk, household());
    expect(done.registered.map((person) => person.registrationNumber)).toEqual(['REG-000001', 'REG-000002', 'REG-000003']);
    expect(done.joined).toEqual([]);
    const focal = fx.people.view(fx.clerk, done.registered[0]!.id);
    expect(focal.family?.id).toBe(done.unitId);
    const members = focal.family?.members ?? [];
    expect(members.map((member) => member.person.registrationNumber)).toEqual(['REG-000001', 'REG-000002', 'REG-000003']);
    const relationships = members.map((member) => (hasRelationship(member) ? [member.relationship, member.relationshipText] : []));
    expect(relationships).toEqual([['focal-point', undefined], ['child-biological', undefined], ['other', 'niece']]);
    expect(fx.people.view(fx.clerk, done.registered[1]!.id).fields.genderForReporting).toBe('man-or-boy');
    expect(count('family_units')).toBe(1);
  });

  it('brings a person already registered into the unit, from another unit by the family service’s own move', () => {
    const nour = fx.people.register(fx.clerk, { fields: { chosenName: 'Nour' }, consents: ['register'] });
    const other = fx.people.register(fx.clerk, { fields: { chosenName: 'Other focal' }, consents: ['register'] });
    fx.people.families.link({ withPersonId: other.id, relationship: 'sibling' }, nour.id);
    const done = fx.people.registerHousehold(fx.clerk, household([{ kind: 'existing', personId: nour.id, relationship: 'sibling' }]));
    expect(done.joined).toEqual([{ id: nour.id, registrationNumber: nour.registrationNumber }]);
    const unit = fx.people.view(fx.clerk, done.registered[0]!.id).family;
    expect(unit?.members.map((member) => member.person.id)).toContain(nour.id);
    expect(unit?.members).toHaveLength(4);
    // Moved, as families.link moves: the old membership stays as history.
    expect(fx.people.families.historyOf(nour.id).map((entry) => entry.leftAt === undefined)).toEqual([false, true]);
  });

  it('saves nothing when the fourth member is refused, and names that member and the field', () => {
    const before = { people: count('people'), units: count('family_units'), memberships: count('family_memberships'), consents: count('consents') };
    const error = refusal(() =>
      fx.people.registerHousehold(fx.clerk, household([
        { kind: 'new', fields: { chosenName: 'Tariq' }, consents: [], relationship: 'sibling' },
        { kind: 'new', fields: { chosenName: '' }, consents: [], relationship: 'sibling' },
      ])),
    );
    expect(error.code).toBe('household_member_refused');
    expect(error.params).toMatchObject({ member: 4, field: 'chosenName', cause: 'invalid_input' });
    expect({ people: count('people'), units: count('family_units'), memberships: count('family_memberships'), consents: count('consents') }).toEqual(before);
    // The numbers handed out in the failed attempt are handed out again.
    expect(fx.people.register(fx.clerk, { fields: { chosenName: 'Next' }, consents: ['register'] }).registrationNumber).toBe('REG-000001');
  });

  it('asks each member’s own consent, as a registration does', () => {
    const error = refusal(() =>
      fx.people.registerHousehold(fx.clerk, household([
        { kind: 'new', fields: { chosenName: 'Rami', genderIdentity: { kind: 'listed', value: 'man' } }, consents: [], relationship: 'sibling' },
      ])),
    );
    expect(error.params).toMatchObject({ member: 3, field: 'genderIdentity', cause: 'consent_required', purpose: 'register' });
    expect(count('people')).toBe(0);
    // Member 2 consented: its consent is its own, and member 1 has none.
    const done = fx.people.registerHousehold(fx.clerk, household());
    const consents = done.registered.map((person) => fx.people.view(fx.protection, person.id).consents.map((consent) => consent.purpose));
    expect(consents).toEqual([['register'], [], ['register']]);
    expect(done.registered.map((person) => person.consents)).toEqual([['register'], [], ['register']]);
  });

  it('is refused to a supervisor, by role in main and by the contract', () => {
    const error = refusal(() => fx.people.registerHousehold(fx.supervisor, household()));
    expect(error.code).toBe('forbidden');
    expect(count('people')).toBe(0);
    const access = contract['people.registerHousehold'].access;
    expect(access.roles).not.toContain('supervisor');
    expect(access.roles).toEqual(expect.arrayContaining(['clerk', 'protection']));
  });

  it('refuses a person already registered who does not exist, or is given twice, naming the member', () => {
    const missing = refusal(() => fx.people.registerHousehold(fx.clerk, household([{ kind: 'existing', personId: 999, relationship: 'sibling' }])));
    expect(missing.params).toMatchObject({ member: 3, field: 'person', cause: 'not_found' });
    const nour = fx.people.register(fx.clerk, { fields: { chosenName: 'Nour' }, consents: ['register'] });
    const twice = refusal(() =>
      fx.people.registerHousehold(fx.clerk, household([
        { kind: 'existing', personId: nour.id, relationship: 'sibling' },
        { kind: 'existing', personId: nour.id, relationship: 'sibling' },
      ])),
    );
    expect(twice.params).toMatchObject({ member: 4, field: 'person', cause: 'invalid_input' });
    expect(count('people')).toBe(1);
    expect(count('family_units')).toBe(0);
  });

  it('refuses a record merged into another, as families.link does, naming the member', () => {
    const kept = fx.people.register(fx.clerk, { fields: { chosenName: 'Nour' }, consents: ['register'] });
    const merged = fx.people.register(fx.clerk, { fields: { chosenName: 'Nour K' }, consents: ['register'] });
    fx.people.merges.merge(fx.protection.id, kept.id, merged.id);
    const error = refusal(() => fx.people.registerHousehold(fx.clerk, household([{ kind: 'existing', personId: merged.id, relationship: 'sibling' }])));
    expect(error.params).toMatchObject({ member: 3, field: 'person', cause: 'person_merged' });
    expect(count('people')).toBe(2);
    expect(count('family_units')).toBe(0);
  });

  it('takes no focal point among the members, and at least one member, by the contract', () => {
    const input = contract['people.registerHousehold'].input;
    const focalAsMember = { ...household(), members: [{ kind: 'existing', personId: 1, relationship: 'focal-point' }] };
    expect(input.safeParse(focalAsMember).success).toBe(false);
    expect(input.safeParse({ ...household(), members: [] }).success).toBe(false);
    expect(input.safeParse(household()).success).toBe(true);
  });
});

/** A call through the dispatcher that must succeed, typed by the contract. */
async function call<M extends Method>(dispatcher: Dispatcher, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await dispatcher.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
  return result.value as MethodOutput<M>;
}

describe('a household through the dispatcher', () => {
  it('audits a registration per person registered, a link per person who joined, and the unit; supervisors are refused', async () => {
    const site = await setUpVault(tempDataDir('household'));
    const { dispatcher } = dispatcherFor(site.core);
    const supervisorTry = await dispatcher.dispatch('people.registerHousehold', household());
    expect(supervisorTry.ok ? 'ok' : supervisorTry.error.code).toBe('forbidden');
    expect((await dispatcher.dispatch('accounts.create', { changePasswordAtSignIn: false, ...CLERK, role: 'clerk', language: 'en' })).ok).toBe(true);
    await dispatcher.dispatch('session.signOut', {});
    const signIn = await dispatcher.dispatch('session.signIn', CLERK);
    expect(signIn.ok).toBe(true);
    const nour = await call(dispatcher, 'people.register', { fields: { chosenName: 'Nour' }, consents: ['register'] });
    const result = await call(dispatcher, 'people.registerHousehold', household([{ kind: 'existing', personId: nour.id, relationship: 'sibling' }]));
    expect(result.family?.members).toHaveLength(4);
    const entries = site.core.vault.audit.list({ limit: 50 });
    const created = entries.filter((entry) => entry.action === 'record-create').map((entry) => entry.registrationNumber);
    expect(created.sort()).toEqual(['REG-000001', 'REG-000002', 'REG-000003', 'REG-000004']);
    const family = entries.filter((entry) => entry.action === 'family-change');
    expect(family.map((entry) => entry.details)).toEqual(
      expect.arrayContaining([{ change: 'link' }, { change: 'household', unit: result.family?.id, registered: 3, joined: 1 }]),
    );
    // No name in any entry.
    expect(JSON.stringify(entries)).not.toMatch(/Samira|Omar|Lina|Nour/);
    expect(verifyVault(site.core.vault.db).coverage.complete).toBe(true);

    // A refused member: nothing saved, nothing audited, the member named.
    const before = site.core.vault.audit.list({ limit: 100 }).length;
    const refused = await dispatcher.dispatch('people.registerHousehold', household([{ kind: 'new', fields: { chosenName: 'X', genderIdentity: { kind: 'listed', value: 'man' } }, consents: [], relationship: 'sibling' }]));
    expect(refused.ok ? undefined : refused.error).toMatchObject({ code: 'household_member_refused', params: { member: 3, field: 'genderIdentity' } });
    expect(site.core.vault.audit.list({ limit: 100 })).toHaveLength(before);
  });
});
