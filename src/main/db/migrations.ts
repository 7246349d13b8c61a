import type { Db } from './connection';
import { installOperationCapture, resumeClock } from '../exchange/operation-capture';

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

/**
 * A table whose changes travel between the desks of a site as operations (migrations 11 and 13).
 * Each declaration is frozen with the migration that made its triggers from it, and the exchange
 * applies what arrives with it (src/main/exchange/materialize.ts), so the two always agree on what
 * a field is.
 */
export interface ExchangedTable {
  /** The name operations give a row's kind. */
  readonly entity: string;
  readonly table: string;
  /** What names a row across desks: its global id (as 32 hex digits), or the settings' key. */
  readonly rowKey: 'gid' | 'key';
  /** Columns exchanged as they are (references below are exchanged as the referenced row's gid). */
  readonly columns: readonly string[];
  /** Columns holding the local integer id of a row of another exchanged table. */
  readonly references: Readonly<Record<string, string>>;
  /** JSON object columns exchanged key by key: field "tier1.birth" is key "birth" of tier1. */
  readonly objects: readonly string[];
  /** Which rows travel (SQL over the row, as `r`); all when absent. */
  readonly travels?: string;
}

/** The tables exchanged from migration 11 on, frozen with it: migration 11's triggers are made from this list. */
const EXCHANGED_AT_11: readonly ExchangedTable[] = [
  // key_pair: the account slot's key pair (its private key wrapped under the password), so an
  // account made or given a new password at one desk signs in at every desk after the exchange.
  { entity: 'account', table: 'accounts', rowKey: 'gid', columns: ['slot_id', 'user_name', 'role', 'language', 'view_mode', 'disabled_at', 'created_at', 'updated_at', 'key_pair'], references: {}, objects: [] },
  { entity: 'desk', table: 'desks', rowKey: 'gid', columns: ['number', 'public_key', 'enrolled_at', 'retired_at'], references: {}, objects: [] },
  // Only the site-wide settings: a laptop's own (its backup folder, the search index's state) stay.
  { entity: 'setting', table: 'settings', rowKey: 'key', columns: ['value'], references: {}, objects: [], travels: "r.key IN ('idleMinutes', 'restrictedOnOpen', 'contentProtection', 'sitePrefix', 'siteName')" },
  { entity: 'specific_need', table: 'specific_needs', rowKey: 'gid', columns: ['code', 'field', 'origin', 'offered', 'labels', 'changed_at'], references: {}, objects: [] },
  // chosen_name and birth_year are derived from tier0 and tier1: each desk derives them again.
  { entity: 'person', table: 'people', rowKey: 'gid', columns: ['registration_number', 'registered_at', 'registered_by', 'updated_at', 'merged_into', 'record_key'], references: { registered_by: 'accounts', merged_into: 'people' }, objects: ['tier0', 'tier1', 'tier2'] },
  { entity: 'family_unit', table: 'family_units', rowKey: 'gid', columns: ['created_at', 'keep_together'], references: {}, objects: [] },
  { entity: 'consent', table: 'consents', rowKey: 'gid', columns: ['person_id', 'purpose', 'given_at', 'given_by', 'withdrawn_at', 'withdrawn_by', 'merged_from'], references: { person_id: 'people', given_by: 'accounts', withdrawn_by: 'accounts', merged_from: 'people' }, objects: [] },
  { entity: 'family_membership', table: 'family_memberships', rowKey: 'gid', columns: ['unit_id', 'person_id', 'relationship', 'relationship_text', 'joined_at', 'left_at', 'merged_from'], references: { unit_id: 'family_units', person_id: 'people', merged_from: 'people' }, objects: [] },
  { entity: 'person_merge', table: 'person_merges', rowKey: 'gid', columns: ['kept_id', 'merged_id', 'merged_at', 'merged_by', 'changes', 'undone_at', 'undone_by'], references: { kept_id: 'people', merged_id: 'people', merged_by: 'accounts', undone_by: 'accounts' }, objects: [] },
];

/**
 * Pairs a protection officer judged to be two people (migration 13), so the duplicate review at
 * every desk stops proposing them. Frozen with migration 13.
 */
const NOT_DUPLICATES_AT_13: ExchangedTable = {
  entity: 'not_duplicate',
  table: 'not_duplicates',
  rowKey: 'gid',
  columns: ['first_id', 'second_id', 'decided_at', 'decided_by'],
  references: { first_id: 'people', second_id: 'people', decided_by: 'accounts' },
  objects: [],
};

/**
 * The service directory and referrals (migration 15), frozen with it. A referral names the person,
 * the provider and the per-referral consent; what it shares is a list of field keys, never a copy
 * of a value: a slip reads the record when it is made, so an erasure or a withdrawn consent holds.
 */
const REFERRALS_AT_15: readonly ExchangedTable[] = [
  {
    entity: 'provider',
    table: 'providers',
    rowKey: 'gid',
    columns: ['name_en', 'name_ar', 'name_fr', 'organisation_type', 'services', 'safe_for', 'languages', 'area', 'address', 'hours', 'contact', 'interpreter', 'focal_point', 'checked_on', 'note', 'created_at', 'created_by', 'retired_at'],
    references: { created_by: 'accounts' },
    objects: [],
  },
  {
    entity: 'referral',
    table: 'referrals',
    rowKey: 'gid',
    columns: ['number', 'person_id', 'provider_id', 'services', 'shared_fields', 'consent_id', 'sensitive_consent_at', 'urgency', 'reason', 'follow_up_on', 'created_at', 'created_by', 'merged_from'],
    references: { person_id: 'people', provider_id: 'providers', consent_id: 'consents', created_by: 'accounts', merged_from: 'people' },
    objects: [],
  },
  {
    entity: 'referral_event',
    table: 'referral_events',
    rowKey: 'gid',
    columns: ['referral_id', 'status', 'happened_on', 'recorded_at', 'recorded_by'],
    references: { referral_id: 'referrals', recorded_by: 'accounts' },
    objects: [],
  },
];

/** The site-wide settings from migration 15 on: a clerk may refer where the site allows it. Frozen with it. */
const SETTINGS_AT_15: ExchangedTable = {
  entity: 'setting',
  table: 'settings',
  rowKey: 'key',
  columns: ['value'],
  references: {},
  objects: [],
  travels: "r.key IN ('idleMinutes', 'restrictedOnOpen', 'contentProtection', 'sitePrefix', 'siteName', 'clerksMayRefer')",
};

/**
 * A record's changes of status (migration 16), frozen with it: append-only, a row per change; the
 * record's status is its latest row by (effective_on, recorded_at, gid), the same at every desk.
 */
const RECORD_STATUSES_AT_16: ExchangedTable = {
  entity: 'record_status',
  table: 'record_statuses',
  rowKey: 'gid',
  columns: ['person_id', 'status', 'reason', 'effective_on', 'recorded_at', 'recorded_by', 'merged_from'],
  references: { person_id: 'people', recorded_by: 'accounts', merged_from: 'people' },
  objects: [],
};

/**
 * Accounts from migration 17 on, frozen with it: whether the password was set by a supervisor and
 * is still to be replaced by the person travels, so a new account changes it at whichever desk it
 * first signs in, once.
 */
const ACCOUNTS_AT_17: ExchangedTable = {
  entity: 'account',
  table: 'accounts',
  rowKey: 'gid',
  columns: ['slot_id', 'user_name', 'role', 'language', 'view_mode', 'disabled_at', 'created_at', 'updated_at', 'key_pair', 'password_change_due'],
  references: {},
  objects: [],
};

/** Every exchanged table, in the order received rows are written (a row after the rows it names). */
export const EXCHANGED_TABLES: readonly ExchangedTable[] = [
  ...EXCHANGED_AT_11.map((table) => (table.entity === 'setting' ? SETTINGS_AT_15 : table.entity === 'account' ? ACCOUNTS_AT_17 : table)),
  NOT_DUPLICATES_AT_13,
  ...REFERRALS_AT_15,
  RECORD_STATUSES_AT_16,
];

const rowNameSql = (table: ExchangedTable, row: string): string => (table.rowKey === 'gid' ? `lower(hex(${row}.gid))` : `${row}.key`);

/** A column's value as JSON text; a reference as the referenced row's gid. */
function columnJsonSql(table: ExchangedTable, column: string, row: string): string {
  const target = table.references[column];
  return target ? `json_quote((SELECT lower(hex(x.gid)) FROM ${target} x WHERE x.id = ${row}.${column}))` : `json_quote(${row}.${column})`;
}

/** A json_each row's value as JSON text (json_each gives strings unquoted and true as 1). */
const eachJsonSql = (each: string): string =>
  `CASE ${each}.type WHEN 'object' THEN ${each}.value WHEN 'array' THEN ${each}.value WHEN 'null' THEN 'null' WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE json_quote(${each}.value) END`;

/** The whole row as one JSON object: the value of the operation that creates it at other desks. */
function rowJsonSql(table: ExchangedTable, row: string): string {
  const parts = [
    ...table.columns.map((column) => `'${column}', json(${columnJsonSql(table, column, row)})`),
    ...table.objects.map((column) => `'${column}', json(${row}.${column})`),
  ];
  return `json_object(${parts.join(', ')})`;
}

/** The operations an UPDATE makes: one for each column or object key whose value changed. */
function changedFieldsSql(table: ExchangedTable): string {
  const columns = table.columns.map(
    (column) => `SELECT '${column}' AS field, ${columnJsonSql(table, column, 'NEW')} AS value WHERE NEW.${column} IS NOT OLD.${column}`,
  );
  const objects = table.objects.flatMap((column) => [
    `SELECT '${column}.' || n.key, ${eachJsonSql('n')} FROM json_each(NEW.${column}) n
       WHERE ${eachJsonSql('n')} IS NOT (SELECT ${eachJsonSql('o')} FROM json_each(OLD.${column}) o WHERE o.key = n.key)`,
    `SELECT '${column}.' || o.key, NULL FROM json_each(OLD.${column}) o
       WHERE NOT EXISTS (SELECT 1 FROM json_each(NEW.${column}) n WHERE n.key = o.key)`,
  ]);
  return [...columns, ...objects].join('\n          UNION ALL ');
}

const travelsSql = (table: ExchangedTable, row: string): string => (table.travels ? ` AND ${table.travels.replaceAll('r.', `${row}.`)}` : '');

/** The trigger that records an UPDATE of the row as one operation per column (of `columns`) or object key changed. */
function changedTriggerSql(table: ExchangedTable, columns: readonly string[]): string {
  const unchangedGid = table.rowKey === 'gid' ? ' AND OLD.gid IS NOT NULL' : '';
  return `
        CREATE TRIGGER ${table.table}_changed AFTER UPDATE ON ${table.table}
          WHEN exchange_capturing()${unchangedGid}${travelsSql(table, 'NEW')}
        BEGIN
          INSERT INTO own_operations (hlc, account, entity, row, field, version, value)
            SELECT exchange_hlc(), exchange_actor(), '${table.entity}', ${rowNameSql(table, 'NEW')}, c.field,
                   1 + coalesce((SELECT v.version FROM field_versions v WHERE v.entity = '${table.entity}' AND v.row = ${rowNameSql(table, 'NEW')} AND v.field = c.field), 0),
                   c.value
            FROM (${changedFieldsSql({ ...table, columns })}) c;
        END;`;
}

/** The triggers that record a table's inserts and updates as operations. */
function captureTriggersSql(table: ExchangedTable): string {
  return `
        DROP TRIGGER IF EXISTS ${table.table}_gid;${madeTriggerSql(table)}${changedTriggerSql(table, table.columns)}`;
}

/** The trigger that records an INSERT as one operation carrying the whole row. */
function madeTriggerSql(table: ExchangedTable): string {
  const gidFill =
    table.rowKey === 'gid' && table.table !== 'desks'
      ? `UPDATE ${table.table} SET gid = ${uuid7Sql(MS_NOW)} WHERE rowid = NEW.rowid AND gid IS NULL;`
      : '';
  return `
        CREATE TRIGGER ${table.table}_made AFTER INSERT ON ${table.table}
        BEGIN
          ${gidFill}
          INSERT INTO own_operations (hlc, account, entity, row, field, version, value)
            SELECT exchange_hlc(), exchange_actor(), '${table.entity}', ${rowNameSql(table, 'r')}, '', 0, ${rowJsonSql(table, 'r')}
            FROM ${table.table} r WHERE r.rowid = NEW.rowid AND exchange_capturing()${travelsSql(table, 'r')};
        END;`;
}

/** The capture triggers, and one operation creating each row already there (the baseline other desks receive). */
function captureSql(table: ExchangedTable): string {
  return `${captureTriggersSql(table)}
        INSERT INTO own_operations (hlc, account, entity, row, field, version, value)
          SELECT printf('%015d-00000', ${table.table === 'settings' ? MS_NOW : msOf(`r.${BASELINE_DATED[table.table] ?? 'created_at'}`)}), NULL, '${table.entity}', ${rowNameSql(table, 'r')}, '', 0, ${rowJsonSql(table, 'r')}
          FROM ${table.table} r WHERE 1${travelsSql(table, 'r')} ORDER BY r.rowid;`;
}

/**
 * Columns that say when this desk last saw a row change (migration 12). Every change sets them, so
 * exchanging them doubled the operations of every edit; since migration 12 each desk derives them
 * (src/main/exchange/materialize.ts) and they are never recorded as a change. Frozen with migration 12.
 */
export const LOCAL_BOOKKEEPING_COLUMNS: Readonly<Record<string, string>> = { accounts: 'updated_at', people: 'updated_at' };

/** The columns of an exchanged table whose changes travel (since migration 12). */
export function travellingColumns(table: ExchangedTable): readonly string[] {
  const bookkeeping = LOCAL_BOOKKEEPING_COLUMNS[table.table];
  return table.columns.filter((column) => column !== bookkeeping);
}

/** The column that dates the rows of a table, for the hybrid clock time of its baseline operations. */
const BASELINE_DATED: Readonly<Record<string, string>> = {
  accounts: 'created_at',
  referral_events: 'recorded_at',
  record_statuses: 'recorded_at',
  desks: 'enrolled_at',
  specific_needs: 'changed_at',
  people: 'registered_at',
  family_units: 'created_at',
  consents: 'given_at',
  family_memberships: 'joined_at',
  person_merges: 'merged_at',
  not_duplicates: 'decided_at',
};

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
  {
    version: 11,
    name: "the operations log, each field's merge state, and what the exchange received",
    // Every change to an exchanged table is recorded by a trigger, in the change's own transaction,
    // so no code path can forget one. The triggers call three functions the app gives each
    // connection (src/main/exchange/operation-capture.ts): the hybrid clock's time, the account
    // signed in, and whether this change is one to record (not while applying another desk's).
    // What a database held before is recorded once as the operations that make its rows (a
    // baseline), so a desk joining later receives it all. Docs: docs/desk-exchange.md.
    sql: `
        -- Filled by the app from the key slot file when it opens the database (it is not in SQL's reach).
        ALTER TABLE accounts ADD COLUMN key_pair TEXT;
        -- This desk's own operations; seq is the rowid, so a change rolled back leaves no gap.
        CREATE TABLE own_operations (
          -- AUTOINCREMENT: a desk restored from an older backup can move its numbering past the
          -- numbers it had already sent (src/main/exchange/exchange-run.ts), so none is given twice.
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          hlc TEXT NOT NULL,
          account TEXT,
          entity TEXT NOT NULL,
          row TEXT NOT NULL,
          -- '' for the operation that makes the row (its value the whole row), else a column or
          -- an object's key ("tier1.birth").
          field TEXT NOT NULL,
          version INTEGER NOT NULL,
          -- JSON; NULL when the key was removed from its object.
          value TEXT
        );
        -- The making operation of a row is looked up by row (writing rows, the consent rule).
        CREATE INDEX own_operations_by_row ON own_operations (entity, row, field);
        -- Other desks' operations as received, by their desk number and seq.
        CREATE TABLE received_operations (
          desk INTEGER NOT NULL,
          seq INTEGER NOT NULL,
          hlc TEXT NOT NULL,
          account TEXT,
          entity TEXT NOT NULL,
          row TEXT NOT NULL,
          field TEXT NOT NULL,
          version INTEGER NOT NULL,
          value TEXT,
          PRIMARY KEY (desk, seq)
        ) WITHOUT ROWID;
        CREATE INDEX received_operations_by_row ON received_operations (entity, row, field);
        -- For each field ever changed after its row was made, the operation whose value it holds:
        -- the greatest (version, hlc, desk). A field never changed holds its row's first value.
        CREATE TABLE field_versions (
          entity TEXT NOT NULL,
          row TEXT NOT NULL,
          field TEXT NOT NULL,
          version INTEGER NOT NULL,
          hlc TEXT NOT NULL,
          desk INTEGER NOT NULL,
          seq INTEGER NOT NULL,
          PRIMARY KEY (entity, row, field)
        ) WITHOUT ROWID;
        CREATE TRIGGER own_operations_version AFTER INSERT ON own_operations WHEN NEW.field <> ''
        BEGIN
          -- Not INSERT OR REPLACE: inside a trigger the outer statement's conflict policy wins, and
          -- a change made by an upsert (a setting) would then fail on the existing row.
          DELETE FROM field_versions WHERE entity = NEW.entity AND row = NEW.row AND field = NEW.field;
          -- Before this database has a desk identity it is becoming desk 1 (set-up).
          INSERT INTO field_versions (entity, row, field, version, hlc, desk, seq)
            VALUES (NEW.entity, NEW.row, NEW.field, NEW.version, NEW.hlc,
                    coalesce((SELECT d.number FROM this_desk t JOIN desks d ON d.gid = t.desk_gid), 1), NEW.seq);
          -- A change made after a conflict of the field settles it, here and, as it travels, at every desk.
          UPDATE exchange_conflicts SET resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE entity = NEW.entity AND row = NEW.row AND field = NEW.field AND resolved_at IS NULL;
        END;
        -- Per desk: the highest seq of its operations applied here (gap-free), and the highest of
        -- this desk's that it said it had applied (its acknowledgement).
        CREATE TABLE exchange_desks (
          desk INTEGER PRIMARY KEY,
          applied_seq INTEGER NOT NULL DEFAULT 0,
          acknowledged_seq INTEGER NOT NULL DEFAULT 0,
          last_bundle_at TEXT,
          -- The same for audit entries: the last of its chain kept here, the last of ours it has.
          audit_applied_id INTEGER NOT NULL DEFAULT 0,
          audit_acknowledged_id INTEGER NOT NULL DEFAULT 0
        );
        -- Other desks' audit chains, entry by entry as each desk wrote them (its own local ids
        -- included), so \`intake verify\` walks each chain as it walks this desk's own.
        CREATE TABLE received_audit (
          desk INTEGER NOT NULL,
          id INTEGER NOT NULL,
          at TEXT NOT NULL,
          account_id INTEGER,
          user_name TEXT,
          action TEXT NOT NULL,
          person_id INTEGER,
          registration_number TEXT,
          details TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL,
          PRIMARY KEY (desk, id)
        ) WITHOUT ROWID;
        CREATE TRIGGER received_audit_no_update BEFORE UPDATE ON received_audit
          BEGIN SELECT RAISE(ABORT, 'a received audit chain is kept as received'); END;
        CREATE TRIGGER received_audit_no_delete BEFORE DELETE ON received_audit
          BEGIN SELECT RAISE(ABORT, 'a received audit chain is kept as received'); END;
        -- A row another desk made that is this desk's own under another global id: an account
        -- whose user name was made at two desks before they exchanged. Read as that local row.
        CREATE TABLE exchange_aliases (
          entity TEXT NOT NULL,
          row TEXT NOT NULL,
          local_id INTEGER NOT NULL,
          PRIMARY KEY (entity, row)
        ) WITHOUT ROWID;
        -- Rows operations arrived for that cannot be written yet: made by an operation not yet
        -- received, or naming a row not yet received. Tried again at every exchange.
        CREATE TABLE exchange_waiting (
          entity TEXT NOT NULL,
          row TEXT NOT NULL,
          PRIMARY KEY (entity, row)
        ) WITHOUT ROWID;
        -- Concurrent changes of one field (same version, two desks): settled by the rule, listed
        -- for review. Both operations stay in the logs.
        CREATE TABLE exchange_conflicts (
          id INTEGER PRIMARY KEY,
          entity TEXT NOT NULL,
          row TEXT NOT NULL,
          field TEXT NOT NULL,
          kept_desk INTEGER NOT NULL,
          kept_seq INTEGER NOT NULL,
          other_desk INTEGER NOT NULL,
          other_seq INTEGER NOT NULL,
          found_at TEXT NOT NULL,
          resolved_at TEXT,
          resolved_by INTEGER REFERENCES accounts (id),
          UNIQUE (kept_desk, kept_seq, other_desk, other_seq)
        );
        CREATE INDEX exchange_conflicts_open ON exchange_conflicts (id) WHERE resolved_at IS NULL;
        ${EXCHANGED_AT_11.map(captureSql).join('')}
      `,
  },
  {
    version: 12,
    name: 'when a row last changed is kept by each desk, not exchanged',
    sql: `${EXCHANGED_AT_11.filter((table) => LOCAL_BOOKKEEPING_COLUMNS[table.table] !== undefined)
      .map((table) => `
        DROP TRIGGER ${table.table}_changed;${changedTriggerSql(table, travellingColumns(table))}`)
      .join('')}
      `,
  },
  {
    version: 13,
    name: 'pairs judged two people travel between desks',
    // Rebuilt with a row id and a global id: the exchange names rows by gid and finds them by rowid.
    // A pair's two local ids may come in either order at another desk, and two desks may judge the
    // same pair: neither order nor uniqueness is a rule of the table any more (read as a set).
    sql: `
        CREATE TABLE not_duplicates_rebuilt (
          id INTEGER PRIMARY KEY,
          gid BLOB,
          first_id INTEGER NOT NULL REFERENCES people (id),
          second_id INTEGER NOT NULL REFERENCES people (id),
          decided_at TEXT NOT NULL,
          decided_by INTEGER NOT NULL REFERENCES accounts (id)
        );
        INSERT INTO not_duplicates_rebuilt (gid, first_id, second_id, decided_at, decided_by)
          SELECT ${uuid7Sql(msOf('decided_at'))}, first_id, second_id, decided_at, decided_by FROM not_duplicates ORDER BY decided_at;
        DROP TABLE not_duplicates;
        ALTER TABLE not_duplicates_rebuilt RENAME TO not_duplicates;
        CREATE UNIQUE INDEX not_duplicates_gid ON not_duplicates (gid);
        CREATE INDEX not_duplicates_pair ON not_duplicates (min(first_id, second_id), max(first_id, second_id));${captureSql(NOT_DUPLICATES_AT_13)}
      `,
  },
  {
    version: 14,
    name: "drafts kept for their author on this laptop, never exchanged",
    // A registration or an edit in progress, kept across a lock, a sign-out or a crash, for the
    // account that typed it: subject 0 is a new registration, any other the record being edited.
    // Local to this laptop: no capture trigger, and not in EXCHANGED_TABLES. A record merged into
    // another, or whose consent is withdrawn (values erased), loses the drafts of its edits, here
    // and when the change arrives from another desk (a consent given and withdrawn there arrives as
    // one insert). An account disabled, or given a role that does not register, loses its drafts.
    sql: `
        CREATE TABLE kept_drafts (
          account_id INTEGER NOT NULL REFERENCES accounts (id),
          subject INTEGER NOT NULL CHECK (subject >= 0),
          content TEXT NOT NULL,
          saved_at TEXT NOT NULL,
          PRIMARY KEY (account_id, subject)
        ) WITHOUT ROWID;
        CREATE INDEX kept_drafts_subject ON kept_drafts (subject) WHERE subject > 0;
        CREATE TRIGGER kept_drafts_person_merged AFTER UPDATE OF merged_into ON people WHEN NEW.merged_into IS NOT NULL
        BEGIN
          DELETE FROM kept_drafts WHERE subject IN (NEW.id, NEW.merged_into);
        END;
        CREATE TRIGGER kept_drafts_consent_withdrawn AFTER UPDATE OF withdrawn_at ON consents WHEN NEW.withdrawn_at IS NOT NULL
        BEGIN
          DELETE FROM kept_drafts WHERE subject = NEW.person_id;
        END;
        CREATE TRIGGER kept_drafts_consent_arrived_withdrawn AFTER INSERT ON consents WHEN NEW.withdrawn_at IS NOT NULL
        BEGIN
          DELETE FROM kept_drafts WHERE subject = NEW.person_id;
        END;
        CREATE TRIGGER kept_drafts_account_disabled AFTER UPDATE OF disabled_at ON accounts WHEN NEW.disabled_at IS NOT NULL
        BEGIN
          DELETE FROM kept_drafts WHERE account_id = NEW.id;
        END;
        CREATE TRIGGER kept_drafts_account_role AFTER UPDATE OF role ON accounts WHEN NEW.role NOT IN ('clerk', 'protection')
        BEGIN
          DELETE FROM kept_drafts WHERE account_id = NEW.id;
        END;
      `,
  },
  {
    version: 15,
    name: 'a directory of services and referrals that share only what the person agreed to',
    // providers: kept by supervisors and protection officers; never deleted, retired instead.
    // services, safe_for and languages are JSON arrays of codes (src/shared/referrals.ts);
    // interpreter is 1, 0 or NULL (not known); checked_on the day the entry was last checked.
    // referrals: shared_fields is a JSON array of field keys, starting empty; consent_id the
    // "referral" consent the referral stands on (withdrawn: no slip shows shared data again);
    // sensitive_consent_at the explicit consent, for this referral, to share tier-2 fields; reason
    // is the person's words, read as a tier-2 value. The status is the latest referral event.
    sql: `
        CREATE TABLE providers (
          id INTEGER PRIMARY KEY,
          gid BLOB,
          name_en TEXT NOT NULL DEFAULT '',
          name_ar TEXT NOT NULL DEFAULT '',
          name_fr TEXT NOT NULL DEFAULT '',
          organisation_type TEXT NOT NULL,
          services TEXT NOT NULL DEFAULT '[]',
          safe_for TEXT NOT NULL DEFAULT '[]',
          languages TEXT NOT NULL DEFAULT '[]',
          area TEXT NOT NULL DEFAULT '',
          address TEXT NOT NULL DEFAULT '',
          hours TEXT NOT NULL DEFAULT '',
          contact TEXT NOT NULL DEFAULT '',
          interpreter INTEGER CHECK (interpreter IN (0, 1)),
          focal_point TEXT NOT NULL DEFAULT '',
          checked_on TEXT,
          note TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          created_by INTEGER REFERENCES accounts (id),
          retired_at TEXT
        );
        CREATE UNIQUE INDEX providers_gid ON providers (gid);
        CREATE TABLE referrals (
          id INTEGER PRIMARY KEY,
          gid BLOB,
          number TEXT NOT NULL,
          person_id INTEGER NOT NULL REFERENCES people (id),
          provider_id INTEGER NOT NULL REFERENCES providers (id),
          services TEXT NOT NULL DEFAULT '[]',
          shared_fields TEXT NOT NULL DEFAULT '[]',
          consent_id INTEGER REFERENCES consents (id),
          sensitive_consent_at TEXT,
          urgency TEXT NOT NULL,
          reason TEXT NOT NULL DEFAULT '',
          follow_up_on TEXT,
          created_at TEXT NOT NULL,
          created_by INTEGER NOT NULL REFERENCES accounts (id),
          merged_from INTEGER REFERENCES people (id)
        );
        CREATE UNIQUE INDEX referrals_gid ON referrals (gid);
        CREATE INDEX referrals_by_person ON referrals (person_id);
        CREATE INDEX referrals_by_follow_up ON referrals (follow_up_on);
        CREATE TABLE referral_events (
          id INTEGER PRIMARY KEY,
          gid BLOB,
          referral_id INTEGER NOT NULL REFERENCES referrals (id),
          status TEXT NOT NULL,
          happened_on TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          recorded_by INTEGER NOT NULL REFERENCES accounts (id)
        );
        CREATE UNIQUE INDEX referral_events_gid ON referral_events (gid);
        CREATE INDEX referral_events_by_referral ON referral_events (referral_id);
        DROP TRIGGER settings_made;
        DROP TRIGGER settings_changed;${captureTriggersSql(SETTINGS_AT_15)}${REFERRALS_AT_15.map(captureSql).join('')}
      `,
  },
  {
    version: 16,
    name: "a record's status: active, departed, relocated, deceased or closed, kept as a history",
    // Append-only: a change of status is a new row, never an update or a delete (a record merge
    // moves a person's rows to the record kept, marked merged_from, as it moves consents). status and reason are codes (src/shared/record-status.ts);
    // reason only for 'closed'; effective_on the day the change took effect (YYYY-MM-DD).
    sql: `
        CREATE TABLE record_statuses (
          id INTEGER PRIMARY KEY,
          gid BLOB,
          person_id INTEGER NOT NULL REFERENCES people (id),
          status TEXT NOT NULL,
          reason TEXT,
          effective_on TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          recorded_by INTEGER REFERENCES accounts (id),
          merged_from INTEGER REFERENCES people (id)
        );
        CREATE UNIQUE INDEX record_statuses_gid ON record_statuses (gid);
        CREATE INDEX record_statuses_latest ON record_statuses (person_id, effective_on DESC, recorded_at DESC, gid DESC);${captureSql(RECORD_STATUSES_AT_16)}
      `,
  },
  {
    version: 17,
    name: 'a password a supervisor set is replaced by the person at their next sign-in',
    // 1 from the moment a supervisor sets the password (a new account, a reset) until the person
    // sets their own. Accounts from before stay 0: their passwords were never asked to change.
    sql: `
        ALTER TABLE accounts ADD COLUMN password_change_due INTEGER NOT NULL DEFAULT 0 CHECK (password_change_due IN (0, 1));
        DROP TRIGGER accounts_made;
        DROP TRIGGER accounts_changed;${madeTriggerSql(ACCOUNTS_AT_17)}${changedTriggerSql(ACCOUNTS_AT_17, travellingColumns(ACCOUNTS_AT_17))}
      `,
  },
  {
    version: 18,
    name: 'the near spellings of the phonetic keys on record, once each rather than once a person',
    // Derived, never exchanged: each key of three letters or more with one letter deleted, as
    // d:place:rest:letter (src/main/people/search-near-keys.ts). The people are found by the key.
    // The search terms are rebuilt at the next unlock (SEARCH_TERMS_VERSION), without their d: rows.
    sql: `
        CREATE TABLE search_near_keys (term TEXT PRIMARY KEY) WITHOUT ROWID;
      `,
  },
  {
    version: 19,
    name: "what each desk holds of every desk's operations, so a desk sends on what another lacks",
    // A desk's bundle says, for every desk, the last of its operations the writer holds (gap-free).
    // Kept per writer, as it said it last, so a desk can send on another desk's operations to a
    // desk that lacks them: one that joined after they were sent, or one put back from an older
    // backup (its own operations come back to it). Docs: docs/desk-exchange.md, "Sending on".
    // An operation of this desk's own that comes back is written into its own log while capture is
    // off, and merged as any received one: the version trigger runs only for changes made here.
    sql: `
        CREATE TABLE exchange_vectors (
          desk INTEGER NOT NULL,
          origin INTEGER NOT NULL,
          applied_seq INTEGER NOT NULL,
          -- The bundle that said it (its last operation number, then when it was written): a bundle
          -- read late says nothing new, whatever the writer's clock says.
          said_in_seq INTEGER NOT NULL,
          said_at TEXT NOT NULL,
          PRIMARY KEY (desk, origin)
        ) WITHOUT ROWID;
        -- Each desk holds at least its own operations this desk has applied: so after this migration
        -- a desk is not sent back its own log before it has said what it holds.
        INSERT INTO exchange_vectors (desk, origin, applied_seq, said_in_seq, said_at)
          SELECT desk, desk, applied_seq, 0, '' FROM exchange_desks;
        DROP TRIGGER own_operations_version;
        CREATE TRIGGER own_operations_version AFTER INSERT ON own_operations WHEN NEW.field <> '' AND exchange_capturing()
        BEGIN
          DELETE FROM field_versions WHERE entity = NEW.entity AND row = NEW.row AND field = NEW.field;
          INSERT INTO field_versions (entity, row, field, version, hlc, desk, seq)
            VALUES (NEW.entity, NEW.row, NEW.field, NEW.version, NEW.hlc,
                    coalesce((SELECT d.number FROM this_desk t JOIN desks d ON d.gid = t.desk_gid), 1), NEW.seq);
          UPDATE exchange_conflicts SET resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE entity = NEW.entity AND row = NEW.row AND field = NEW.field AND resolved_at IS NULL;
        END;
        -- A person's memberships, ended ones too (the exchange settles and reviews them by person:
        -- without it each person touched read every membership of the register), and the open
        -- conflicts of one field (every change made here or received looks them up).
        CREATE INDEX memberships_by_person ON family_memberships (person_id);
        CREATE INDEX exchange_conflicts_by_field ON exchange_conflicts (entity, row, field);
        -- A desk put back from a backup (intake restore, when the site has other desks) may have
        -- sent, before it was lost, changes the backup lacks, under numbers it would give again.
        -- Until the others have told it how many it had made and sent those back, it makes no
        -- change (a change made meanwhile would take a number another desk holds, or be weighed
        -- against field versions it lacks). What the exchange itself records while applying (a
        -- family settled) is numbered after what the site holds, and is let through.
        CREATE TABLE exchange_restored (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          restored_at TEXT NOT NULL
        );
        CREATE TRIGGER own_operations_after_restore BEFORE INSERT ON own_operations
          WHEN exchange_capturing() AND NOT exchange_applying() AND EXISTS (SELECT 1 FROM exchange_restored)
            AND EXISTS (SELECT 1 FROM desks d WHERE d.retired_at IS NULL AND d.gid NOT IN (SELECT desk_gid FROM this_desk))
        BEGIN
          SELECT RAISE(ABORT, 'exchange_first_after_restore');
        END;
      `,
  },
  {
    version: 20,
    name: "another desk's audit chain kept line by line: a desk put back from a backup writes on from its backup's last entry",
    // Entries a desk wrote after its backup, and sent, are held by the others under the numbers it
    // writes again once put back: the others keep both lines, each checked against the entries
    // before the point where they part (src/main/exchange/received-audit.ts). Line 0 is the first;
    // a later line names the line it left and its first entry. Docs: docs/desk-exchange.md, "Audit".
    sql: `
        CREATE TABLE received_audit_lines_v20 (
          desk INTEGER NOT NULL,
          branch INTEGER NOT NULL,
          id INTEGER NOT NULL,
          at TEXT NOT NULL,
          account_id INTEGER,
          user_name TEXT,
          action TEXT NOT NULL,
          person_id INTEGER,
          registration_number TEXT,
          details TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL,
          PRIMARY KEY (desk, branch, id)
        ) WITHOUT ROWID;
        INSERT INTO received_audit_lines_v20
          SELECT desk, 0, id, at, account_id, user_name, action, person_id, registration_number, details, prev_hash, hash FROM received_audit;
        DROP TABLE received_audit;
        ALTER TABLE received_audit_lines_v20 RENAME TO received_audit;
        CREATE TRIGGER received_audit_no_update BEFORE UPDATE ON received_audit
          BEGIN SELECT RAISE(ABORT, 'a received audit chain is kept as received'); END;
        CREATE TRIGGER received_audit_no_delete BEFORE DELETE ON received_audit
          BEGIN SELECT RAISE(ABORT, 'a received audit chain is kept as received'); END;
        -- Where each later line leaves the line it went on from (line 0 has no row).
        CREATE TABLE received_audit_branches (
          desk INTEGER NOT NULL,
          branch INTEGER NOT NULL,
          parent INTEGER NOT NULL,
          from_id INTEGER NOT NULL,
          found_at TEXT NOT NULL,
          PRIMARY KEY (desk, branch)
        ) WITHOUT ROWID;
        CREATE TRIGGER received_audit_branches_no_delete BEFORE DELETE ON received_audit_branches
          BEGIN SELECT RAISE(ABORT, 'a received audit chain is kept as received'); END;
        CREATE TRIGGER received_audit_branches_no_update BEFORE UPDATE ON received_audit_branches
          BEGIN SELECT RAISE(ABORT, 'a received audit chain is kept as received'); END;
      `,
  },
  {
    version: 21,
    name: 'the last of its operation numbers this desk has sent, so an older copy of its folder is known for one',
    // Written before each bundle, with a file outside the data folder (src/main/exchange/sent-record.ts):
    // a database that numbered fewer than the file says were sent is an older copy, held back.
    sql: `
        CREATE TABLE exchange_sent (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          last_seq INTEGER NOT NULL,
          written_at TEXT NOT NULL
        );
      `,
  },
  {
    version: 22,
    name: "history entries of another desk's change that wait for the account that made it",
    // Written into person_history at the first exchange after the account arrives; erased as the
    // history is (src/main/exchange/history-awaiting.ts). Personal values: inside the database only.
    sql: `
        CREATE TABLE person_history_awaiting (
          id INTEGER PRIMARY KEY,
          person_gid BLOB NOT NULL,
          field TEXT NOT NULL,
          tier INTEGER NOT NULL,
          changed_at TEXT NOT NULL,
          account_gid BLOB NOT NULL,
          old_value TEXT,
          new_value TEXT,
          erased INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX person_history_awaiting_by_person ON person_history_awaiting (person_gid);
      `,
  },
  {
    version: 23,
    name: "each desk's operations chained by hash under a head it signs, so a desk passing them on cannot change them; a desk held back hears from every desk",
    // src/main/exchange/operation-chain.ts and operation-seals.ts; docs/desk-exchange.md, "Sending on".
    // A person's tiered values are chained by a salted digest, the seal, made with the operation:
    // an erasure keeps the digest and forgets the salt. Operations made before this have no seal and
    // are chained without the values a withdrawn consent erases, which the desks hold unsalted.
    sql: `
        ALTER TABLE own_operations ADD COLUMN seal TEXT;
        ALTER TABLE own_operations ADD COLUMN chain BLOB;
        ALTER TABLE received_operations ADD COLUMN seal TEXT;
        ALTER TABLE received_operations ADD COLUMN chain BLOB;
        ALTER TABLE this_desk ADD COLUMN chained_to INTEGER NOT NULL DEFAULT 0;
        -- Only for a change made here: an operation sent back to this desk keeps the seal it was made with.
        CREATE TRIGGER own_operations_seal AFTER INSERT ON own_operations
          WHEN NEW.seal IS NULL AND exchange_capturing() AND NEW.entity = 'person' AND (NEW.field = '' OR NEW.field GLOB 'tier[0-2].*')
        BEGIN
          UPDATE own_operations SET seal = '{"s":"' || lower(hex(randomblob(16))) || '"}' WHERE seq = NEW.seq;
        END;
        -- The latest signed head of each other desk's chain whose operations are all held here: what
        -- this desk shows when it passes them on.
        -- The desks a desk held back (migration 19) has heard from since it was: it goes on only once
        -- every active desk has told it how far it holds its operations (exchange-run.ts, endRestoredMark).
        CREATE TABLE exchange_restored_heard (desk INTEGER PRIMARY KEY);
        CREATE TABLE exchange_chain_heads (
          desk INTEGER PRIMARY KEY,
          seq INTEGER NOT NULL,
          hash TEXT NOT NULL,
          signature TEXT NOT NULL
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
  // The capture triggers (migration 11) call functions every connection must have before it writes.
  installOperationCapture(db);
  const pending = [...migrations].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      if ('sql' in migration) db.exec(migration.sql);
      else migration.up(db);
      afterStep?.(migration.version);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  resumeClock(db);
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
