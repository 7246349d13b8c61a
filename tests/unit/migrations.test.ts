/**
 * Numbered, forward-only migrations, each in a transaction, with user_version as the record; a
 * database newer than the code is refused and left byte-for-byte as it was.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IntakeCore } from '../../src/main/app/intake-core';
import { AuditLog } from '../../src/main/audit/audit-log';
import { DATABASE_FILE, openEncrypted, type Db } from '../../src/main/db/connection';
import {
  DatabaseNewerError,
  LATEST_VERSION,
  migrate,
  MIGRATIONS,
  pendingMigrations,
  schemaVersion,
  type Migration,
} from '../../src/main/db/migrations';
import { PeopleService, type Actor } from '../../src/main/people/people-service';
import { termsFor } from '../../src/main/people/search-terms';
import { STATISTICS_INDEX_NAME } from '../../src/main/stats/collect';
import { isGlobalId } from '../../src/main/exchange/global-id';
import type { PersonFields } from '../../src/shared/catalogue';
import { KeySlotStore } from '../../src/main/vault/key-slots';
import { OpenVault } from '../../src/main/vault/open-vault';
import { fingerprintDir } from './helpers/files';
import { tempDataDir } from './helpers/temp-dir';
import { expectAppError, setUpVault, SUPERVISOR } from './helpers/vault';

function newDb(dataDir: string, key: Buffer = randomBytes(32)): { db: Db; key: Buffer; path: string } {
  const path = join(dataDir, DATABASE_FILE);
  return { db: openEncrypted(path, key, { mustExist: false }), key, path };
}

function tableNames(db: Db): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);
}

describe('the shipped migrations', () => {
  test('are numbered 1..n without gaps or duplicates', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  test('a fresh database migrates to LATEST_VERSION, user_version records it, and a second run does nothing', () => {
    const { db } = newDb(tempDataDir('migrate'));
    try {
      expect(schemaVersion(db)).toBe(0);
      expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(tableNames(db)).toEqual(expect.arrayContaining(['accounts', 'settings', 'site']));
      expect(pendingMigrations(db)).toBe(0);
      expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    } finally {
      db.close();
    }
  });
});

/**
 * A shipped migration has run on real devices: changing its SQL would give databases made before
 * and after the change different schemas under the same user_version. Each one's SQL is recorded
 * here by SHA-256; a change to the schema is a new migration (and a new line here), never an edit.
 * A migration that runs code instead of SQL (a data migration) is marked 'code' and reviewed by hand.
 */
const SHIPPED_MIGRATION_SQL_SHA256: Record<number, string> = {
  1: 'df0bfa92f84a5c3c4f0229da5e7e143eba7105c52e6ba0d6e22d34d9210a29f0',
  2: 'aa29c1d8eeb0285c7a97fc29107dd9eb815122fee3deb6c3dfd66470ed851fb1',
  3: '70f50cb6fbe0ba7b428d5efd08a087d3b6ae5c37ee08125406d9dfa3e7aae7cb',
  4: 'aada12a0b08f854cad093eb623eed62a1ac3c4679453bc4d16c9099edd380d1b',
  5: '8afd41856b5fb4eedeb193d4efcb2da00842d20bbed2a1f0e9a33917f516ee8a',
  6: '6f497ede10568722ee7b651c3e1befcb5034e3bec82675c85b679726201fcf47',
  7: 'a8dbd9ddad4fb0c3783f7d2808ac657035e14c45252a4a3ce01f2ac25fdca7a3',
  8: '1369da6a5ed7103d6ec5718129d1057ec99b2243d3fa28d2679a43c85280c892',
  9: 'b02aa3488b15bce40219d5eb47f9ba818684d4a930742e397cd3b2dac154135e',
  10: '59023fd04ba6f8e692d18156a8f9f9884e1b0de66703306210408df41dba5185',
  11: 'f0235ee09e0fef0a656045be2228a9d41853d4caa591007460606565fc1b0f7a',
  12: '4dff905374dc728c16bef3a25ee778132e608e83161e91ae80b4cdf6a8a092ba',
  13: 'c63ad05b7be6bcd3ebe825851a141cd5610e52f41e5c671fd044f9fb87d0bde0',
  14: '3712715a5877696277fa76c39f001b74744c37861e8b2c8c9b14c1a2c41b94d6',
  15: '5440355766ef97dc28794c7ae22aa9dd8c157bd1dd83bbd6f7ad7cdbb76d8f85',
  16: 'aa4359b2c93bc36259f0405b450d3c3518f729fe641b691ee1e620362b5d2fc6',
  17: '184ff3ebd10edc3a4ad470a3a3c46a2cb10afd7124dc8d4e65fe4b72c8314812',
  18: '8c7624657cf693406744aaf4de907bc1da41d2f7129d3617f91eb77747e8e6f2',
  19: 'eb21e6a10966b23930890825f2b603f24102f5406007130e49ebf988c3adb694',
  20: '37a3dd98e87b79c9c133063ec500e16fcd822d4a8c652475a4fca8b23bacb847',
  21: '6b558f79690ed4e125163b8d888a8214968138d662c67b5c9c8715ec4187fe26',
  22: '1782aa485f0fb400073fbd9a8eb71acdeee03328b01a629969946249eb1c9228',
  23: '1e54fb278e3bc3e59744f1db5bfaf812c90fa2f6089f9613b610a846bd486cd5',
};

describe('shipped migrations are frozen', () => {
  test("no shipped migration's SQL has changed, and every migration is recorded", () => {
    const recorded = Object.fromEntries(
      MIGRATIONS.map((m) => [m.version, 'sql' in m ? createHash('sha256').update(m.sql, 'utf8').digest('hex') : 'code']),
    );
    expect(recorded).toEqual(SHIPPED_MIGRATION_SQL_SHA256);
  });

  test('migration 4 holds its own SQL: the statistics index as it was shipped', () => {
    const four = MIGRATIONS.find((m) => m.version === 4);
    expect(four && 'sql' in four ? four.sql : undefined).toMatch(new RegExp(`^CREATE INDEX ${STATISTICS_INDEX_NAME} ON people \\(registered_at, json_extract\\(tier1, `));
  });
});

/** Rows as a version-3 database holds them: written with SQL, not through today's services. */
const PEOPLE_V3: { registrationNumber: string; registeredAt: string; fields: PersonFields; tiers: [object, object, object]; birthYear: number | null }[] = [
  {
    registrationNumber: 'REG-000001',
    registeredAt: '2026-03-02T09:15:00.000Z',
    birthYear: 1990,
    fields: {},
    tiers: [
      { chosenName: 'Amira Haddad', languages: ['ar', 'fr'], arrivalDate: '2026-02-27' },
      {
        birth: { precision: 'year', year: 1990 },
        nationalities: ['SY'],
        phone: '+963 912 345 678',
        documents: [{ id: 'doc-1', type: 'passport', number: 'N0123456', nameOnDocument: 'AMIRA HADDAD', issuingCountry: 'SY' }],
        specificNeeds: [],
      },
      { genderIdentity: { kind: 'listed', value: 'woman' }, livelihood: { kind: 'not-asked' }, notes: 'Asked for a woman interpreter.' },
    ],
  },
  {
    registrationNumber: 'REG-000002',
    registeredAt: '2026-03-02T09:40:00.000Z',
    birthYear: 2018,
    fields: {},
    tiers: [{ chosenName: 'ليلى حداد' }, { birth: { precision: 'age', age: 8, asOf: '2026-03-02' }, nationalities: ['SY'] }, {}],
  },
  {
    registrationNumber: 'REG-000003',
    registeredAt: '2026-04-11T14:05:00.000Z',
    birthYear: null,
    fields: {},
    tiers: [{ chosenName: 'Omar Khalil' }, {}, { genderIdentity: { kind: 'self-described', text: 'in his own words' } }],
  },
];
for (const person of PEOPLE_V3) person.fields = { ...person.tiers[0], ...person.tiers[1], ...person.tiers[2] } as PersonFields;

const V3_TABLES = [
  'site',
  'accounts',
  'settings',
  'registration_sequence',
  'people',
  'consents',
  'person_history',
  'family_units',
  'family_memberships',
  'search_terms',
  'audit_log',
] as const;

function rowCounts(db: Db): Record<string, number> {
  return Object.fromEntries(V3_TABLES.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]));
}

/** A version-3 database with a row in every table, as the app at version 3 would have left it. */
function populateVersion3(db: Db): { supervisor: Actor; clerk: Actor; protection: Actor; personIds: number[] } {
  const at = '2026-03-01T08:00:00.000Z';
  db.prepare('INSERT INTO site (id, created_at) VALUES (1, ?)').run(at);
  db.prepare("INSERT INTO settings (key, value) VALUES ('sitePrefix', '\"REG\"')").run();
  const account = db.prepare(
    'INSERT INTO accounts (slot_id, user_name, role, language, created_at, updated_at, view_mode) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const actor = (name: string, role: Actor['role'], viewMode: string): Actor => ({
    id: Number(account.run(`slot-${name}`, name, role, 'en', at, at, viewMode).lastInsertRowid),
    role,
  });
  const supervisor = actor('amira.supervisor', 'supervisor', 'normal');
  const clerk = actor('farid.clerk', 'clerk', 'restricted');
  const protection = actor('leila.protection', 'protection', 'normal');
  db.prepare("INSERT INTO registration_sequence (prefix, next_value) VALUES ('REG', 4)").run();

  const insertPerson = db.prepare(
    `INSERT INTO people (registration_number, chosen_name, birth_year, registered_at, registered_by, updated_at, tier0, tier1, tier2)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTerm = db.prepare('INSERT OR IGNORE INTO search_terms (term, person_id, tier) VALUES (?, ?, ?)');
  const personIds = PEOPLE_V3.map((person) => {
    const [tier0, tier1, tier2] = person.tiers.map((tier) => JSON.stringify(tier));
    const id = Number(
      insertPerson.run(person.registrationNumber, person.fields.chosenName ?? '', person.birthYear, person.registeredAt, clerk.id, person.registeredAt, tier0, tier1, tier2).lastInsertRowid,
    );
    for (const { term, tier } of termsFor(person.registrationNumber, person.fields)) insertTerm.run(term, id, tier);
    return id;
  });
  const [amira = 0, laila = 0, omar = 0] = personIds;

  const consent = db.prepare('INSERT INTO consents (person_id, purpose, given_at, given_by, withdrawn_at, withdrawn_by) VALUES (?, ?, ?, ?, ?, ?)');
  for (const id of personIds) consent.run(id, 'register', '2026-03-02T09:00:00.000Z', clerk.id, null, null);
  consent.run(amira, 'sogiesc', '2026-03-02T09:20:00.000Z', protection.id, '2026-03-20T10:00:00.000Z', protection.id);

  db.prepare(
    'INSERT INTO person_history (person_id, field, tier, changed_at, changed_by, old_value, new_value, erased) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(amira, 'phone', 1, '2026-03-10T11:00:00.000Z', clerk.id, JSON.stringify('+963 900 000 000'), JSON.stringify('+963 912 345 678'), 0);

  const unit = Number(db.prepare('INSERT INTO family_units (created_at, keep_together) VALUES (?, 1)').run('2026-03-02T09:45:00.000Z').lastInsertRowid);
  const oldUnit = Number(db.prepare('INSERT INTO family_units (created_at, keep_together) VALUES (?, 0)').run('2026-04-11T14:10:00.000Z').lastInsertRowid);
  const member = db.prepare(
    'INSERT INTO family_memberships (unit_id, person_id, relationship, relationship_text, joined_at, left_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  member.run(unit, amira, 'focal-point', null, '2026-03-02T09:45:00.000Z', null);
  member.run(unit, laila, 'child-biological', null, '2026-03-02T09:45:00.000Z', null);
  member.run(oldUnit, omar, 'focal-point', null, '2026-04-11T14:10:00.000Z', '2026-05-01T08:00:00.000Z');

  const audit = new AuditLog(db, () => new Date('2026-03-02T09:00:00.000Z'));
  audit.append({ action: 'sign-in', accountId: clerk.id, userName: 'farid.clerk' });
  for (const [i, id] of personIds.entries()) {
    audit.append({ action: 'record-create', accountId: clerk.id, userName: 'farid.clerk', personId: id, registrationNumber: PEOPLE_V3[i]?.registrationNumber ?? '' });
  }
  audit.append({ action: 'record-change', accountId: clerk.id, userName: 'farid.clerk', personId: amira, registrationNumber: 'REG-000001', details: { fields: ['phone'] } });
  return { supervisor, clerk, protection, personIds };
}

describe('a populated version-3 database', () => {
  test('migrates to the latest version with every row kept, the statistics index built, and people readable and found', () => {
    const dataDir = tempDataDir('migrate-v3');
    const { db, key, path } = newDb(dataDir);
    let before: Record<string, number>;
    let actors: ReturnType<typeof populateVersion3>;
    try {
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 3))).toEqual({ from: 0, to: 3 });
      actors = populateVersion3(db);
      before = rowCounts(db);
      expect(Object.values(before).every((count) => count > 0)).toBe(true);
    } finally {
      db.close();
    }

    // As the app would meet it: the file reopened with its key, then migrated.
    const reopened = openEncrypted(path, key, { mustExist: true });
    try {
      expect(migrate(reopened)).toEqual({ from: 3, to: LATEST_VERSION });
      expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(rowCounts(reopened)).toEqual(before);
      expect(reopened.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(STATISTICS_INDEX_NAME)).toBe(1);
      expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(reopened.pragma('foreign_key_check')).toEqual([]);
      expect(new AuditLog(reopened).verify()).toEqual({ sound: true, entries: before.audit_log });

      const people = new PeopleService(reopened, () => new Date('2026-11-25T10:00:00.000Z'));
      const [amira = 0, laila = 0, omar = 0] = actors.personIds;
      const full = people.view(actors.protection, amira);
      expect(full.registrationNumber).toBe('REG-000001');
      expect(full.fields).toEqual(PEOPLE_V3[0]?.fields);
      expect(full.consents.map((c) => [c.purpose, c.withdrawnAt ?? null])).toEqual(
        expect.arrayContaining([['register', null], ['sogiesc', '2026-03-20T10:00:00.000Z']]),
      );
      expect(full.family?.members.map((m) => m.person.id)).toEqual([amira, laila]);
      expect(people.history(actors.protection, amira)).toHaveLength(1);
      // Tier 2 is still kept from a clerk.
      const clerkView = people.view(actors.clerk, amira);
      expect(clerkView.fields.notes).toBeUndefined();
      expect(clerkView.restricted).toContain('notes');
      expect(people.view(actors.protection, omar).fields).toEqual(PEOPLE_V3[2]?.fields);
      expect(people.view(actors.protection, laila).age).toBeDefined();

      // Found by their own words first (search also offers look-alike spellings after them).
      const firstFound = (actor: Actor, query: string) => people.search(actor, query)[0]?.id;
      expect(firstFound(actors.clerk, 'Amira Haddad')).toBe(amira);
      expect(firstFound(actors.clerk, 'ليلى')).toBe(laila);
      expect(firstFound(actors.clerk, 'Omar')).toBe(omar);
      expect(firstFound(actors.clerk, 'REG-000003')).toBe(omar);
      expect(firstFound(actors.protection, '963912345678')).toBe(amira);
      // New registrations carry on the sequence.
      expect(people.register(actors.clerk, { fields: { chosenName: 'Sami Nasser' }, consents: ['register'] }).registrationNumber).toBe('REG-000004');

      // Every row that travels between desks has a global id, old rows and new ones alike, all
      // different; an old row's id carries the time the row itself records.
      for (const table of ['accounts', 'people', 'consents', 'family_units', 'family_memberships', 'site']) {
        const gids = reopened.prepare(`SELECT gid FROM ${table}`).pluck().all();
        expect(gids.length, table).toBeGreaterThan(0);
        expect(gids.every(isGlobalId), table).toBe(true);
        expect(new Set(gids.map((gid) => (gid as Buffer).toString('hex'))).size, table).toBe(gids.length);
      }
      const amiraGid = reopened.prepare('SELECT gid FROM people WHERE id = ?').pluck().get(amira) as Buffer;
      expect(amiraGid.readUIntBE(0, 6)).toBe(Date.parse('2026-03-02T09:15:00.000Z'));
      expect(reopened.prepare('SELECT length(exchange_key) FROM site').pluck().get()).toBe(32);
      expect(() => reopened.prepare('UPDATE people SET gid = (SELECT gid FROM people WHERE id = ?) WHERE id = ?').run(amira, laila)).toThrow(/UNIQUE/);
    } finally {
      reopened.close();
    }
  });
});

describe('migration 13 on a database that holds pairs judged two people', () => {
  test('keeps each pair, gives it a global id dated by the decision, and records it for desks that join later', () => {
    const dataDir = tempDataDir('migrate-v12');
    const { db } = newDb(dataDir);
    try {
      migrate(db, MIGRATIONS.filter((m) => m.version <= 3));
      const { protection, personIds } = populateVersion3(db);
      migrate(db, MIGRATIONS.filter((m) => m.version <= 12));
      const [amira = 0, , omar = 0] = personIds;
      db.prepare('INSERT INTO not_duplicates (first_id, second_id, decided_at, decided_by) VALUES (?, ?, ?, ?)').run(amira, omar, '2026-04-01T08:00:00.000Z', protection.id);
      expect(migrate(db)).toMatchObject({ from: 12, to: LATEST_VERSION });
      const pair = db.prepare<[], { gid: Buffer; first_id: number; second_id: number }>('SELECT gid, first_id, second_id FROM not_duplicates').all();
      expect(pair.map((row) => [row.first_id, row.second_id])).toEqual([[amira, omar]]);
      expect(isGlobalId(pair[0]?.gid)).toBe(true);
      expect(pair[0]?.gid.readUIntBE(0, 6)).toBe(Date.parse('2026-04-01T08:00:00.000Z'));
      const baseline = db
        .prepare<[string], { field: string; value: string }>("SELECT field, value FROM own_operations WHERE entity = 'not_duplicate' AND row = ?")
        .all(pair[0]?.gid.toString('hex') ?? '');
      expect(baseline).toHaveLength(1);
      expect(JSON.parse(baseline[0]?.value ?? '{}')).toMatchObject({ decided_at: '2026-04-01T08:00:00.000Z' });
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('migration 20: other desks\' audit chains kept line by line', () => {
  test('keeps every entry received before it, as the first line, still kept as received', () => {
    const { db } = newDb(tempDataDir('migrate-v20'));
    try {
      migrate(db, MIGRATIONS.filter((m) => m.version <= 19));
      const insert = db.prepare(
        "INSERT INTO received_audit (desk, id, at, action, details, prev_hash, hash) VALUES (2, ?, '2026-12-01T08:00:00.000Z', 'sign-in', '{}', ?, ?)",
      );
      insert.run(1, '0'.repeat(64), 'a'.repeat(64));
      insert.run(2, 'a'.repeat(64), 'b'.repeat(64));
      expect(migrate(db)).toMatchObject({ from: 19, to: LATEST_VERSION });
      expect(db.prepare('SELECT desk, branch, id, hash FROM received_audit ORDER BY id').all()).toEqual([
        { desk: 2, branch: 0, id: 1, hash: 'a'.repeat(64) },
        { desk: 2, branch: 0, id: 2, hash: 'b'.repeat(64) },
      ]);
      expect(() => db.prepare('DELETE FROM received_audit WHERE id = 2').run()).toThrow('kept as received');
      expect(() => db.prepare("UPDATE received_audit SET details = 'x' WHERE id = 1").run()).toThrow('kept as received');
    } finally {
      db.close();
    }
  });
});

describe("migration 23: each desk's operations chained, sealed from then on", () => {
  test('leaves the operations already made without seals (chained without what a consent erases), and seals each new one as it is made', () => {
    const { db } = newDb(tempDataDir('migrate-v23'));
    try {
      migrate(db, MIGRATIONS.filter((m) => m.version <= 22));
      const gid = randomBytes(16);
      db.prepare("INSERT INTO desks (gid, number, public_key, enrolled_at) VALUES (?, 1, 'key', '2026-12-01T08:00:00.000Z')").run(gid);
      db.prepare("INSERT INTO this_desk (id, desk_gid, private_key) VALUES (1, ?, 'key')").run(gid);
      const op = db.prepare("INSERT INTO own_operations (hlc, entity, row, field, version, value) VALUES ('000000000000001-00000', ?, 'r', ?, 1, ?)");
      op.run('person', '', '{"tier2":{"genderIdentity":"woman"}}');
      op.run('person', 'tier1.arrivalDate', '"2026-11-01"');
      // The desk row's making is an operation too.
      const made = db.prepare<[], number>('SELECT max(seq) FROM own_operations').pluck(true).get() ?? 0;
      expect(migrate(db)).toMatchObject({ from: 22, to: LATEST_VERSION });
      expect(db.prepare('SELECT chained_to FROM this_desk').pluck(true).get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM own_operations WHERE seal IS NOT NULL').pluck(true).get()).toBe(0);
      op.run('person', 'tier0.chosenName', '"Basma"');
      op.run('person', 'tier0.chosenName', '"Basma K"');
      op.run('person', 'registration_number', '"ATH-000002"');
      const after = db.prepare<[number], string | null>('SELECT seal FROM own_operations WHERE seq > ? ORDER BY seq').pluck(true).all(made);
      expect(after[0]).toMatch(/^\{"s":"[0-9a-f]{32}"\}$/);
      expect(after[1]).toMatch(/^\{"s":"[0-9a-f]{32}"\}$/);
      expect(after[0]).not.toBe(after[1]);
      expect(after[2]).toBeNull();
    } finally {
      db.close();
    }
  });
});

describe('migrate() with test migrations', () => {
  test('runs pending migrations in version order, whatever order they are listed in, and only once', () => {
    const { db } = newDb(tempDataDir('migrate'));
    const ran: number[] = [];
    const step = (version: number): Migration => ({
      version,
      name: `step ${version}`,
      up: (d) => {
        ran.push(version);
        d.exec(`CREATE TABLE t${version} (x INTEGER)`);
      },
    });
    try {
      expect(migrate(db, [step(3), step(1), step(2)])).toEqual({ from: 0, to: 3 });
      expect(ran).toEqual([1, 2, 3]);
      expect(migrate(db, [step(3), step(1), step(2), step(4)])).toEqual({ from: 3, to: 4 });
      expect(ran).toEqual([1, 2, 3, 4]);
    } finally {
      db.close();
    }
  });

  test('each migration runs in a transaction: one that throws leaves user_version at the step before and no partial tables', () => {
    const dataDir = tempDataDir('migrate');
    const { db, key, path } = newDb(dataDir);
    const migrations: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x INTEGER)') },
      {
        version: 2,
        name: 'two, fails half way',
        up: (d) => {
          d.exec('CREATE TABLE two (x INTEGER); INSERT INTO one VALUES (42);');
          throw new Error('power cut');
        },
      },
      { version: 3, name: 'three', up: (d) => d.exec('CREATE TABLE three (x INTEGER)') },
    ];
    try {
      expect(() => migrate(db, migrations)).toThrow('power cut');
      expect(schemaVersion(db)).toBe(1);
      expect(tableNames(db)).toEqual(['one']);
      expect(db.prepare('SELECT count(*) FROM one').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    // And so it stays on disk, after a reopen.
    const reopened = openEncrypted(path, key, { mustExist: true });
    try {
      expect(schemaVersion(reopened)).toBe(1);
      expect(tableNames(reopened)).toEqual(['one']);
    } finally {
      reopened.close();
    }
  });
});

describe('a database newer than the code', () => {
  function makeNewerDb(dataDir: string): { key: Buffer; path: string } {
    const { db, key, path } = newDb(dataDir);
    migrate(db);
    db.exec("CREATE TABLE from_the_future (x TEXT); INSERT INTO from_the_future VALUES ('keep me');");
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    return { key, path };
  }

  test('is refused with DatabaseNewerError and left byte-identical', () => {
    const dataDir = tempDataDir('newer');
    const { key, path } = makeNewerDb(dataDir);
    const before = fingerprintDir(dataDir);
    const db = openEncrypted(path, key, { mustExist: true });
    let thrown: unknown;
    try {
      migrate(db);
    } catch (error) {
      thrown = error;
    } finally {
      db.close();
    }
    expect(thrown).toBeInstanceOf(DatabaseNewerError);
    expect(thrown).toMatchObject({ found: LATEST_VERSION + 1, supported: LATEST_VERSION });
    expect(fingerprintDir(dataDir)).toEqual(before);
  });

  test('OpenVault.open refuses it, closes the handle and leaves the file byte-identical', () => {
    const dataDir = tempDataDir('newer');
    const { key } = makeNewerDb(dataDir);
    const before = fingerprintDir(dataDir);
    const slots = KeySlotStore.create(dataDir, key);
    expect(() => OpenVault.open(dataDir, key, slots, { create: false })).toThrow(DatabaseNewerError);
    expect(fingerprintDir(dataDir)).toEqual(before);
  });

  test('IntakeCore sign-in fails with vault_newer (not wrong_credentials, not internal), and the vault is untouched', async () => {
    const dataDir = tempDataDir('newer');
    const { core } = await setUpVault(dataDir);
    const key = Buffer.from(core.vault.databaseKeyHex, 'hex');
    core.close();
    const db = openEncrypted(join(dataDir, DATABASE_FILE), key, { mustExist: true });
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    const before = fingerprintDir(dataDir);

    const restarted = new IntakeCore({ dataDir });
    const error = await expectAppError(restarted.signIn(SUPERVISOR.userName, SUPERVISOR.password), 'vault_newer');
    expect(error.params).toEqual({ found: LATEST_VERSION + 5, supported: LATEST_VERSION });
    expect(restarted.stateName).toBe('signed-out');
    const after = fingerprintDir(dataDir);
    expect(after[DATABASE_FILE]).toBe(before[DATABASE_FILE]);
    expect(after).toEqual(before);
  });
});
