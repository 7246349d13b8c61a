/**
 * `npm run bench:search`: what search finds, and how fast, at site scale (issue 10). A speed
 * figure over wrong answers is not a result, so this measures recall first.
 *
 * For each size it seeds a fresh encrypted vault as bench/people.ts does (the `intake seed`
 * generator), then registers an evaluation set as the newest records through PeopleService, the
 * service the desk uses: invented full names made of a given-name row and a family-name row of
 * tests/data/name-variants.tsv. Half are registered under their Arabic-script name and searched
 * with Latin spellings (arabic→latin); half under a Latin spelling and searched with the Arabic
 * forms and the other Latin spellings (latin→arabic). Each spelling is searched four ways:
 *
 *   full      the full name
 *   given+3   the given name and the first three letters of the family name
 *   family    the family name only
 *   typo      the full name with one typing error (a substitution, deletion or transposition in
 *             one word of five or more letters, never another listed spelling of that name)
 *
 * Every query goes through `PeopleService.search(actor, query, 'normal', 50)`; the planted
 * person's rank in the answer gives recall@10 and recall@50. It also reports the share of the
 * top ten results whose chosen name shares no word (nor a variant of one, from the same
 * evaluation row) with the query, and latency p50/p95 per query kind.
 *
 * Namesakes: seeded people whose chosen name or name on a document holds a form of the planted
 * person's given name and a form of their family name. A planted person with many namesakes
 * cannot always be told apart by name alone, so the table also gives recall@10 over the planted
 * people with fewer than ten namesakes, and each miss shows its count. The goals are on all queries.
 *
 * Goals (issue 10): full-name recall@10 ≥ 0.98 in both directions, given+3 ≥ 0.95, typo ≥ 0.90,
 * search p95 < 30 ms. Prints a table and each goal as MET or MISSED, writes
 * bench/results/search.json, and exits 1 when a recall goal is missed.
 *
 *   node --import tsx bench/search-recall.ts --sizes 100000,1000000
 *   node --import tsx bench/search-recall.ts --sizes 20000 --limit-planted 100   # a quick run
 *   node --import tsx bench/search-recall.ts --sizes 20000 --show-misses given+3  # every given+3 miss
 *
 * Misses are listed up to MAX_EXAMPLES per kind and direction; --show-misses lists every miss of
 * the kinds it names (comma-separated, or all), each with the query, the planted person's chosen
 * name and the evaluation rows of their given and family name (invented names, no real person).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../src/main/db/connection';
import { PeopleService } from '../src/main/people/people-service';
import { SeededRandom } from '../src/main/seed/random';
import { seededVault } from './seeded-vault';
import { fold, words } from '../src/shared/text/normalise';
import { loadNameVariants } from '../tests/data/name-variants';

type VariantRow = ReturnType<typeof loadNameVariants>[number];

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    'limit-planted': { type: 'string', default: '300' },
    seed: { type: 'string', default: '10' },
    'show-misses': { type: 'string', default: '' },
    'show-slow': { type: 'string', default: '0' },
  },
});
const sizes = (values.sizes ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const plantedCount = Number(values['limit-planted']);
const evaluationSeed = Number(values.seed);
/** Query kinds whose misses are all listed (not only the first MAX_EXAMPLES): --show-misses given+3,typo, or all. */
const showMisses = new Set((values['show-misses'] ?? '').split(',').filter((kind) => kind !== ''));
/** How many of the slowest queries of each kind to list (--show-slow N), to see what a p95 is made of. */
const showSlow = Number(values['show-slow']);
if (sizes.length === 0 || !Number.isInteger(showSlow) || !Number.isInteger(plantedCount) || plantedCount < 2 || !Number.isInteger(evaluationSeed)) {
  console.error('usage: bench/search-recall.ts [--sizes 100000,1000000] [--limit-planted 300] [--seed 10] [--show-misses given+3,full,family,typo|all] [--show-slow N]');
  process.exit(2);
}

const TODAY = new Date('2026-11-25T12:00:00Z');
/** Later than every seeded registration, so the planted people are the newest records. */
const PLANTED_AT = new Date(TODAY.getTime() + 3_600_000);
const LIMIT = 50;
/** Latin spelling combinations searched per planted person (and per kind). */
const MAX_LATIN_SPELLINGS = 4;
/** Arabic combinations: all of them, with a cap only against a row with very many forms. */
const MAX_ARABIC_SPELLINGS = 16;
const WARM_UP = 30;
const MAX_EXAMPLES = 20;
const NAMESAKES_FEW = 10;

const DIRECTIONS = ['arabic→latin', 'latin→arabic'] as const;
type Direction = (typeof DIRECTIONS)[number];
const KINDS = ['full', 'given+3', 'family', 'typo'] as const;
type Kind = (typeof KINDS)[number];
type Script = 'arabic' | 'latin';

const GOALS: readonly { kind: Kind; recallAt10: number }[] = [
  { kind: 'full', recallAt10: 0.98 },
  { kind: 'given+3', recallAt10: 0.95 },
  { kind: 'typo', recallAt10: 0.9 },
];
const P95_GOAL_MS = 30;

interface Planted {
  direction: Direction;
  given: VariantRow;
  family: VariantRow;
  chosenName: string;
}

interface Query {
  direction: Direction;
  kind: Kind;
  script: Script;
  text: string;
  planted: number;
}

interface Outcome {
  query: Query;
  /** 1-based rank of the planted person in the answer; 0 when not in it. */
  rank: number;
  ms: number;
  /** How many people the search returned (at most LIMIT). */
  found: number;
  top10: number;
  top10Unrelated: number;
  namesakes: number;
}

interface Figures {
  queries: number;
  recallAt10: number;
  recallAt50: number;
  /** Recall@10 over the queries for planted people with fewer than NAMESAKES_FEW namesakes. */
  recallAt10FewNamesakes: number;
  queriesFewNamesakes: number;
  /** Share of top-10 results that share no name word (or variant of one) with the query. */
  top10Unrelated: number;
  p50: number;
  p95: number;
}

interface Miss {
  query: string;
  planted: string;
  /** The evaluation rows of the planted person's given and family name. */
  rows: string;
  rank: number | null;
  namesakes: number;
}

interface SizeResult {
  people: number;
  seedSeconds: number;
  planted: number;
  namesakes: { median: number; max: number; shareWithFew: number };
  byDirection: Record<Direction, Record<Kind, Figures>>;
  byKind: Record<Kind, Figures>;
  latinToArabicByQueryScript: Record<Script, Record<Kind, Figures>>;
  all: Figures;
  misses: Record<Direction, Record<Kind, Miss[]>>;
  slowest: Record<Kind, { query: string; ms: number; found: number }[]>;
  goals: { goal: string; value: number; met: boolean; recall: boolean }[];
}

// ---------------------------------------------------------------------------------------------
// The evaluation set

function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function combinations(given: readonly string[], family: readonly string[]): [string, string][] {
  return given.flatMap((g) => family.map((f): [string, string] => [g, f]));
}

/** Given rows paired with family rows, each pair once, alternating the two directions. */
function plant(rows: readonly VariantRow[], count: number, random: SeededRandom): Planted[] {
  const usable = (row: VariantRow) => row.arabic.length > 0 && row.latin.length > 0;
  const given = shuffled(rows.filter((row) => row.kind === 'given' && usable(row)), random);
  const family = shuffled(rows.filter((row) => row.kind === 'family' && usable(row)), random);
  if (given.length === 0 || family.length === 0) throw new Error('the evaluation set needs given and family rows with Arabic and Latin forms');
  const maxPairs = given.length * family.length;
  const used = new Set<string>();
  const planted: Planted[] = [];
  // The walk may not reach every pair when the list lengths share a factor; it is bounded all the same.
  for (let i = 0; planted.length < Math.min(count, maxPairs) && i < 4 * maxPairs; i++) {
    // Walk both shuffled lists in step, shifting the family list once per lap so pairs vary.
    const g = given[i % given.length] as VariantRow;
    const f = family[(i + Math.floor(i / family.length)) % family.length] as VariantRow;
    const key = `${g.id}\u0000${f.id}`;
    if (used.has(key)) continue;
    used.add(key);
    const direction: Direction = DIRECTIONS[planted.length % 2] as Direction;
    const chosenName =
      direction === 'arabic→latin' ? `${g.arabic[0] ?? ''} ${f.arabic[0] ?? ''}` : `${g.latin[0] ?? ''} ${f.latin[0] ?? ''}`;
    planted.push({ direction, given: g, family: f, chosenName });
  }
  return planted;
}

/** The full-name spellings a planted person is searched with. */
function spellings(person: Planted, random: SeededRandom): { script: Script; given: string; family: string }[] {
  const { given, family } = person;
  const latin = combinations(given.latin, family.latin);
  if (person.direction === 'arabic→latin') {
    return shuffled(latin, random)
      .slice(0, MAX_LATIN_SPELLINGS)
      .map(([g, f]) => ({ script: 'latin' as const, given: g, family: f }));
  }
  const planted = `${given.latin[0] ?? ''}\u0000${family.latin[0] ?? ''}`;
  const otherLatin = shuffled(
    latin.filter(([g, f]) => `${g}\u0000${f}` !== planted),
    random,
  ).slice(0, MAX_LATIN_SPELLINGS);
  return [
    ...combinations(given.arabic, family.arabic)
      .slice(0, MAX_ARABIC_SPELLINGS)
      .map(([g, f]) => ({ script: 'arabic' as const, given: g, family: f })),
    ...otherLatin.map(([g, f]) => ({ script: 'latin' as const, given: g, family: f })),
  ];
}

/** The first `count` letters of a name as typed, with any punctuation between them (Al-H). */
function firstLetters(name: string, count: number): string {
  let letters = 0;
  let typed = '';
  for (const char of name) {
    if (letters === count) break;
    typed += char;
    if (/\p{L}/u.test(char)) letters += 1;
  }
  return typed;
}

const LATIN_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ARABIC_LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';

/**
 * One typing error in one word of five or more letters: a substitution (by a letter of the same
 * script), a deletion or a transposition of two neighbouring letters. The edit must change the
 * folded word and must not turn it into another listed spelling of the same name.
 */
function withTypo(fullName: string, listed: ReadonlySet<string>, random: SeededRandom): string | undefined {
  const tokens = fullName.split(' ');
  const long = tokens.map((token, index) => ({ token, index })).filter(({ token }) => [...token].filter((c) => /\p{L}/u.test(c)).length >= 5);
  if (long.length === 0) return undefined;
  for (let attempt = 0; attempt < 30; attempt++) {
    const { token, index } = random.pick(long);
    const chars = [...token];
    const letterAt = chars.flatMap((char, i) => (/\p{L}/u.test(char) ? [i] : []));
    const edit = random.pick(['substitution', 'deletion', 'transposition'] as const);
    const at = random.pick(letterAt);
    const edited = [...chars];
    if (edit === 'substitution') {
      const original = chars[at] as string;
      const arabic = /[\u0600-\u06FF]/.test(original);
      const replacement = random.pick([...(arabic ? ARABIC_LETTERS : LATIN_LETTERS)]);
      edited[at] = !arabic && original !== original.toLowerCase() ? replacement.toUpperCase() : replacement;
    } else if (edit === 'deletion') {
      edited.splice(at, 1);
    } else {
      const next = letterAt[letterAt.indexOf(at) + 1];
      if (next !== at + 1) continue;
      [edited[at], edited[next]] = [chars[next] as string, chars[at] as string];
    }
    const typo = edited.join('');
    const foldedTypo = fold(typo);
    if (foldedTypo === fold(token) || listed.has(foldedTypo)) continue;
    const typed = [...tokens];
    typed[index] = typo;
    return typed.join(' ');
  }
  return undefined;
}

function queriesFor(person: Planted, index: number, random: SeededRandom): Query[] {
  const listed = new Set([person.given, person.family].flatMap((row) => [...row.arabic, ...row.latin].flatMap((form) => words(form))));
  const seen = new Set<string>();
  const queries: Query[] = [];
  const add = (kind: Kind, script: Script, text: string | undefined) => {
    if (text === undefined || text.trim() === '') return;
    const key = `${kind}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    queries.push({ direction: person.direction, kind, script, text, planted: index });
  };
  for (const spelling of spellings(person, random)) {
    const full = `${spelling.given} ${spelling.family}`;
    add('full', spelling.script, full);
    add('given+3', spelling.script, `${spelling.given} ${firstLetters(spelling.family, 3)}`);
    add('family', spelling.script, spelling.family);
    add('typo', spelling.script, withTypo(full, listed, random));
  }
  return queries;
}

/** Folded word → the evaluation rows it is a form of, to tell a variant from an unrelated name. */
function rowsByWord(rows: readonly VariantRow[]): Map<string, Set<string>> {
  const byWord = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const form of [...row.arabic, ...row.latin]) {
      for (const word of words(form)) {
        const ids = byWord.get(word) ?? new Set<string>();
        ids.add(row.id);
        byWord.set(word, ids);
      }
    }
  }
  return byWord;
}

function sharesAName(resultName: string, queryWords: readonly string[], byWord: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  return words(resultName).some((word) =>
    queryWords.some((queryWord) => {
      if (word === queryWord) return true;
      const mine = byWord.get(word);
      const theirs = byWord.get(queryWord);
      return mine !== undefined && theirs !== undefined && [...mine].some((id) => theirs.has(id));
    }),
  );
}

/**
 * For each planted person, how many seeded people carry a form of both their given and family
 * name (in their chosen name or a name on a document): people search cannot tell apart by name.
 */
function namesakesOf(db: Db, planted: readonly Planted[], rows: readonly VariantRow[]): number[] {
  // Each form of each row, indexed by its first word: a name holds the form when it holds all its words.
  const forms = new Map<string, { row: VariantRow; words: string[] }[]>();
  for (const row of rows) {
    for (const form of [...row.arabic, ...row.latin]) {
      const formWords = words(form);
      const first = formWords[0];
      if (first === undefined) continue;
      forms.set(first, [...(forms.get(first) ?? []), { row, words: formWords }]);
    }
  }
  const pairs = new Map<string, number>();
  const statement = db.prepare<[], { chosen_name: string; tier1: string }>('SELECT chosen_name, tier1 FROM people');
  for (const person of statement.iterate()) {
    const documents = (JSON.parse(person.tier1) as { documents?: { nameOnDocument?: string }[] }).documents ?? [];
    const seen = new Set<string>();
    for (const name of [person.chosen_name, ...documents.map((document) => document.nameOnDocument ?? '')]) {
      const nameWords = new Set(words(name));
      const held = [...nameWords].flatMap((word) => (forms.get(word) ?? []).filter((form) => form.words.every((w) => nameWords.has(w))));
      const given = new Set(held.filter((form) => form.row.kind === 'given').map((form) => form.row.id));
      const family = new Set(held.filter((form) => form.row.kind === 'family').map((form) => form.row.id));
      for (const g of given) for (const f of family) seen.add(`${g}\u0000${f}`);
    }
    for (const key of seen) pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  return planted.map((person) => pairs.get(`${person.given.id}\u0000${person.family.id}`) ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Measuring

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function inTop10(outcome: Outcome): boolean {
  return outcome.rank > 0 && outcome.rank <= 10;
}

function figuresOf(outcomes: readonly Outcome[]): Figures {
  const n = outcomes.length;
  const top10 = outcomes.reduce((sum, o) => sum + o.top10, 0);
  const ms = outcomes.map((o) => o.ms);
  const few = outcomes.filter((o) => o.namesakes < NAMESAKES_FEW);
  return {
    queries: n,
    recallAt10: n === 0 ? NaN : outcomes.filter(inTop10).length / n,
    recallAt50: n === 0 ? NaN : outcomes.filter((o) => o.rank > 0 && o.rank <= 50).length / n,
    recallAt10FewNamesakes: few.length === 0 ? NaN : few.filter(inTop10).length / few.length,
    queriesFewNamesakes: few.length,
    top10Unrelated: top10 === 0 ? NaN : outcomes.reduce((sum, o) => sum + o.top10Unrelated, 0) / top10,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
  };
}

function byKindOf(outcomes: readonly Outcome[]): Record<Kind, Figures> {
  return Object.fromEntries(KINDS.map((kind) => [kind, figuresOf(outcomes.filter((o) => o.query.kind === kind))])) as Record<Kind, Figures>;
}

function benchSize(count: number, rows: readonly VariantRow[]): SizeResult {
  const { db, actor, seedSeconds, close } = seededVault('search', count, TODAY);
  try {
    // The same evaluation set at every size: one generator, started afresh.
    const random = new SeededRandom(evaluationSeed);
    const planted = plant(rows, plantedCount, random);
    const namesakes = namesakesOf(db, planted, rows);
    const people = new PeopleService(db, () => PLANTED_AT);
    const ids = db.transaction(() => planted.map((person) => people.registerId(actor, { fields: { chosenName: person.chosenName }, consents: ['register'] })))();
    const queries = shuffled(
      planted.flatMap((person, index) => queriesFor(person, index, random)),
      random,
    );
    process.stderr.write(`  planted ${planted.length} people, ${queries.length} queries\n`);

    const byWord = rowsByWord(rows);
    for (const query of queries.slice(0, WARM_UP)) people.search(actor, query.text, 'normal', LIMIT);
    const outcomes: Outcome[] = queries.map((query) => {
      const start = performance.now();
      const results = people.search(actor, query.text, 'normal', LIMIT);
      const ms = performance.now() - start;
      const queryWords = words(query.text);
      const top = results.slice(0, 10);
      return {
        query,
        rank: results.findIndex((result) => result.id === ids[query.planted]) + 1,
        ms,
        found: results.length,
        top10: top.length,
        top10Unrelated: top.filter((result) => !sharesAName(result.chosenName, queryWords, byWord)).length,
        namesakes: namesakes[query.planted] ?? 0,
      };
    });
    close();

    const byDirection = Object.fromEntries(
      DIRECTIONS.map((direction) => [direction, byKindOf(outcomes.filter((o) => o.query.direction === direction))]),
    ) as Record<Direction, Record<Kind, Figures>>;
    const latinToArabic = outcomes.filter((o) => o.query.direction === 'latin→arabic');
    const latinToArabicByQueryScript = {
      arabic: byKindOf(latinToArabic.filter((o) => o.query.script === 'arabic')),
      latin: byKindOf(latinToArabic.filter((o) => o.query.script === 'latin')),
    };
    const byKind = byKindOf(outcomes);
    const misses = Object.fromEntries(
      DIRECTIONS.map((direction) => [
        direction,
        Object.fromEntries(
          KINDS.map((kind) => [
            kind,
            outcomes
              .filter((o) => o.query.direction === direction && o.query.kind === kind && !inTop10(o))
              .slice(0, showMisses.has(kind) || showMisses.has('all') ? undefined : MAX_EXAMPLES)
              .map((o) => ({
                query: o.query.text,
                planted: planted[o.query.planted]?.chosenName ?? '',
                rows: `${planted[o.query.planted]?.given.id ?? ''} + ${planted[o.query.planted]?.family.id ?? ''}`,
                rank: o.rank > 0 ? o.rank : null,
                namesakes: o.namesakes,
              })),
          ]),
        ),
      ]),
    ) as Record<Direction, Record<Kind, Miss[]>>;

    const slowest = Object.fromEntries(
      KINDS.map((kind) => [
        kind,
        outcomes
          .filter((o) => o.query.kind === kind)
          .sort((a, b) => b.ms - a.ms)
          .slice(0, showSlow)
          .map((o) => ({ query: o.query.text, ms: o.ms, found: o.found })),
      ]),
    ) as SizeResult['slowest'];

    const goals: SizeResult['goals'] = [];
    for (const { kind, recallAt10 } of GOALS) {
      for (const direction of DIRECTIONS) {
        const value = byDirection[direction][kind].recallAt10;
        goals.push({ goal: `${kind} recall@10 ≥ ${recallAt10} (${direction})`, value, met: value >= recallAt10, recall: true });
      }
    }
    for (const kind of KINDS) {
      const value = byKind[kind].p95;
      goals.push({ goal: `${kind} search p95 < ${P95_GOAL_MS} ms`, value, met: value < P95_GOAL_MS, recall: false });
    }
    return {
      people: count,
      seedSeconds,
      planted: planted.length,
      namesakes: {
        median: percentile(namesakes, 50),
        max: Math.max(...namesakes),
        shareWithFew: namesakes.filter((n) => n < NAMESAKES_FEW).length / namesakes.length,
      },
      byDirection,
      byKind,
      latinToArabicByQueryScript,
      all: figuresOf(outcomes),
      misses,
      slowest,
      goals,
    };
  } finally {
    close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const rows = loadNameVariants();
const results: SizeResult[] = [];
for (const size of sizes) {
  process.stderr.write(`bench search: ${size} people\n`);
  results.push(benchSize(size, rows));
}

const share = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(3));
const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(2));
const line = (people: number, label: string, kind: string, f: Figures) =>
  `| ${people} | ${label} | ${kind} | ${f.queries} | ${share(f.recallAt10)} | ${share(f.recallAt50)} | ${share(f.recallAt10FewNamesakes)} (${f.queriesFewNamesakes}) | ${share(f.top10Unrelated)} | ${ms(f.p50)} | ${ms(f.p95)} |`;
const HEADER = `recall@10 | recall@50 | recall@10, <${NAMESAKES_FEW} namesakes (queries) | top-10 unrelated | p50 ms | p95 ms |`;

console.log(`\n| people | direction | query | queries | ${HEADER}`);
console.log('|---:|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const result of results) {
  for (const direction of DIRECTIONS) {
    for (const kind of KINDS) console.log(line(result.people, direction, kind, result.byDirection[direction][kind]));
  }
  for (const kind of KINDS) console.log(line(result.people, 'both', kind, result.byKind[kind]));
  console.log(line(result.people, 'both', 'all', result.all));
}

console.log('\nlatin→arabic by the script of the query (Arabic forms, or the other Latin spellings):\n');
console.log(`| people | query script | query | queries | ${HEADER}`);
console.log('|---:|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const result of results) {
  for (const script of ['arabic', 'latin'] as const) {
    for (const kind of KINDS) console.log(line(result.people, script, kind, result.latinToArabicByQueryScript[script][kind]));
  }
}

for (const result of results) {
  const missed = DIRECTIONS.flatMap((direction) => KINDS.map((kind) => ({ direction, kind, list: result.misses[direction][kind] }))).filter(
    ({ list }) => list.length > 0,
  );
  if (missed.length === 0) continue;
  console.log(`\nmissed at ${result.people} people (not in the top 10; up to ${MAX_EXAMPLES} per kind, all for --show-misses kinds):`);
  for (const { direction, kind, list } of missed) {
    console.log(`  ${direction} ${kind}:`);
    for (const miss of list) {
      console.log(`    ${JSON.stringify(miss.query)} → planted ${JSON.stringify(miss.planted)} (rows ${miss.rows}): rank ${miss.rank ?? 'not in the top 50'} (${miss.namesakes} namesakes)`);
    }
  }
}

for (const result of results) {
  if (showSlow === 0) continue;
  console.log(`\nslowest queries at ${result.people} people (--show-slow ${showSlow}):`);
  for (const kind of KINDS) {
    console.log(`  ${kind}:`);
    for (const slow of result.slowest[kind]) console.log(`    ${ms(slow.ms)} ms  ${JSON.stringify(slow.query)} (${slow.found} found)`);
  }
}

let recallMissed = false;
console.log('\nnamesakes of the planted people (seeded people with a form of both their given and family name):');
for (const result of results) {
  const n = result.namesakes;
  console.log(`  ${result.people} people: median ${n.median}, max ${n.max}, ${share(n.shareWithFew)} of planted people have fewer than ${NAMESAKES_FEW}`);
}

for (const result of results) {
  console.log(`\ngoals at ${result.people} people:`);
  for (const goal of result.goals) {
    const value = goal.recall ? share(goal.value) : `${ms(goal.value)} ms`;
    console.log(`  ${goal.met ? 'MET   ' : 'MISSED'} ${goal.goal}: ${value}`);
    if (goal.recall && !goal.met) recallMissed = true;
  }
}

mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
const out = join(import.meta.dirname, 'results', 'search.json');
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, plantedLimit: plantedCount, evaluationSeed, limit: LIMIT, results }, null, 2)}\n`,
);
console.log(`\nwrote ${out}`);
if (recallMissed) {
  console.error('\nbench search: a recall goal is MISSED (see above)');
  process.exitCode = 1;
}
