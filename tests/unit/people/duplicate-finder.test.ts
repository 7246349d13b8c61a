/**
 * Duplicate control respects the caller like search does (issue 10, item 5): a name on a document
 * is tier 1, so it matches only for a reader of tier 1 on the normal screen; birth year and
 * nationality (tier 1) weigh in only there too; and no candidate is dropped by a cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleFixture, type PeopleFixture } from './people-db';

let fx: PeopleFixture;
let byDocument: number;

beforeAll(() => {
  fx = peopleFixture();
  // Known by another name at the desk; the documents carry the name the check is given.
  byDocument = fx.people.registerId(fx.clerk, {
    fields: {
      chosenName: 'Noor',
      documents: [{ id: 'd1', type: 'passport', nameOnDocument: 'Samir Haddad' }],
    },
    consents: ['register'],
  });
});
afterAll(() => fx.close());

describe('likely duplicates, as the caller may read', () => {
  const query = { chosenName: 'سمير حداد' };

  it('finds a person by a name on a document for a clerk on the normal screen', () => {
    expect(fx.people.duplicates(fx.clerk, query, 'normal').map((person) => person.id)).toEqual([byDocument]);
    expect(fx.people.duplicates(fx.protection, { documentNames: ['Samir Hadad'] }).map((person) => person.id)).toEqual([byDocument]);
  });

  it('does not match a name on a document on the restricted screen', () => {
    expect(fx.people.duplicates(fx.clerk, query, 'restricted')).toEqual([]);
    expect(fx.people.duplicates(fx.protection, query, 'restricted')).toEqual([]);
  });

  it('does not match a name on a document for a role that may not read tier 1', () => {
    expect(fx.people.duplicates(fx.supervisor, query, 'normal')).toEqual([]);
  });

  it('still finds a chosen name on the restricted screen, and returns only the summary', () => {
    const found = fx.people.duplicates(fx.clerk, { chosenName: 'Noor' }, 'restricted');
    expect(found).toHaveLength(1);
    // The record's status is tier 0, as the name is.
    const summaryKeys = ['age', 'chosenName', 'id', 'registeredAt', 'registrationNumber', 'status'];
    expect(Object.keys(found[0] ?? {}).every((key) => summaryKeys.includes(key))).toBe(true);
    expect(JSON.stringify(found)).not.toContain('Samir');
  });

  it('weighs birth year only where the caller may read it', () => {
    const id = fx.people.registerId(fx.clerk, {
      fields: { chosenName: 'Yusuf Karimi', birth: { precision: 'year', year: 1960 } },
      consents: ['register'],
    });
    const far = { chosenName: 'Youssef Karimi', birthYear: 2001 };
    expect(fx.people.duplicates(fx.clerk, far, 'normal')).toEqual([]);
    expect(fx.people.duplicates(fx.clerk, { ...far, birthYear: 1961 }, 'normal').map((person) => person.id)).toEqual([id]);
    // On the restricted screen the birth year is not read, so it neither drops nor favours anyone.
    expect(fx.people.duplicates(fx.clerk, far, 'restricted').map((person) => person.id)).toEqual([id]);
  });

  it('considers every person with a common name: the newest comes first', () => {
    fx.db.transaction(() => {
      for (let i = 0; i < 2500; i++) fx.people.registerId(fx.clerk, { fields: { chosenName: 'Mohammed Hassan' }, consents: [] });
    })();
    const newest = fx.people.registerId(fx.clerk, { fields: { chosenName: 'Mohammed Hassan' }, consents: [] });
    const found = fx.people.duplicates(fx.clerk, { chosenName: 'محمد حسن' });
    expect(found[0]?.id).toBe(newest);
    expect(found).toHaveLength(5);
  });
});
