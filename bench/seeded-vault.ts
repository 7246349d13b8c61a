import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEncrypted, type Db } from '../src/main/db/connection';
import { migrate } from '../src/main/db/migrations';
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
  seedSeconds: number;
  /** Closes the database and removes the folder. */
  close(): void;
}

/**
 * A fresh encrypted vault in a temporary folder with `count` synthetic people, registered through
 * the desk's own service as `intake seed` does (the same seed at every run), and how long that took.
 */
export function seededVault(label: string, count: number, today: Date): SeededVault {
  const dir = mkdtempSync(join(tmpdir(), `intake-bench-${label}-`));
  const key = randomBytes(32);
  const db = openEncrypted(join(dir, 'intake.db'), key, { mustExist: false });
  const close = (): void => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    migrate(db);
    const id = db
      .prepare("INSERT INTO accounts (slot_id, user_name, role, language, created_at, updated_at) VALUES ('bench', 'bench.protection', 'protection', 'en', ?, ?)")
      .run(today.toISOString(), today.toISOString()).lastInsertRowid;
    const actor: Actor = { id: Number(id), role: 'protection' };
    const started = performance.now();
    seedPeople(db, actor, { count, seed: 42, today }, () => undefined);
    const seedSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`  seeded ${count} in ${seedSeconds.toFixed(1)} s\n`);
    return { dir, db, key, actor, seedSeconds, close };
  } catch (error) {
    close();
    throw error;
  }
}
