/**
 * `npm run bench:backup`: a verified backup, a restore drill and a restore, at site scale. For each
 * size it seeds a fresh encrypted vault (bench/seeded-vault.ts), gives it a supervisor's key slot
 * and an audit entry per person (the chain is checked live, on the copy and in each drill), then
 * measures:
 *  - backup + verify: VACUUM INTO a new folder, manifest, every file re-hashed from disk, the copy
 *    opened, integrity-checked, audit chain and head checked, counted (src/main/backup/create-backup.ts);
 *  - drill: the backup checked, copied into a temporary folder, checked again there, opened as
 *    the app opens it (migrations), verified, removed (drillBackup, with the live key);
 *  - restore: the same into a new data folder, unlocked with the supervisor's password (one scrypt).
 * Prints a table and writes bench/results/backup.json. Goals at 1,000,000 (issue 12): backup with
 * verification < 90 s, drill < 120 s.
 *
 *   npm run bench:backup                      # 100,000 and 1,000,000 people
 *   npm run bench:backup -- --sizes 20000     # a quick run
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLog } from '../src/main/audit/audit-log';
import { sealAuditHead } from '../src/main/audit/audit-head';
import { createBackup } from '../src/main/backup/create-backup';
import { drillBackup, restoreBackup } from '../src/main/backup/restore-backup';
import { derivedKey } from '../src/main/vault/derived-keys';
import { KeySlotStore, RECOVERY_SLOT_ID } from '../src/main/vault/key-slots';
import { ensureSearchTermsCurrent } from '../src/main/people/search-index';
import { seededVault } from './seeded-vault';
import { printTable, writeResults } from './table';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' } } });
const sizes = (values.sizes ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const TODAY = new Date('2026-11-25T12:00:00Z');
const SUPERVISOR = { userName: 'bench.supervisor', password: 'violet kettle drums at noon' };

interface SizeResult {
  people: number;
  seedSeconds: number;
  databaseMegabytes: number;
  backupSeconds: number;
  /** Where the backup's time went: the live log checked before, then each step as createBackup reports it. */
  backupSteps: Record<string, number>;
  drillSeconds: number;
  restoreSeconds: number;
}

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

async function benchSize(count: number): Promise<SizeResult> {
  const { dir, db, key, seedSeconds, close } = seededVault('backup', count, TODAY);
  const media = mkdtempSync(join(tmpdir(), 'intake-bench-backup-media-'));
  const restored = mkdtempSync(join(tmpdir(), 'intake-bench-backup-restored-'));
  try {
    // What a set-up vault has beside the people: a supervisor with a key slot, a sealed audit head.
    const slots = KeySlotStore.create(dir, key);
    await slots.put(RECOVERY_SLOT_ID, 'recovery', 'bench recovery key', key);
    const slotId = slots.slotIdFor(SUPERVISOR.userName);
    await slots.put(slotId, 'account', SUPERVISOR.password, key);
    slots.commit();
    const now = TODAY.toISOString();
    const account = db
      .prepare("INSERT INTO accounts (slot_id, user_name, role, language, created_at, updated_at) VALUES (?, ?, 'supervisor', 'en', ?, ?)")
      .run(slotId, SUPERVISOR.userName, now, now).lastInsertRowid;
    sealAuditHead(db, derivedKey(key, 'auditHead'));
    // As the app leaves a vault it has opened once: search terms at the current version.
    ensureSearchTermsCurrent(db);
    // A site that registered its people at the desk has at least one entry for each (record-create):
    // the chain is verified on the live vault, on the copy and in each drill, so its length counts.
    const audit = new AuditLog(db, undefined, () => derivedKey(key, 'auditHead'));
    const people = db.prepare<[], { id: number; registration_number: string }>('SELECT id, registration_number FROM people ORDER BY id').all();
    const appendBatch = db.transaction((batch: typeof people) => {
      for (const person of batch) {
        audit.append({ action: 'record-create', accountId: Number(account), personId: person.id, registrationNumber: person.registration_number, details: { fields: ['chosenName'], consents: ['register'] } });
      }
    });
    const auditStarted = performance.now();
    for (let i = 0; i < people.length; i += 10_000) appendBatch(people.slice(i, i + 10_000));
    process.stderr.write(`  ${people.length} audit entries in ${((performance.now() - auditStarted) / 1000).toFixed(1)} s\n`);
    db.pragma('wal_checkpoint(TRUNCATE)');

    const marks: [string, number][] = [['live log checked', performance.now()]];
    const backup = await timed(() =>
      createBackup({ db, databaseKey: key, dataDir: dir, to: media, keep: 5, fat32: false, onStep: (step) => void marks.push([step, performance.now()]) }),
    );
    marks.push(['end', performance.now()]);
    const backupSteps = Object.fromEntries(marks.slice(0, -1).map(([step, at], i) => [step, ((marks[i + 1]?.[1] ?? at) - at) / 1000]));
    process.stderr.write(`  backup + verify ${backup.seconds.toFixed(1)} s (${(backup.value.bytes / 1e6).toFixed(0)} MB): ${Object.entries(backupSteps).map(([step, seconds]) => `${step} ${seconds.toFixed(1)} s`).join(', ')}\n`);
    const drill = await timed(() => drillBackup(backup.value.path, { key: Buffer.from(key) }));
    process.stderr.write(`  drill ${drill.seconds.toFixed(1)} s\n`);
    const restore = await timed(() => restoreBackup(backup.value.path, join(restored, 'site'), SUPERVISOR));
    process.stderr.write(`  restore ${restore.seconds.toFixed(1)} s\n`);
    if (drill.value.people !== count || restore.value.people !== count) throw new Error('the counts restored differ from the people seeded');
    return {
      people: count,
      seedSeconds,
      databaseMegabytes: backup.value.bytes / 1e6,
      backupSeconds: backup.seconds,
      backupSteps,
      drillSeconds: drill.seconds,
      restoreSeconds: restore.seconds,
    };
  } finally {
    rmSync(media, { recursive: true, force: true });
    rmSync(restored, { recursive: true, force: true });
    close();
  }
}

const results: SizeResult[] = [];
for (const size of sizes) {
  process.stderr.write(`bench: ${size} people\n`);
  results.push(await benchSize(size));
}

const s = (value: number) => value.toFixed(1).padStart(7);
printTable(
  ['people', 'backup MB', 'backup + verify s', 'restore drill s', 'restore s'].map((heading) => ({ heading })),
  results.map((r) => [r.people, r.databaseMegabytes.toFixed(0), s(r.backupSeconds), s(r.drillSeconds), s(r.restoreSeconds)]),
);
writeResults('backup', results);
