/**
 * Search considers every match: the newest person with a common name is found first, however many
 * older people share that name (issue 10: a 2,000-row candidate cap, read oldest first, dropped them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleFixture, type PeopleFixture } from './people-db';

const OLDER = 2600;
let fx: PeopleFixture;

beforeAll(() => {
  fx = peopleFixture();
  fx.db.transaction(() => {
    for (let i = 0; i < OLDER; i++) {
      const family = ['Hassan', 'Ali', 'Haddad', 'Khalil'][i % 4] ?? 'Hassan';
      const given = i % 2 === 0 ? 'Mohammed' : 'Fatima';
      // The same full names again and again, as at a busy site: the newest must still come first.
      fx.people.registerId(fx.clerk, { fields: { chosenName: `${given} ${i % 3 === 0 ? family : `Saleh ${family}`}` }, consents: [] });
    }
  })();
});
afterAll(() => fx.close());

describe('search over many people with the same names', () => {
  it.each([
    ['Mohammed Hassan', 'Mohammed Hassan'],
    ['Mohamed Hasan', 'Mohammed Hassan'],
    ['Fatima Ali', 'Fatima Ali'],
    ['محمد حسن', 'Mohammed Hassan'],
  ])('"%s" finds the person registered last as "%s" first', (query, chosenName) => {
    const newest = fx.people.registerId(fx.clerk, { fields: { chosenName }, consents: [] });
    const found = fx.people.search(fx.clerk, query);
    expect(found[0]?.id).toBe(newest);
    expect(found.length).toBe(50);
  });

  it('lists equal matches newest first, and every result matches every word', () => {
    const found = fx.people.search(fx.clerk, 'Fatima Ali', 'normal', 200);
    expect(found).toHaveLength(200);
    const ids = found.map((person) => person.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const person of found) expect(person.chosenName.split(' ')).toEqual(expect.arrayContaining(['Fatima', 'Ali']));
  });
});
