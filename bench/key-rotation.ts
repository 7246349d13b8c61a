/**
 * `npm run bench:rotation`: rotating the database key at site scale (issue 12). For each size it
 * seeds a fresh encrypted vault (bench/seeded-vault.ts), gives it a recovery slot, a supervisor and
 * nine other accounts with key slots, then times rotateDatabaseKey (src/main/vault/key-rotation.ts)
 * by stage: writing the pending slots, re-encrypting every page (PRAGMA rekey + checkpoint), and
 * re-wrapping the slots. Afterwards the new key must open the copy with every person in it and the
 * old key must not. Prints a table and writes bench/results/key-rotation.json.
 * Goal at 1,000,000 people (issue 12): < 120 s.
 *
 *   npm run bench:rotation                      # 100,000 and 1,000,000 people
 *   npm run bench:rotation -- --sizes 20000     # a quick run
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openEncrypted } from '../src/main/db/connection';
import { databaseOpensWith, rotateDatabaseKey } from '../src/main/vault/key-rotation';
import { KeySlotStore, RECOVERY_SLOT_ID } from '../src/main/vault/key-slots';
import type { KeyRotationStage } from '../src/shared/contract';
import { seededVault } from './seeded-vault';
import { printTable, writeResults } from './table';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' } } });
const sizes = (values.sizes ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const TODAY = new Date('2026-11-25T12:00:00Z');
const SUPERVISOR = { userName: 'bench.supervisor', password: 'violet kettle drums at noon' };
const OTHER_ACCOUNTS = 9;

interface SizeResult {
  people: number;
  databaseMegabytes: number;
  accounts: number;
  /** From the call to the start of the rekey: reading the slots, re-sealing them, writing the pending file. */
  prepareSeconds: number;
  /** PRAGMA rekey and the checkpoint into intake.db. */
  reencryptSeconds: number;
  /** keyslots.json replaced, the pending file removed. */
  rewrapSeconds: number;
  totalSeconds: number;
}

async function benchSize(count: number): Promise<SizeResult> {
  const { dir, db, key, close } = seededVault('rotation', count, TODAY);
  try {
    const slots = KeySlotStore.create(dir, key);
    await slots.put(RECOVERY_SLOT_ID, 'recovery', 'bench recovery key', key);
    const now = TODAY.toISOString();
    const addAccount = db.prepare("INSERT INTO accounts (slot_id, user_name, role, language, created_at, updated_at) VALUES (?, ?, ?, 'en', ?, ?)");
    const ownSlotId = slots.slotIdFor(SUPERVISOR.userName);
    await slots.put(ownSlotId, 'account', SUPERVISOR.password, key);
    addAccount.run(ownSlotId, SUPERVISOR.userName, 'supervisor', now, now);
    for (let i = 0; i < OTHER_ACCOUNTS; i++) {
      const userName = `bench.clerk.${i}`;
      const slotId = slots.slotIdFor(userName);
      await slots.put(slotId, 'account', `bench clerk password number ${i}`, key);
      addAccount.run(slotId, userName, 'clerk', now, now);
    }
    slots.commit();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const databaseMegabytes = statSync(join(dir, 'intake.db')).size / 1e6;

    const marks: Partial<Record<KeyRotationStage, number>> = {};
    const started = performance.now();
    const result = await rotateDatabaseKey({
      dataDir: dir,
      db,
      oldKey: key,
      own: { slotId: ownSlotId, secret: SUPERVISOR.password },
      onProgress: (stage) => {
        marks[stage] = performance.now();
      },
    });
    const ended = performance.now();
    db.close();
    const check = openEncrypted(join(dir, 'intake.db'), result.newKey, { mustExist: true });
    const people = check.prepare<[], { n: number }>('SELECT count(*) AS n FROM people').get()?.n ?? 0;
    check.close();
    if (people !== count) throw new Error(`the new key opens ${people} people, not ${count}`);
    if (databaseOpensWith(dir, key)) throw new Error('the old key still opens the database');
    const at = (stage: KeyRotationStage): number => marks[stage] ?? ended;
    return {
      people: count,
      databaseMegabytes,
      accounts: result.accounts,
      prepareSeconds: (at('re-encrypting') - started) / 1000,
      reencryptSeconds: (at('re-wrapping') - at('re-encrypting')) / 1000,
      rewrapSeconds: (at('done') - at('re-wrapping')) / 1000,
      totalSeconds: (ended - started) / 1000,
    };
  } finally {
    close();
  }
}

const results: SizeResult[] = [];
for (const size of sizes) {
  process.stderr.write(`bench: ${size} people\n`);
  results.push(await benchSize(size));
}

const s = (value: number) => value.toFixed(2).padStart(7);
printTable(
  ['people', 'database MB', 'accounts', 'prepare s', 're-encrypt s', 're-wrap s', 'total s'].map((heading) => ({ heading })),
  results.map((r) => [r.people, r.databaseMegabytes.toFixed(0), r.accounts, s(r.prepareSeconds), s(r.reencryptSeconds), s(r.rewrapSeconds), s(r.totalSeconds)]),
);
writeResults('key-rotation', results);
