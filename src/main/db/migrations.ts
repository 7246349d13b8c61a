import type { Db } from './connection';

/**
 * Numbered, forward-only migrations. Each runs in its own transaction and records its number in
 * user_version, so a crash leaves the database at the last whole step.
 *
 * A shipped migration is frozen: its SQL is written out here in full, imports nothing, and never
 * changes (tests/unit/migrations.test.ts records each one's SHA-256). A schema change is a new
 * migration. `up` is for a migration that must run code (a data migration), which is frozen too.
 */
export type Migration = {
  readonly version: number;
  readonly name: string;
} & ({ readonly sql: string } | { readonly up: (db: Db) => void });


/**
 * A UUIDv7 (RFC 9562) as 16 bytes, in SQL: 48 bits of Unix milliseconds, the version, 74 random bits
 * and the variant. For migration 10 only, frozen with it: the app's own ids come from
 * src/main/exchange/global-id.ts, and stock SQLite has no UUID function to share.
 */
function uuid7Sql(milliseconds: string): string {
  return `unhex(printf('%012x', ${milliseconds}) || '7' || substr(hex(randomblob(2)), 2, 3) || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2, 15))`;
}
const MS_NOW = "CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER)";
const msOf = (column: string): string => `coalesce(CAST(round((julianday(${column}) - 2440587.5) * 86400000) AS INTEGER), ${MS_NOW})`;

/** Tables whose rows travel between the desks of a site, each with the column that dates a row. */
export const GLOBAL_ID_TABLES: ReadonlyArray<readonly [table: string, dated: string]> = [
  ['accounts', 'created_at'],
  ['people', 'registered_at'],
  ['consents', 'given_at'],
  ['family_units', 'created_at'],
  ['family_memberships', 'joined_at'],
  ['person_merges', 'merged_at'],
  ['specific_needs', 'changed_at'],
];

function globalIdSql(table: string, dated: string): string {
  return `
        ALTER TABLE ${table} ADD COLUMN gid BLOB;
        UPDATE ${table} SET gid = ${uuid7Sql(msOf(dated))};
        CREATE UNIQUE INDEX ${table}_gid ON ${table} (gid);
        CREATE TRIGGER ${table}_gid AFTER INSERT ON ${table} WHEN NEW.gid IS NULL
          BEGIN UPDATE ${table} SET gid = ${uuid7Sql(MS_NOW)} WHERE rowid = NEW.rowid; END;`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'site, accounts and settings',
    sql: `
        CREATE TABLE site (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          created_at TEXT NOT NULL
        );
        CREATE TABLE accounts (
          id INTEGER PRIMARY KEY,
          slot_id TEXT NOT NULL UNIQUE,
          user_name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('clerk', 'protection', 'supervisor')),
          language TEXT NOT NULL,
          disabled_at TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
      `,
  },
  {
    version: 2,
    name: 'people, documents, consents, history, family units and the search index',
    sql: `
        CREATE TABLE registration_sequence (
          prefix TEXT PRIMARY KEY,
          next_value INTEGER NOT NULL
        );
        -- A person's fields, one JSON object per sensitivity tier, so a reader's query never
        -- even loads a tier above their rights.
        CREATE TABLE people (
          id INTEGER PRIMARY KEY,
          registration_number TEXT NOT NULL UNIQUE,
          chosen_name TEXT NOT NULL,
          birth_year INTEGER,
          registered_at TEXT NOT NULL,
          registered_by INTEGER NOT NULL REFERENCES accounts (id),
          updated_at TEXT NOT NULL,
          tier0 TEXT NOT NULL,
          tier1 TEXT NOT NULL,
          tier2 TEXT NOT NULL
        );
        CREATE INDEX people_by_registration ON people (registered_at DESC, id DESC);
        CREATE TABLE consents (
          id INTEGER PRIMARY KEY,
          person_id INTEGER NOT NULL REFERENCES people (id),
          purpose TEXT NOT NULL,
          given_at TEXT NOT NULL,
          given_by INTEGER NOT NULL REFERENCES accounts (id),
          withdrawn_at TEXT,
          withdrawn_by INTEGER REFERENCES accounts (id)
        );
        CREATE INDEX consents_by_person ON consents (person_id);
        CREATE TABLE person_history (
          id INTEGER PRIMARY KEY,
          person_id INTEGER NOT NULL REFERENCES people (id),
          field TEXT NOT NULL,
          tier INTEGER NOT NULL,
          changed_at TEXT NOT NULL,
          changed_by INTEGER NOT NULL REFERENCES accounts (id),
          old_value TEXT,
          new_value TEXT,
          erased INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX person_history_by_person ON person_history (person_id, id);
        CREATE TABLE family_units (
          id INTEGER PRIMARY KEY,
          created_at TEXT NOT NULL,
          keep_together INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE family_memberships (
          id INTEGER PRIMARY KEY,
          unit_id INTEGER NOT NULL REFERENCES family_units (id),
          person_id INTEGER NOT NULL REFERENCES people (id),
          relationship TEXT NOT NULL,
          relationship_text TEXT,
          joined_at TEXT NOT NULL,
          left_at TEXT
        );
        -- One unit per person at a time; past memberships stay as history.
        CREATE UNIQUE INDEX one_current_unit ON family_memberships (person_id) WHERE left_at IS NULL;
        CREATE INDEX memberships_by_unit ON family_memberships (unit_id) WHERE left_at IS NULL;
        CREATE TABLE search_terms (
          term TEXT NOT NULL,
          person_id INTEGER NOT NULL,
          tier INTEGER NOT NULL,
          PRIMARY KEY (term, person_id, tier)
        ) WITHOUT ROWID;
        CREATE INDEX search_terms_by_person ON search_terms (person_id);
      `,
  },
  {
    version: 3,
    name: 'audit log and view modes',
    sql: `
        -- Append-only and hash-chained: each entry's hash covers its content and the previous hash.
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          account_id INTEGER REFERENCES accounts (id),
          user_name TEXT,
          action TEXT NOT NULL,
          person_id INTEGER,
          registration_number TEXT,
          details TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        );
        CREATE INDEX audit_by_action ON audit_log (action, id);
        CREATE INDEX audit_by_account ON audit_log (account_id, id);
        CREATE INDEX audit_by_person ON audit_log (person_id, id);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        ALTER TABLE accounts ADD COLUMN view_mode TEXT NOT NULL DEFAULT 'normal' CHECK (view_mode IN ('normal', 'restricted'));
      `,
  },
  {
    version: 4,
    name: 'a covering index for statistics',
    // Holds derived values of tiers 1 and 2 in index pages, encrypted like every other page. The
    // expressions are the statistics query's (src/main/stats/collect.ts), which reads through it.
    sql: "CREATE INDEX people_statistics ON people (registered_at, json_extract(tier1, '$.birth', '$.nationalities[0]', '$.specificNeeds', '$.documentMismatch'), json_extract(tier2, '$.genderIdentity.kind', '$.genderIdentity.value', '$.sexualOrientation.kind', '$.sexualOrientation.value', '$.sexCharacteristics.kind', '$.sexCharacteristics.value', '$.livelihood.kind', '$.livelihood.value', '$.protectionNeeds'))",
  },
  {
    version: 5,
    name: "the site's catalogue of specific needs",
    // A row for each site category, and for each shipped one whose offer a supervisor changed.
    // Rows are never deleted: a code stays attached to what it meant.
    sql: `
        CREATE TABLE specific_needs (
          code TEXT PRIMARY KEY,
          field TEXT NOT NULL CHECK (field IN ('specificNeeds', 'protectionNeeds')),
          origin TEXT NOT NULL CHECK (origin IN ('unhcr', 'site')),
          offered INTEGER NOT NULL CHECK (offered IN (0, 1)),
          labels TEXT,
          changed_at TEXT NOT NULL
        );
      `,
  },
  {
    version: 6,
    name: 'merging duplicate records, and pairs judged not the same person',
    // Nothing is deleted by a merge: the merged record stays, marked, and the rows that moved to
    // the record kept carry merged_from, so an undo moves exactly those back.
    sql: `
        ALTER TABLE people ADD COLUMN merged_into INTEGER REFERENCES people (id);
        CREATE INDEX people_merged ON people (merged_into) WHERE merged_into IS NOT NULL;
        ALTER TABLE consents ADD COLUMN merged_from INTEGER REFERENCES people (id);
        ALTER TABLE person_history ADD COLUMN merged_from INTEGER REFERENCES people (id);
        ALTER TABLE family_memberships ADD COLUMN merged_from INTEGER REFERENCES people (id);
        CREATE INDEX consents_merged ON consents (merged_from) WHERE merged_from IS NOT NULL;
        CREATE INDEX history_merged ON person_history (merged_from) WHERE merged_from IS NOT NULL;
        CREATE INDEX memberships_merged ON family_memberships (merged_from) WHERE merged_from IS NOT NULL;
        CREATE TABLE person_merges (
          id INTEGER PRIMARY KEY,
          kept_id INTEGER NOT NULL REFERENCES people (id),
          merged_id INTEGER NOT NULL REFERENCES people (id),
          merged_at TEXT NOT NULL,
          merged_by INTEGER NOT NULL REFERENCES accounts (id),
          -- What the merge changed on the record kept, to undo it: the document ids it added, the
          -- membership of the merged person it ended (when both were in a family unit).
          changes TEXT NOT NULL,
          undone_at TEXT,
          undone_by INTEGER REFERENCES accounts (id)
        );
        CREATE UNIQUE INDEX one_live_merge ON person_merges (merged_id) WHERE undone_at IS NULL;
        -- A pair of records a protection officer judged to be two people: never proposed again.
        CREATE TABLE not_duplicates (
          first_id INTEGER NOT NULL REFERENCES people (id),
          second_id INTEGER NOT NULL REFERENCES people (id),
          decided_at TEXT NOT NULL,
          decided_by INTEGER NOT NULL REFERENCES accounts (id),
          PRIMARY KEY (first_id, second_id),
          CHECK (first_id < second_id)
        ) WITHOUT ROWID;
      `,
  },
  {
    version: 7,
    name: 'a random record key per person, for the perturbation of published statistics',
    // Each person's record key (0 to 2^32 - 1, from SQLite's own randomness) decides, summed over a
    // published cell's members, how that cell is perturbed (src/main/stats/perturb.ts). Never
    // exported or shown. The statistics index is rebuilt with the key, so it still covers the query.
    sql: `
        ALTER TABLE people ADD COLUMN record_key INTEGER;
        UPDATE people SET record_key = random() & 4294967295;
        DROP INDEX IF EXISTS people_statistics;
        CREATE INDEX people_statistics ON people (registered_at, json_extract(tier1, '$.birth', '$.nationalities[0]', '$.specificNeeds', '$.documentMismatch'), json_extract(tier2, '$.genderIdentity.kind', '$.genderIdentity.value', '$.sexualOrientation.kind', '$.sexualOrientation.value', '$.sexCharacteristics.kind', '$.sexCharacteristics.value', '$.livelihood.kind', '$.livelihood.value', '$.protectionNeeds'), record_key);
      `,
  },
  {
    version: 8,
    name: "the audit log's head, kept apart from the log",
    // The number of entries and the last hash, so entries cut from the end of the log are noticed.
    // Written with each entry, in its transaction; mac is an HMAC under a key derived from the
    // database key (src/main/audit/audit-head.ts). SQL has no key: the head starts from the log as
    // it is, unsealed (mac NULL), and the app seals it when it opens the database just migrated.
    sql: `
        CREATE TABLE audit_head (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          entries INTEGER NOT NULL,
          last_hash TEXT NOT NULL,
          mac TEXT
        );
        INSERT INTO audit_head (id, entries, last_hash, mac)
          SELECT 1, count(*), coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000'), NULL
          FROM audit_log;
        CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
          BEGIN SELECT RAISE(ABORT, 'the audit head is never deleted'); END;
      `,
  },
  {
    version: 9,
    name: 'gender for reporting in the statistics index',
    // The tier-1 "gender for reporting" (asked of everyone) is what the age-by-gender table and
    // same-gender partner units count. The statistics index is rebuilt with it, so it still covers
    // the statistics query (src/main/stats/collect.ts).
    sql: `
        DROP INDEX IF EXISTS people_statistics;
        CREATE INDEX people_statistics ON people (registered_at, json_extract(tier1, '$.birth', '$.nationalities[0]', '$.specificNeeds', '$.documentMismatch', '$.genderForReporting'), json_extract(tier2, '$.genderIdentity.kind', '$.genderIdentity.value', '$.sexualOrientation.kind', '$.sexualOrientation.value', '$.sexCharacteristics.kind', '$.sexCharacteristics.value', '$.livelihood.kind', '$.livelihood.value', '$.protectionNeeds'), record_key);
      `,
  },
  {
    version: 10,
    name: 'global ids, the site id and the desks of a site',
    // Integer ids and sequences collide once two desks' databases meet; a gid never does. Rows
    // inserted without one get one from the trigger, so no code path can forget it. The audit log
    // is append-only and keeps (desk, entry number) as its identity; settings are keyed by name,
    // not_duplicates by its pair of people; a record's history (about 12 rows a person) travels as
    // the operations that made it, identified by (desk, operation number), so it needs no gid. The desk's Ed25519 key pair needs node:crypto: the app
    // makes it when it opens the migrated database (src/main/exchange/this-desk.ts).
    sql: `${GLOBAL_ID_TABLES.map(([table, dated]) => globalIdSql(table, dated)).join('')}
        ALTER TABLE site ADD COLUMN gid BLOB;
        UPDATE site SET gid = ${uuid7Sql(msOf('created_at'))};
        -- The site exchange key: 32 random bytes that encrypt every bundle the desks exchange. It
        -- reaches another desk only inside an enrolment file, under that file's one-time passphrase.
        ALTER TABLE site ADD COLUMN exchange_key BLOB;
        UPDATE site SET exchange_key = randomblob(32);
        CREATE TABLE desks (
          gid BLOB PRIMARY KEY,
          -- Registration numbers made at desk n > 1 carry n, so two desks never give the same one.
          number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
          -- Ed25519, SubjectPublicKeyInfo DER in base64: checks the desk's bundles. A joining desk's
          -- pair is made at enrolment, so its first bundle is checked like any other.
          public_key TEXT NOT NULL,
          enrolled_at TEXT NOT NULL,
          retired_at TEXT
        );
        CREATE TABLE this_desk (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          desk_gid BLOB NOT NULL REFERENCES desks (gid),
          -- Ed25519, PKCS#8 DER in base64: signs this desk's bundles. Never leaves the database.
          private_key TEXT NOT NULL
        );
      `,
  },
];

export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

export class DatabaseNewerError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`This database was written by a newer version of the app (schema ${found}; this version knows up to ${supported}). It was left untouched.`);
    this.name = 'DatabaseNewerError';
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a database newer than the code before writing anything. */
export function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
  /** Runs inside each migration's transaction, after its SQL: work that needs what SQL lacks (a key). */
  afterStep?: (version: number) => void,
): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  if (from > latest) throw new DatabaseNewerError(from, latest);
  const pending = [...migrations].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      if ('sql' in migration) db.exec(migration.sql);
      else migration.up(db);
      afterStep?.(migration.version);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}

/** The SQL a shipped migration ran, for code that must match it (the statistics query and its index). */
export function migrationSql(version: number): string {
  const migration = MIGRATIONS.find((m) => m.version === version);
  if (!migration || !('sql' in migration)) throw new Error(`Migration ${version} does not exist or runs code rather than SQL.`);
  return migration.sql;
}

/** The migration check of `intake verify`: the schema is exactly as new as the code. */
export function pendingMigrations(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  return migrations.filter((m) => m.version > current).length;
}
