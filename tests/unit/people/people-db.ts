import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEncrypted, type Db } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrations';
import { PeopleService, type Actor } from '../../../src/main/people/people-service';

/** An encrypted, migrated database with one account per role, without the cost of key derivation. */
export interface PeopleFixture {
  db: Db;
  people: PeopleService;
  clerk: Actor;
  protection: Actor;
  supervisor: Actor;
  close(): void;
}

export function peopleFixture(today = '2026-11-25T10:00:00.000Z'): PeopleFixture {
  const dir = mkdtempSync(join(tmpdir(), 'intake-people-'));
  const db = openEncrypted(join(dir, 'intake.db'), randomBytes(32), { mustExist: false });
  migrate(db);
  const insert = db.prepare(
    "INSERT INTO accounts (slot_id, user_name, role, language, created_at, updated_at) VALUES (?, ?, ?, 'en', ?, ?)",
  );
  const actor = (name: string, role: Actor['role']): Actor => ({
    id: Number(insert.run(`slot-${name}`, name, role, today, today).lastInsertRowid),
    role,
  });
  const clerk = actor('clerk.one', 'clerk');
  const protection = actor('protection.one', 'protection');
  const supervisor = actor('supervisor.one', 'supervisor');
  return {
    db,
    people: new PeopleService(db, () => new Date(today)),
    clerk,
    protection,
    supervisor,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
