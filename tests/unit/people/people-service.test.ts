import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { PersonFields } from '../../../src/shared/catalogue';
import type { FamilyUnit } from '../../../src/shared/people';
import { contract } from '../../../src/shared/contract';
import { SettingsService } from '../../../src/main/services/settings';
import { peopleFixture, type PeopleFixture } from './people-db';

let fx: PeopleFixture;
beforeEach(() => {
  fx = peopleFixture();
});
afterEach(() => fx.close());

const samira: PersonFields = {
  chosenName: 'Samira Haddad',
  pronouns: { kind: 'listed', value: 'she' },
  birth: { precision: 'year', year: 1994 },
  nationalities: ['SY'],
  documents: [{ id: 'd1', type: 'passport', nameOnDocument: 'سمير حداد', sexOnDocument: 'M' }],
  documentMismatch: true,
  genderIdentity: { kind: 'listed', value: 'woman' },
  mismatchReason: 'Documents issued before transition.',
  notes: 'Prefers appointments in the morning.',
};

describe('registration', () => {
  it('gives each person a new registration number that is never reused', () => {
    const a = fx.people.register(fx.clerk, { fields: { chosenName: 'A' }, consents: ['register'] });
    const b = fx.people.register(fx.clerk, { fields: { chosenName: 'B' }, consents: ['register'] });
    expect(a.registrationNumber).toBe('REG-000001');
    expect(b.registrationNumber).toBe('REG-000002');
    fx.db.prepare('DELETE FROM search_terms WHERE person_id = ?').run(b.id);
    fx.db.prepare('DELETE FROM person_history WHERE person_id = ?').run(b.id);
    fx.db.prepare('DELETE FROM consents WHERE person_id = ?').run(b.id);
    fx.db.prepare('DELETE FROM people WHERE id = ?').run(b.id);
    const c = fx.people.register(fx.clerk, { fields: { chosenName: 'C' }, consents: ['register'] });
    expect(c.registrationNumber).toBe('REG-000003');
  });

  it('numbers people with the site prefix a supervisor sets, each prefix with its own sequence', () => {
    const settings = new SettingsService(fx.db);
    expect(fx.people.register(fx.clerk, { fields: { chosenName: 'A' }, consents: ['register'] }).registrationNumber).toBe('REG-000001');
    settings.update({ sitePrefix: 'AMM1' });
    expect(fx.people.register(fx.clerk, { fields: { chosenName: 'B' }, consents: ['register'] }).registrationNumber).toBe('AMM1-000001');
    settings.update({ sitePrefix: 'REG' });
    expect(fx.people.register(fx.clerk, { fields: { chosenName: 'C' }, consents: ['register'] }).registrationNumber).toBe('REG-000002');
    const sitePrefix = contract['settings.update'].input;
    expect(sitePrefix.safeParse({ sitePrefix: 'amm' }).success).toBe(false);
    expect(sitePrefix.safeParse({ sitePrefix: 'A' }).success).toBe(false);
    expect(sitePrefix.safeParse({ sitePrefix: 'ABCDEFGHI' }).success).toBe(false);
    expect(sitePrefix.safeParse({ sitePrefix: '1AB' }).success).toBe(false);
    expect(sitePrefix.safeParse({ sitePrefix: 'REG-' }).success).toBe(false);
  });

  it('lets a clerk record tier-2 values at a consented registration, then shows them only as recorded, restricted', () => {
    const view = fx.people.register(fx.clerk, { fields: samira, consents: ['register'] });
    expect(view.fields.chosenName).toBe('Samira Haddad');
    expect(view.fields.documents?.[0]?.nameOnDocument).toBe('سمير حداد');
    expect(view.fields.genderIdentity).toBeUndefined();
    expect(view.fields.notes).toBeUndefined();
    expect(view.restricted).toEqual(expect.arrayContaining(['genderIdentity', 'mismatchReason', 'notes']));
    expect(JSON.stringify(view)).not.toContain('transition');
  });

  it('refuses tier-2 values without consent to register, and SOGIESC without its own consent', () => {
    expect(() => fx.people.register(fx.clerk, { fields: samira, consents: [] })).toThrow(AppError);
    expect(() =>
      fx.people.register(fx.protection, {
        fields: { chosenName: 'X', sexualOrientation: { kind: 'listed', value: 'gay' } },
        consents: ['register'],
      }),
    ).toThrow(expect.objectContaining({ code: 'consent_required' }));
  });

  it('does not let a clerk change tier-2 values after registration', () => {
    const view = fx.people.register(fx.clerk, { fields: samira, consents: ['register'] });
    expect(() => fx.people.update(fx.clerk, { id: view.id, set: { notes: 'changed' }, clear: [] })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });

  it('shows a protection officer every tier and a supervisor tier 0 only', () => {
    const { id } = fx.people.register(fx.clerk, { fields: samira, consents: ['register'] });
    const officer = fx.people.view(fx.protection, id);
    expect(officer.fields.genderIdentity).toEqual({ kind: 'listed', value: 'woman' });
    expect(officer.restricted).toEqual([]);
    const supervisor = fx.people.view(fx.supervisor, id);
    expect(Object.keys(supervisor.fields)).toEqual(['chosenName']);
    expect(supervisor.restricted).toEqual([]);
    expect(supervisor.consents).toEqual([]);
    expect(supervisor.age).toEqual({ years: 32, estimated: true });
    expect(JSON.stringify(supervisor)).not.toContain('سمير');
  });

  it('keeps an edit history that hides values above the reader', () => {
    const { id } = fx.people.register(fx.clerk, { fields: samira, consents: ['register'] });
    fx.people.update(fx.protection, { id, set: { notes: 'Second note' }, clear: [] });
    const forOfficer = fx.people.history(fx.protection, id);
    expect(forOfficer[0]).toMatchObject({ field: 'notes', changedBy: 'protection.one', newValue: 'Second note' });
    const forClerk = fx.people.history(fx.clerk, id);
    expect(forClerk[0]).toMatchObject({ field: 'notes', restricted: true });
    expect(JSON.stringify(forClerk)).not.toContain('Second note');
    // A supervisor is not even told which personal or sensitive fields changed.
    const forSupervisor = fx.people.history(fx.supervisor, id);
    expect(forSupervisor.map((entry) => entry.field)).toEqual(['chosenName']);
  });

  it('erases SOGIESC values, history included, when that consent is withdrawn', () => {
    const { id } = fx.people.register(fx.protection, {
      fields: { chosenName: 'Nour', sexualOrientation: { kind: 'self-described', text: 'queer femme' } },
      consents: ['register', 'sogiesc'],
    });
    expect(fx.people.view(fx.protection, id).fields.sexualOrientation).toBeDefined();
    const after = fx.people.setConsent(fx.protection, id, 'sogiesc', false);
    expect(after.fields.sexualOrientation).toBeUndefined();
    expect(after.consents.find((c) => c.purpose === 'sogiesc')?.withdrawnAt).toBeDefined();
    const raw = fx.db.prepare('SELECT tier2 FROM people WHERE id = ?').get(id) as { tier2: string };
    expect(raw.tier2).not.toContain('femme');
    const history = fx.db.prepare('SELECT old_value, new_value FROM person_history WHERE person_id = ?').all(id);
    expect(JSON.stringify(history)).not.toContain('femme');
  });
});

describe('find before register', () => {
  it('finds a person by a document name typed with another alef form, and across scripts', () => {
    const { id } = fx.people.register(fx.clerk, {
      fields: { chosenName: 'Sam', documents: [{ id: 'd1', type: 'passport', nameOnDocument: 'إبراهيم الأحمد' }] },
      consents: ['register'],
    });
    const search = (query: string) => fx.people.search(fx.clerk, query).map((p) => p.id);
    expect(search('ابراهيم')).toContain(id);
    expect(search('Ibrahim')).toContain(id);
    expect(search('اب')).toContain(id);
    // A supervisor may not read document names, so cannot find by them either.
    expect(fx.people.search(fx.supervisor, 'ابراهيم').map((p) => p.id)).not.toContain(id);
  });

  it('finds by registration number, chosen name prefix and phone', () => {
    const { id, registrationNumber } = fx.people.register(fx.clerk, {
      fields: { chosenName: 'Hélène Dubois', phone: '+33 6 12 34 56 78' },
      consents: ['register'],
    });
    const search = (query: string) => fx.people.search(fx.clerk, query).map((p) => p.id);
    expect(search(registrationNumber)).toEqual([id]);
    expect(search('1')).toContain(id);
    expect(search('helene')).toContain(id);
    expect(search('HÉL dub')).toContain(id);
    expect(search('0612345678')).toContain(id);
    expect(search('zzz')).toEqual([]);
  });

  it('warns of likely duplicates: similar name, close birth year, same nationality', () => {
    fx.people.register(fx.clerk, {
      fields: { chosenName: 'Mohammed Al-Hassan', birth: { precision: 'year', year: 1990 }, nationalities: ['SY'] },
      consents: ['register'],
    });
    const found = fx.people.duplicates(fx.clerk, { chosenName: 'محمد الحسن', birthYear: 1991, nationalities: ['SY'] });
    expect(found.map((p) => p.chosenName)).toEqual(['Mohammed Al-Hassan']);
    expect(fx.people.duplicates(fx.clerk, { chosenName: 'Fatima Zahra', birthYear: 1991 })).toEqual([]);
  });
});

/** Each member's chosen name and relationship, or 'hidden' where main left the relationship out. */
function membersOf(unit: FamilyUnit | undefined): [string, string][] {
  return (unit?.members ?? []).map((m) => [m.person.chosenName, 'relationship' in m ? m.relationship : 'hidden']);
}

describe('family units', () => {
  it('builds a unit of two partners of the same gender and a non-biological dependant, and keeps history on moves', () => {
    const a = fx.people.register(fx.clerk, { fields: { chosenName: 'Amal' }, consents: ['register'] });
    const b = fx.people.register(fx.clerk, {
      fields: { chosenName: 'Rana' },
      consents: ['register'],
      family: { withPersonId: a.id, relationship: 'partner' },
    });
    const c = fx.people.register(fx.clerk, {
      fields: { chosenName: 'Yara', birth: { precision: 'exact', date: '2015-03-01' } },
      consents: ['register'],
      family: { withPersonId: a.id, relationship: 'dependant-non-biological' },
    });
    const unit = fx.people.view(fx.clerk, c.id).family;
    expect(membersOf(unit)).toEqual([
      ['Amal', 'focal-point'],
      ['Rana', 'partner'],
      ['Yara', 'dependant-non-biological'],
    ]);
    expect(unit?.childHeaded).toBe(false);

    const split = fx.people.families.split(unit!.id, [b.id]);
    expect(split.members.map((m) => m.person.chosenName)).toEqual(['Rana']);
    expect(fx.people.families.unitOf(a.id)?.members).toHaveLength(2);
    expect(fx.people.families.historyOf(b.id)).toHaveLength(2);
    const merged = fx.people.families.merge(unit!.id, split.id);
    expect(merged.members).toHaveLength(3);
    expect(fx.db.prepare('SELECT count(*) AS n FROM family_memberships WHERE person_id = ? AND left_at IS NULL').get(b.id)).toEqual({ n: 1 });
  });

  it('changes a member\'s relationship and keeps the old one as history', () => {
    const a = fx.people.register(fx.clerk, { fields: { chosenName: 'Amal' }, consents: ['register'] });
    const b = fx.people.register(fx.clerk, {
      fields: { chosenName: 'Rana' },
      consents: ['register'],
      family: { withPersonId: a.id, relationship: 'partner' },
    });
    const unit = fx.people.families.setRelationship(b.id, 'other', 'Cousin raised together');
    expect(unit.members.find((m) => m.person.id === b.id)).toMatchObject({ relationship: 'other', relationshipText: 'Cousin raised together' });
    expect(membersOf(fx.people.view(fx.clerk, a.id).family)).toEqual([
      ['Amal', 'focal-point'],
      ['Rana', 'other'],
    ]);
    const history = fx.people.families.historyOf(b.id);
    expect(history.map((entry) => [entry.unitId, entry.relationship, entry.leftAt !== undefined])).toEqual([
      [unit.id, 'partner', true],
      [unit.id, 'other', false],
    ]);

    // Back to a listed relationship: the description goes with the old membership.
    const again = fx.people.families.setRelationship(b.id, 'co-parent');
    expect(again.members.find((m) => m.person.id === b.id)).toEqual({ person: expect.objectContaining({ id: b.id }), relationship: 'co-parent' });
    expect(() => fx.people.families.setRelationship(fx.people.register(fx.clerk, { fields: { chosenName: 'Alone' }, consents: ['register'] }).id, 'partner')).toThrow(AppError);
  });

  it('makes another member the focal point, and the previous focal point a member with the relationship "other"', () => {
    const a = fx.people.register(fx.clerk, { fields: { chosenName: 'Amal' }, consents: ['register'] });
    const b = fx.people.register(fx.clerk, {
      fields: { chosenName: 'Rana' },
      consents: ['register'],
      family: { withPersonId: a.id, relationship: 'partner' },
    });
    const unit = fx.people.families.setRelationship(b.id, 'focal-point');
    expect(unit.members.filter((m) => m.relationship === 'focal-point').map((m) => m.person.id)).toEqual([b.id]);
    expect(unit.members.find((m) => m.person.id === a.id)).toEqual({ person: expect.objectContaining({ id: a.id }), relationship: 'other' });
    expect(fx.people.families.historyOf(a.id).map((entry) => [entry.relationship, entry.leftAt !== undefined])).toEqual([
      ['focal-point', true],
      ['other', false],
    ]);
  });

  it('names no relationship but the focal point on the restricted screen', () => {
    const a = fx.people.register(fx.clerk, { fields: { chosenName: 'Amal' }, consents: ['register'] });
    const b = fx.people.register(fx.clerk, {
      fields: { chosenName: 'Rana' },
      consents: ['register'],
      family: { withPersonId: a.id, relationship: 'partner' },
    });
    fx.people.register(fx.clerk, {
      fields: { chosenName: 'Lina' },
      consents: ['register'],
      family: { withPersonId: a.id, relationship: 'other', relationshipText: 'Partner of Rana' },
    });
    for (const actor of [fx.clerk, fx.protection, fx.supervisor]) {
      const family = fx.people.view(actor, b.id, 'restricted').family;
      expect(membersOf(family)).toEqual([
        ['Amal', 'focal-point'],
        ['Rana', 'hidden'],
        ['Lina', 'hidden'],
      ]);
      expect(family?.members[1]).toEqual({ person: expect.objectContaining({ id: b.id }), relationshipHidden: true });
      expect(JSON.stringify(family)).not.toMatch(/partner|other/i);
    }
    // The normal screen, and the stored unit, keep every relationship.
    expect(membersOf(fx.people.view(fx.clerk, b.id).family).map(([, relationship]) => relationship)).toEqual(['focal-point', 'partner', 'other']);
    expect(fx.people.families.unitOf(b.id)?.members.map((m) => m.relationship)).toEqual(['focal-point', 'partner', 'other']);
  });

  it('marks a unit whose focal point is a child as child-headed', () => {
    const teen = fx.people.register(fx.clerk, {
      fields: { chosenName: 'Omar', birth: { precision: 'age', age: 16, asOf: '2026-11-01' } },
      consents: ['register'],
    });
    fx.people.register(fx.clerk, {
      fields: { chosenName: 'Ali', birth: { precision: 'age', age: 9, asOf: '2026-11-01' } },
      consents: ['register'],
      family: { withPersonId: teen.id, relationship: 'sibling' },
    });
    expect(fx.people.families.unitOf(teen.id)?.childHeaded).toBe(true);
  });
});
