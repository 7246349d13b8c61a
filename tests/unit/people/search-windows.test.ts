/**
 * Search reads the newest people first, in windows that grow until they hold the answer
 * (src/main/people/search-matches.ts). The answer must be the one reading the whole register
 * gives, for every kind of query a clerk types: a word being typed, whole names in either script,
 * a rare name after a common one, a phone number, a registration number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeopleSearch } from '../../../src/main/people/search';
import { termsOf, wholeWordMatches, type AnswerWay } from '../../../src/main/people/search-matches';
import { newestPairCandidates, pairCandidates } from '../../../src/main/people/search-pairs';
import { queryRanges, queryWords } from '../../../src/main/people/search-terms';
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
      const windowed = wholeWordMatches(fx.db, query, typed, '0, 1, 2', 20, { firstWindow: 32, pairs: false });
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

  it('takes every way to an answer, and each answers as reading the whole register', () => {
    const register = (chosenName: string) => fx.people.registerId(fx.clerk, { fields: { chosenName }, consents: [] });
    // Old people who have a rare name whole, many newer people, then a few newest whose name only
    // starts like a short one in its consonants (Zulfa: z-l-f, where Zuwal is z-l), a weaker match.
    for (let i = 0; i < 6; i++) register('Huda Zarqawiyan');
    for (let i = 0; i < 2; i++) register('Zuwal Haddad');
    seedPeople(fx.db, fx.protection, { count: 300, seed: 13, today: new Date('2026-11-25T12:00:00Z') }, () => undefined);
    for (let i = 0; i < 8; i++) register('Zulfa Tlemsani');
    const oldest = fx.db.prepare<[], string>('SELECT registration_number FROM people ORDER BY id LIMIT 1').pluck(true).get() ?? '';
    const cases: [query: string, limit: number, way: AnswerWay][] = [
      // Eight newest at the strongest score: the first window holds the answer.
      ['Tlemsani', 5, 'window'],
      // Six old people with both words whole, found among everyone who has them, without a wider window.
      ['Huda Zarqawiyan', 5, 'strongest everywhere'],
      // Fewer than asked, and no weaker way to have both words: those six are the whole answer.
      ['Huda Zarqawiyan', 10, 'strongest everywhere'],
      // Two old people with the word whole, then the window's newest who have it only in part.
      ['Zuwal', 5, 'strongest everywhere and window'],
      // A registration number is read from the highest down: the windows grow to the whole register.
      [oldest, 5, 'whole register'],
    ];
    for (const [query, limit, way] of cases) {
      const typed = queryWords(query);
      const taken: AnswerWay[] = [];
      const windowed = wholeWordMatches(fx.db, query, typed, '0, 1, 2', limit, { firstWindow: 32, pairs: false, answeredBy: (answered) => taken.push(answered) });
      const whole = wholeWordMatches(fx.db, query, typed, '0, 1, 2', limit, { wholeRegister: true });
      expect(taken, `${query} (${limit})`).toEqual([way]);
      expect(windowed, `${query} (${limit})`).toEqual(whole);
      expect(windowed.length, `${query} (${limit})`).toBeGreaterThan(0);
    }
  });

  it('with a status filter, answers as reading the whole register and keeping only the records the filter keeps', () => {
    const ids = fx.db.prepare<[], number>('SELECT id FROM people ORDER BY id').pluck(true).all();
    const departed = new Set(ids.filter((id) => id % 3 === 0));
    fx.db.transaction(() => {
      for (const id of departed) fx.people.setStatus(fx.clerk, id, { status: 'departed', effectiveOn: '2026-11-25' });
    })();
    let compared = 0;
    let foundNotActive = 0;
    for (const query of queries.filter((_, i) => i % 4 === 0)) {
      const typed = queryWords(query);
      if (typed.length === 0) continue;
      const everyone = wholeWordMatches(fx.db, query, typed, '0, 1, 2', 100_000, { wholeRegister: true });
      for (const shown of ['active', 'not-active'] as const) {
        const kept = everyone.filter((id) => departed.has(id) === (shown === 'not-active')).slice(0, 20);
        const windowed = wholeWordMatches(fx.db, query, typed, '0, 1, 2', 20, { firstWindow: 32, pairs: false, shown });
        expect(windowed, `${query} (${shown})`).toEqual(kept);
        if (shown === 'not-active') foundNotActive += windowed.length;
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(200);
    // Not an empty comparison: the filter kept people who are not active.
    expect(foundNotActive).toBeGreaterThan(100);
  });

  // After the status filter's test: some records have left, so that every list keeps some and not others.
  it('answers from the pair terms exactly as reading the whole register, on every screen and list', () => {
    let byPairs = 0;
    let byPairsAfterWindow = 0;
    let byStrongest = 0;
    let differing = 0;
    let found = 0;
    for (const readable of ['0, 1, 2', '0']) {
      for (const shown of ['all', 'active', 'not-active'] as const) {
        for (const query of queries) {
          const typed = queryWords(query);
          if (typed.length < 2) continue;
          const whole = wholeWordMatches(fx.db, query, typed, readable, 20, { shown, wholeRegister: true });
          // As many pair rows as a search reads; and few enough, with small windows, that only the
          // strongest forms of the words are read from the pairs (strongestEverywhere) and the
          // windows answer the rest.
          // And candidates checked a few at a time, newest first, stopping once the answer is certain.
          // With the small bound, more pair rows are read once the first window has not answered.
          for (const options of [{}, { pairRows: 12, firstWindow: 32 }, { pairChunk: 3 }]) {
            const taken: AnswerWay[] = [];
            const paired = wholeWordMatches(fx.db, query, typed, readable, 20, { ...options, shown, answeredBy: (way) => taken.push(way) });
            if (taken.includes('pairs')) byPairs += 1;
            if (taken.includes('pairs after the first window')) byPairsAfterWindow += 1;
            if (taken.some((way) => way.startsWith('strongest everywhere'))) byStrongest += 1;
            if (JSON.stringify(paired) !== JSON.stringify(whole)) differing += 1;
            found += paired.length;
          }
        }
      }
    }
    expect(differing).toBe(0);
    // Not an empty comparison: most two-word queries are answered from the pairs, and find people.
    expect(byPairs).toBeGreaterThan(400);
    expect(byStrongest).toBeGreaterThan(20);
    // Some past the first bound: the first window did not answer, and more pair rows did.
    expect(byPairsAfterWindow).toBeGreaterThan(100);
    expect(found).toBeGreaterThan(byPairs);
  });

  it('finds by the pair terms a name whose two words are on different names of the record, only where the reader may read both', () => {
    const id = fx.people.registerId(fx.clerk, {
      fields: { chosenName: 'Sura Qandeel', documents: [{ id: 'doc-1', type: 'passport', nameOnDocument: 'Soraya Wardakzai' }] },
      consents: [],
    });
    const search = (readable: string) => {
      const taken: AnswerWay[] = [];
      const ids = wholeWordMatches(fx.db, 'Sura Wardakzai', queryWords('Sura Wardakzai'), readable, 20, { answeredBy: (way) => taken.push(way) });
      return { ids, taken };
    };
    expect(search('0, 1, 2')).toEqual({ ids: [id], taken: ['pairs'] });
    // On the restricted screen the document's name is not read: nobody is found by it.
    expect(search('0').ids).toEqual([]);
  });
  it('answers a name with one typing error from the pair terms exactly as without them', () => {
    const names = fx.db.prepare<[], string>('SELECT chosen_name FROM people ORDER BY id DESC').pluck(true).all().filter((_, i) => i % 7 === 0);
    // Each kind of typing error, in the longest word of the name.
    const mistypings = [
      (word: string) => word.slice(0, 1) + word.slice(2), // a letter left out
      (word: string) => word.slice(0, 2) + word.slice(1), // a letter doubled
      (word: string) => word.slice(0, 1) + (word[2] ?? '') + (word[1] ?? '') + word.slice(3), // two swapped
      (word: string) => word.slice(0, 2) + (word[2] === 'x' ? 'q' : 'x') + word.slice(3), // one replaced
    ];
    const queries = names.flatMap((name) => {
      const words = name.split(' ');
      if (words.length < 2) return [];
      const longest = words.reduce((a, b) => ([...b].length > [...a].length ? b : a));
      if ([...longest].length < 5) return [];
      return mistypings.map((mistype) => words.map((word) => (word === longest ? mistype(word) : word)).join(' '));
    });
    expect(queries.length).toBeGreaterThan(150);
    const withPairs = new PeopleSearch(fx.db);
    const without = new PeopleSearch(fx.db, { pairs: false });
    let differing = 0;
    let found = 0;
    for (const tiers of [[0, 1, 2], [0]] as const) {
      for (const query of queries) {
        const paired = withPairs.ids(query, tiers, 20);
        if (JSON.stringify(paired) !== JSON.stringify(without.ids(query, tiers, 20))) differing += 1;
        found += paired.length;
      }
    }
    expect(differing).toBe(0);
    expect(found).toBeGreaterThan(queries.length);
  });
  it('reads the pair terms newest first, a chunk at a time, giving each candidate once, down to the last', () => {
    let compared = 0;
    for (const query of queries) {
      const typed = queryWords(query);
      if (typed.length < 2) continue;
      const words = typed.map((word, i) => termsOf(fx.db, queryRanges(word, { afterAnotherWord: i > 0 })).listed.map(([term]) => term));
      const all = pairCandidates(fx.db, words, '0, 1, 2', 1_000_000);
      if (all === undefined) continue;
      const everyone = (JSON.parse(all) as number[]).sort((a, b) => b - a);
      for (const chunk of [1, 3, 12]) {
        const streamed = [...(newestPairCandidates(fx.db, words, '0, 1, 2', chunk) ?? [])].flat();
        expect(streamed, `${query} (${chunk})`).toEqual(everyone);
      }
      if (everyone.length > 12) compared += 1;
    }
    // Not an empty comparison: many queries name more candidates than a chunk holds.
    expect(compared).toBeGreaterThan(20);
  });
});
