/**
 * Statistics at site scale, on synthetic data the project makes itself. For each size it seeds a
 * fresh encrypted vault (as `intake seed` does), then times computing every table with disclosure
 * control and the audit, for the whole history, the last month and the last week, and the three
 * export formats. It measures twice: as the schema stands, then with the covering statistics
 * index the stats module suggests as a migration (STATISTICS_INDEX_NAME, STATISTICS_INDEX_SQL), timing its creation.
 * Prints a table and writes bench/results/stats.json.
 *
 *   node --import tsx bench/stats.ts --sizes 100000,1000000
 *   node --import tsx bench/stats.ts --sizes 20000        # a quick run
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../src/main/db/connection';
import { seededVault } from './seeded-vault';
import { STATISTICS_INDEX_NAME, STATISTICS_INDEX_SQL, computeStatistics, exportStatistics } from '../src/main/stats';
import { englishStatsLabel, type StatsRequestInput } from '../src/shared/stats';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' } } });
const sizes = (values.sizes ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const TODAY = new Date('2026-11-25T12:00:00Z');
const RUNS = 3;

const PERIODS: Record<string, StatsRequestInput> = {
  'all (18 months, weekly)': { from: '2025-05-01', to: '2026-11-30', granularity: 'week' },
  'last month': { from: '2026-10-01', to: '2026-10-31', granularity: 'month' },
  'last week': { from: '2026-11-16', to: '2026-11-22', granularity: 'week' },
};

interface Timing {
  first: number;
  median: number;
  suppressed: number;
  auditRounds: number;
}

function timeStatistics(db: Db, request: StatsRequestInput): Timing {
  const samples: number[] = [];
  let suppressed = 0;
  let auditRounds = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const statistics = computeStatistics(db, request, TODAY);
    samples.push(performance.now() - start);
    suppressed = statistics.protection.suppressed.size;
    auditRounds = statistics.protection.rounds;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { first: samples[0] ?? NaN, median: sorted[Math.floor(sorted.length / 2)] ?? NaN, suppressed, auditRounds };
}

interface SizeResult {
  people: number;
  seedSeconds: number;
  indexSeconds: number;
  withoutIndex: Record<string, Timing>;
  withIndex: Record<string, Timing>;
  exportMs: Record<string, number>;
}

async function benchSize(count: number): Promise<SizeResult> {
  const { db, seedSeconds, close } = seededVault('stats', count, TODAY);
  try {
    // Migration 4 creates the index; measure once without it, then with it rebuilt.
    db.exec(`DROP INDEX IF EXISTS ${STATISTICS_INDEX_NAME}`);
    const withoutIndex: Record<string, Timing> = {};
    for (const [name, request] of Object.entries(PERIODS)) withoutIndex[name] = timeStatistics(db, request);

    const indexStart = performance.now();
    db.exec(STATISTICS_INDEX_SQL);
    const indexSeconds = (performance.now() - indexStart) / 1000;
    const withIndex: Record<string, Timing> = {};
    for (const [name, request] of Object.entries(PERIODS)) withIndex[name] = timeStatistics(db, request);

    const report = computeStatistics(db, PERIODS['all (18 months, weekly)'] ?? { from: '2025-05-01', to: '2026-11-30' }, TODAY).report;
    const exportMs: Record<string, number> = {};
    for (const format of ['csv', 'xlsx', 'html'] as const) {
      const start = performance.now();
      await exportStatistics(report, format, { label: englishStatsLabel, language: 'en' });
      exportMs[format] = performance.now() - start;
    }
    return { people: count, seedSeconds, indexSeconds, withoutIndex, withIndex, exportMs };
  } finally {
    close();
  }
}

const results: SizeResult[] = [];
for (const size of sizes) {
  process.stderr.write(`bench: ${size} people\n`);
  results.push(await benchSize(size));
}

const ms = (value: number) => value.toFixed(0).padStart(6);
console.log('\n| people | period | no index: first ms | no index: median ms | with index: first ms | with index: median ms | suppressed | audit rounds |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
for (const result of results) {
  for (const name of Object.keys(PERIODS)) {
    const plain = result.withoutIndex[name];
    const indexed = result.withIndex[name];
    if (!plain || !indexed) continue;
    console.log(
      `| ${result.people} | ${name} | ${ms(plain.first)} | ${ms(plain.median)} | ${ms(indexed.first)} | ${ms(indexed.median)} | ${indexed.suppressed} | ${indexed.auditRounds} |`,
    );
  }
  console.log(
    `| ${result.people} | index creation ${result.indexSeconds.toFixed(1)} s; exports csv ${result.exportMs.csv?.toFixed(0)} ms, xlsx ${result.exportMs.xlsx?.toFixed(0)} ms, html ${result.exportMs.html?.toFixed(0)} ms | | | | | | |`,
  );
}
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
const out = join(import.meta.dirname, 'results', 'stats.json');
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
console.log(`\nwrote ${out}`);
