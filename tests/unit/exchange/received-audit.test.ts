/**
 * Issue 13, audit: another desk's chain kept as received, when that desk was put back from a
 * backup (or a copy of its folder) and wrote its chain on a second time from an earlier entry. The
 * other desks must keep both lines (nothing lost), find both sound, still find an entry changed in
 * either, and take no line that does not follow what they hold.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, type AuditRow } from '../../../src/main/audit/audit-log';
import { openEncrypted, type Db } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrations';
import { receivedAuditHead, receivedChains, storeReceivedAudit } from '../../../src/main/exchange/received-audit';

function scratchDb(): Db {
  const db = openEncrypted(join(mkdtempSync(join(tmpdir(), 'intake-received-audit-')), 'intake.db'), randomBytes(32), { mustExist: false });
  migrate(db);
  return db;
}

/** The desks' clock: a second on at every entry written, at whichever desk (entries are ordered by it). */
let tick = 0;
const clock = () => new Date(Date.parse('2026-12-01T08:00:00.000Z') + (tick += 1) * 1000);

/** A desk's own chain: `count` entries appended to what it holds. */
function write(desk: Db, count: number, action: AuditRow['action'] = 'sign-in'): void {
  const log = new AuditLog(desk, clock);
  for (let index = 0; index < count; index += 1) log.append({ action, details: { n: index } });
}

/** A copy of a desk's chain up to entry `upTo`: its backup, or its data folder copied then. */
function copyOf(desk: Db, upTo: number): Db {
  const copy = scratchDb();
  const insert = copy.prepare('INSERT INTO audit_log (id, at, account_id, user_name, action, person_id, registration_number, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const e of entries(desk)) if (e.id <= upTo) insert.run(e.id, e.at, e.account_id, e.user_name, e.action, e.person_id, e.registration_number, e.details, e.prev_hash, e.hash);
  return copy;
}

const entries = (desk: Db, after = 0): AuditRow[] => desk.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(after);
const NOW = '2026-12-03T10:00:00.000Z';

/** Desk 2 with 12 entries, a copy of it (its backup), and 6 more entries sent to desk 1 before it was lost. */
function lostAfterBackup(): { two: Db; backup: Db; one: Db } {
  const two = scratchDb();
  write(two, 12);
  const backup = copyOf(two, 12);
  write(two, 6);
  const one = scratchDb();
  expect(storeReceivedAudit(one, 2, entries(two), NOW)).toBe(18);
  return { two, backup, one };
}

const rows = (db: Db) => db.prepare('SELECT count(*) FROM received_audit').pluck().get();

describe("another desk's chain, when that desk wrote it on a second time from an earlier entry", () => {
  it('keeps both lines, follows the new one, and finds both sound', () => {
    const { two, backup, one } = lostAfterBackup();
    write(backup, 1, 'backup-restore');
    write(backup, 4);
    // The restored desk sends from what it knew was held (entry 12): entry 13 differs from desk 1's 13.
    expect(storeReceivedAudit(one, 2, entries(backup, 12), NOW)).toBe(17);
    expect(receivedAuditHead(one, 2)).toEqual({ id: 17, hash: entries(backup).at(-1)?.hash });
    const [chain] = receivedChains(one);
    expect(chain).toEqual({
      desk: 2,
      audit: { sound: true, entries: 17 },
      leftLines: [{ wentOnAfter: 12, audit: { sound: true, entries: 18 }, byRestore: true }],
    });
    // Nothing of either line lost: every entry of both desks' chains is held, as written.
    const held = one.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM received_audit WHERE desk = 2').all();
    for (const e of [...entries(two), ...entries(backup)]) expect(held).toContainEqual({ id: e.id, hash: e.hash });
    expect(held).toHaveLength(18 + 5);

    // The next bundle goes on from the new line; resending what is held changes nothing.
    write(backup, 3);
    expect(storeReceivedAudit(one, 2, entries(backup, 10), NOW)).toBe(20);
    expect(receivedChains(one)[0]?.audit).toEqual({ sound: true, entries: 20 });
    expect(one.prepare('SELECT count(*) FROM received_audit').pluck().get()).toBe(18 + 8);
  });

  it('stays on the line the desk writes now when a bundle of the line it left is read late (another stick)', () => {
    const { two, backup, one } = lostAfterBackup();
    write(backup, 1, 'backup-restore');
    write(backup, 12);
    expect(storeReceivedAudit(one, 2, entries(backup, 12), NOW)).toBe(25);
    // The old line's bundle: nothing new, and desk 1 still names the new line's end to desk 2.
    expect(storeReceivedAudit(one, 2, entries(two, 10), NOW)).toBe(25);
    expect(receivedAuditHead(one, 2)).toEqual({ id: 25, hash: entries(backup).at(-1)?.hash });
    write(backup, 5);
    expect(storeReceivedAudit(one, 2, entries(backup, 25), NOW)).toBe(30);
    expect(rows(one)).toBe(18 + 18);
    expect(receivedChains(one)[0]?.audit).toEqual({ sound: true, entries: 30 });
  });

  it('keeps the line it left when that comes after the new one (read first), and follows the new one', () => {
    const { two, backup } = lostAfterBackup();
    const three = scratchDb();
    storeReceivedAudit(three, 2, entries(two).slice(0, 12), NOW);
    write(backup, 1, 'backup-restore');
    write(backup, 4);
    expect(storeReceivedAudit(three, 2, entries(backup, 12), NOW)).toBe(17);
    expect(storeReceivedAudit(three, 2, entries(two, 10), NOW)).toBe(17);
    expect(receivedChains(three)).toEqual([
      { desk: 2, audit: { sound: true, entries: 17 }, leftLines: [{ wentOnAfter: 12, audit: { sound: true, entries: 18 }, byRestore: true }] },
    ]);
    expect(rows(three)).toBe(17 + 6);
  });

  it('put back twice, the second time from an older copy: three lines, each sound, and resending adds nothing', () => {
    const { two, backup, one } = lostAfterBackup();
    write(backup, 1, 'backup-restore');
    write(backup, 7);
    expect(storeReceivedAudit(one, 2, entries(backup, 12), NOW)).toBe(20);
    const older = copyOf(two, 7);
    write(older, 1, 'backup-restore');
    write(older, 2);
    expect(storeReceivedAudit(one, 2, entries(older, 7), NOW)).toBe(10);
    expect(receivedAuditHead(one, 2)).toEqual({ id: 10, hash: entries(older).at(-1)?.hash });
    const [chain] = receivedChains(one);
    expect(chain?.audit).toEqual({ sound: true, entries: 10 });
    expect(chain?.leftLines).toEqual([
      { wentOnAfter: 7, audit: { sound: true, entries: 18 }, byRestore: true },
      { wentOnAfter: 7, audit: { sound: true, entries: 20 }, byRestore: true },
    ]);
    const held = rows(one);
    for (let round = 0; round < 3; round += 1) expect(storeReceivedAudit(one, 2, entries(older, 7), NOW)).toBe(10);
    write(older, 3);
    expect(storeReceivedAudit(one, 2, entries(older, 7), NOW)).toBe(13);
    expect(rows(one)).toBe(Number(held) + 3);
  });

  it('keeps no entry that does not follow the end of the line by hash, though its number does', () => {
    const { backup, one } = lostAfterBackup();
    write(backup, 7);
    // Entry 19 of a chain that went on from 12: its number follows desk 1's 18, its hash does not.
    expect(storeReceivedAudit(one, 2, entries(backup, 18), NOW)).toBe(18);
    expect(rows(one)).toBe(18);
  });

  it('names a line that went on with no restore recorded (a folder copied back by hand)', () => {
    const { backup, one } = lostAfterBackup();
    write(backup, 2);
    storeReceivedAudit(one, 2, entries(backup, 12), NOW);
    expect(receivedChains(one)[0]?.leftLines).toEqual([{ wentOnAfter: 12, audit: { sound: true, entries: 18 }, byRestore: false }]);
  });

  it('keeps nothing of entries that follow no entry it holds (a chain made up, or a gap)', () => {
    const { one } = lostAfterBackup();
    const stranger = scratchDb();
    write(stranger, 20);
    expect(storeReceivedAudit(one, 2, entries(stranger, 5), NOW)).toBe(18);
    expect(one.prepare('SELECT count(*) FROM received_audit').pluck().get()).toBe(18);
    expect(receivedChains(one)[0]?.leftLines).toEqual([]);
  });

  it('still finds an entry changed afterwards in the line left behind', () => {
    const { backup, one } = lostAfterBackup();
    write(backup, 1, 'backup-restore');
    storeReceivedAudit(one, 2, entries(backup, 12), NOW);
    one.exec('DROP TRIGGER received_audit_no_update');
    one.prepare("UPDATE received_audit SET details = '{}' WHERE desk = 2 AND branch = 0 AND id = 15").run();
    const [chain] = receivedChains(one);
    expect(chain?.audit).toEqual({ sound: true, entries: 13 });
    expect(chain?.leftLines[0]?.audit).toEqual({ sound: false, entries: 15, brokenAt: 15, reason: 'edited' });
  });
});
