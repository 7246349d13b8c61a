import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEncrypted, type Db } from '../src/main/db/connection';
import { LATEST_VERSION, migrate } from '../src/main/db/migrations';
import { SEARCH_TERMS_VERSION } from '../src/main/people/search-terms';
import type { Actor } from '../src/main/people/people-service';
import { seedPeople } from '../src/main/seed/seeder';

export interface SeededVault {
  /** The temporary folder the database is in (for copies made beside it). */
  dir: string;
  db: Db;
  /** The raw database key (for benchmarks that back the vault up or open copies of it). */
  key: Buffer;
  /** The protection officer the people were registered by. */
  actor: Actor;
  /** How long seeding took (when the vault came from the seed cache, how long it took then). */
  seedSeconds: number;
  /** Closes the database and removes the folder. */
  close(): void;
}

/**
 * `INTAKE_BENCH_CACHE=<folder>`: keep each seeded vault there and start every later benchmark of
 * the same size from a copy of it. Seeding a million people through the desk's own service takes
 * most of an hour on a 2-core laptop; each benchmark plants its own records, so it always works on
 * a copy, never on the cached vault. The vault holds synthetic people only; its key lies beside it.
 * The cache is keyed by the size, the day, the seed, the schema version, the search terms' version
 * and a hash of the generator, so a new migration, new search terms or new synthetic people seed
 * anew. (Not by the whole source: a cached million must outlive unrelated edits. A change to how a
 * registration is stored that bumps neither version is a reason to empty the cache by hand.)
 */
const CACHE_DIR = process.env['INTAKE_BENCH_CACHE'];
const SEED = 42;
const ACCOUNT_SLOT = 'bench';

interface CachedSeed {
  actorId: number;
  seedSeconds: number;
  key: string;
}

function generatorHash(): string {
  const hash = createHash('sha256');
  const folder = join(import.meta.dirname, '..', 'src', 'main', 'seed');
  for (const name of readdirSync(folder).sort()) hash.update(name).update(readFileSync(join(folder, name)));
  return hash.digest('hex').slice(0, 12);
}

function cachePaths(count: number, today: Date, version = LATEST_VERSION): { db: string; meta: string } | undefined {
  if (CACHE_DIR === undefined || CACHE_DIR === '') return undefined;
  const name = `seeded-${count}-${today.toISOString().slice(0, 10)}-s${SEED}-v${version}-t${SEARCH_TERMS_VERSION}-${generatorHash()}`;
  return { db: join(CACHE_DIR, `${name}.db`), meta: join(CACHE_DIR, `${name}.json`) };
}

/**
 * The cached seed to start from: the one of this schema, else the newest of an older schema with
 * the same people and search terms, which the app's own migrations bring up to date on opening (as
 * a desk's database is upgraded). A million people take over 20 minutes to seed; a migration that
 * only adds tables should not cost that.
 */
function cachedSeed(count: number, today: Date): { db: string; meta: string; version: number } | undefined {
  for (let version = LATEST_VERSION; version >= 1; version -= 1) {
    const paths = cachePaths(count, today, version);
    if (paths === undefined) return undefined;
    if (existsSync(paths.db) && existsSync(paths.meta)) return { ...paths, version };
  }
  return undefined;
}

function seedInto(db: Db, count: number, today: Date): { actor: Actor; seedSeconds: number } {
  migrate(db);
  const id = db
    .prepare("INSERT INTO accounts (slot_id, user_name, role, language, created_at, updated_at) VALUES (?, 'bench.protection', 'protection', 'en', ?, ?)")
    .run(ACCOUNT_SLOT, today.toISOString(), today.toISOString()).lastInsertRowid;
  const actor: Actor = { id: Number(id), role: 'protection' };
  const started = performance.now();
  seedPeople(db, actor, { count, seed: SEED, today }, () => undefined);
  const seedSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`  seeded ${count} in ${seedSeconds.toFixed(1)} s\n`);
  return { actor, seedSeconds };
}

/** Writes the freshly seeded vault into the cache: the file first, under a temporary name, then its key. */
function storeInCache(db: Db, dbPath: string, cache: { db: string; meta: string }, seed: CachedSeed): void {
  mkdirSync(CACHE_DIR as string, { recursive: true });
  db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(dbPath, `${cache.db}.tmp`);
  renameSync(`${cache.db}.tmp`, cache.db);
  writeFileSync(cache.meta, JSON.stringify(seed), { mode: 0o600 });
  process.stderr.write(`  kept in the seed cache: ${cache.db}\n`);
}

/**
 * A fresh encrypted vault in a temporary folder with `count` synthetic people, registered through
 * the desk's own service as `intake seed` does (the same seed at every run), and how long that took.
 */
export function seededVault(label: string, count: number, today: Date): SeededVault {
  const dir = mkdtempSync(join(tmpdir(), `intake-bench-${label}-`));
  const dbPath = join(dir, 'intake.db');
  const cache = cachePaths(count, today);
  const found = cachedSeed(count, today);
  const cached = found !== undefined ? (JSON.parse(readFileSync(found.meta, 'utf8')) as CachedSeed) : undefined;
  if (found !== undefined && cached !== undefined) {
    const started = performance.now();
    copyFileSync(found.db, dbPath);
    const migrated = found.version < LATEST_VERSION ? `, schema ${found.version} migrated to ${LATEST_VERSION} on opening` : '';
    process.stderr.write(`  ${count} people copied from the seed cache in ${((performance.now() - started) / 1000).toFixed(1)} s (seeded in ${cached.seedSeconds.toFixed(1)} s${migrated})\n`);
  }
  const key = cached !== undefined ? Buffer.from(cached.key, 'hex') : randomBytes(32);
  const db = openEncrypted(dbPath, key, { mustExist: cached !== undefined });
  const close = (): void => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (cached !== undefined) {
      migrate(db); // an older schema's seed is brought up to date; else it gives the connection the exchange's capture functions
      return { dir, db, key, actor: { id: cached.actorId, role: 'protection' }, seedSeconds: cached.seedSeconds, close };
    }
    const { actor, seedSeconds } = seedInto(db, count, today);
    if (cache !== undefined) storeInCache(db, dbPath, cache, { actorId: actor.id, seedSeconds, key: key.toString('hex') });
    return { dir, db, key, actor, seedSeconds, close };
  } catch (error) {
    close();
    throw error;
  }
}
