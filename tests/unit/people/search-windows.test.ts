/**
 * Search reads the newest people first, in windows that grow until they hold the answer
 * (src/main/people/search-matches.ts). The answer must be the one reading the whole register
 * gives, for every kind of query a clerk types: a word being typed, whole names in either script,
 * a rare name after a common one, a phone number, a registration number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeWordMatches } from '../../../src/main/people/search-matches';
import { queryWords } from '../../../src/main/people/search-terms';
import { seedPeople } from '../../../src/main/seed/seeder';
import { peopleFixture, type PeopleFixture } from './people-db';

let fx: PeopleFixture;
let queries: string[];

beforeAll(() => {
  fx = peopleFixture();
  seedPeople(fx.db, fx.protection, { count: 1500, seed: 11, today: new Date('2026-11-25T12:00:00Z') }, () => undefined);
  const names = fx.db.prepare<[], string>('SELECT chosen_name FROM people ORDER BY id DESC').pluck(true).all();
  const numbers = fx.db.prepare<[], string>('SELECT registration_number FROM people ORDER BY id LIMIT 20').pluck(true).all();
  const picked = names.filter((_, i) => i % 15 === 0);
  queries = [
    ...picked.flatMap((name) => [2, 4, 8, 12].map((length) => [...name].slice(0, length).join(''))),
    ...picked,
    ...picked.map((name) => name.split(' ').reverse().join(' ')),
    ...numbers,
    ...numbers.map((number) => number.replace(/\D/g, '').slice(-3)),
  ].filter((query) => query.trim().length > 0);
}, 120_000);
afterAll(() => fx.close());

describe('search in windows of the newest people', () => {
  it('answers exactly as reading the whole register, in order, for every query', () => {
    expect(queries.length).toBeGreaterThan(500);
    let differing = 0;
    let found = 0;
    for (const query of queries) {
      const typed = queryWords(query);
      if (typed.length === 0) continue;
      const windowed = wholeWordMatches(fx.db, query, typed, '0, 1, 2', 20, { firstWindow: 32 });
      const whole = wholeWordMatches(fx.db, query, typed, '0, 1, 2', 20, { wholeRegister: true });
      if (JSON.stringify(windowed) !== JSON.stringify(whole)) differing += 1;
      found += windowed.length;
    }
    expect(differing).toBe(0);
    // Not an empty comparison: most queries find people.
    expect(found).toBeGreaterThan(queries.length * 5);
  });

  it('finds a rare family name after a common given name, newest first, wherever in the register', () => {
    const oldest = fx.people.registerId(fx.clerk, { fields: { chosenName: 'Mohammed Qarawani' }, consents: [] });
    seedPeople(fx.db, fx.protection, { count: 200, seed: 12, today: new Date('2026-11-25T12:00:00Z') }, () => undefined);
    const newest = fx.people.registerId(fx.clerk, { fields: { chosenName: 'محمد القرواني' }, consents: [] });
    expect(fx.people.search(fx.clerk, 'Mohammed Qarawani').map((person) => person.id)).toEqual([newest, oldest]);
    // Typed in part after the given name, the start of the name in the other script ranks as the
    // start of the name in its own (issue 10): newest first among them.
    expect(fx.people.search(fx.clerk, 'Mohammed Qar').map((person) => person.id).slice(0, 2)).toEqual([newest, oldest]);
  });
});
