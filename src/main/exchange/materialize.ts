import { FIELD_KEYS, FIELDS, fieldSpec, type FieldKey, type PersonFields } from '../../shared/catalogue';
import type { Db } from '../db/connection';
import { EXCHANGED_TABLES, LOCAL_BOOKKEEPING_COLUMNS, type ExchangedTable } from '../db/migrations';
import { prepared } from '../db/prepared';
import { idsMergedInto, keptRecordOf } from '../people/merged-records';
import { SITE_SETTING_KEYS } from '../services/settings';
import { birthYearOf } from '../people/age';
import { recordHistory, replaceFields, rewriteSearchTerms } from '../people/person-store';
import { SEARCHED_FIELDS } from '../people/search-terms';
import { isProviderColumnValue, isProviderRow } from '../referrals/provider-row';
import { isRecordStatus, statusChangeProblem } from '../../shared/record-status';
import { decodeHlc } from './hybrid-clock';
import { takesReferralRow, takesReferralValue } from './referral-rows';
import { eraseFromLogs, makingOperation, operationValue, type MakingOperation } from './operations';
import { compareOperations, fieldWinner } from './merge';
import { withCapture } from './operation-capture';
import { awaitAccount, settleAwaitingHistory } from './history-awaiting';

const TABLE_OF = new Map(EXCHANGED_TABLES.map((table) => [table.entity, table]));
/** Rows are written in this order, so a row is written after the rows it names when both came together. */
const ENTITY_ORDER = EXCHANGED_TABLES.map((table) => table.entity);

export function exchangedTable(entity: string): ExchangedTable {
  const table = TABLE_OF.get(entity);
  if (!table) throw new Error(`Not an exchanged entity: ${entity}`);
  return table;
}

/** What names a row in SQL: its gid's 16 bytes, or the setting's key. */
function rowKeyValue(table: ExchangedTable, row: string): Buffer | string {
  return table.rowKey === 'gid' ? Buffer.from(row, 'hex') : row;
}

function localId(db: Db, table: ExchangedTable, row: string): number | undefined {
  return prepared<[Buffer | string], number>(db, `SELECT rowid FROM ${table.table} WHERE ${table.rowKey} = ?`)
    .pluck(true)
    .get(rowKeyValue(table, row));
}

/** The local row another desk's row is read as (see exchange_aliases), if any. */
function aliasOf(db: Db, entity: string, row: string): number | undefined {
  return prepared<[string, string], number>(db, 'SELECT local_id FROM exchange_aliases WHERE entity = ? AND row = ?').pluck(true).get(entity, row);
}

const ENTITY_OF_TABLE = new Map(EXCHANGED_TABLES.map((table) => [table.table, table.entity]));
const GID_TEXT = /^[0-9a-f]{32}$/;
/** An account's slot id: an HMAC-SHA256 of its user name, in hex (src/main/vault/key-slots.ts). */
const SLOT_ID = /^[0-9a-f]{64}$/;

const NOT_FOUND = Symbol('not found');

/** A reference's gid as the local integer id of its row; NOT_FOUND when that row has not come yet. */
function localReference(db: Db, target: string, value: unknown): number | null | typeof NOT_FOUND {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !GID_TEXT.test(value)) return NOT_FOUND;
  const local = prepared<[Buffer], number>(db, `SELECT id FROM ${target} WHERE gid = ?`).pluck(true).get(Buffer.from(value, 'hex'));
  return local ?? aliasOf(db, ENTITY_OF_TABLE.get(target) ?? '', value) ?? NOT_FOUND;
}

/** A JSON value as SQLite takes it (booleans as 0 and 1, objects as their JSON). */
function sqlValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

function parseJson(text: string | null | undefined): unknown {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as unknown);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Only the site-wide settings travel; a laptop's own (its backup folder, …) are never written from another desk. */
function travels(table: ExchangedTable, row: string): boolean {
  return table.entity !== 'setting' || SITE_SETTING_KEYS.includes(row);
}

function isJsonText(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

function isConstraintError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * Whether a value another desk sent for a record's field is one this desk records: a catalogue key
 * of that tier, with a value its schema takes (or removed). A desk of another version, or a desk
 * misused, cannot put anything else into a record; every desk judges the same operation the same.
 */
function isCatalogueValue(column: string, key: string, value: unknown): boolean {
  if (!(FIELD_KEYS as readonly string[]).includes(key)) return false;
  const spec = fieldSpec(key as FieldKey);
  if (column !== `tier${spec.tier}`) return false;
  return value === undefined || spec.schema.safeParse(value).success;
}

/**
 * Whether a status row another desk made holds what this desk records: a status of the list, a
 * closing's reason from the list (and no reason otherwise), a day. Its date is not checked
 * against this desk's today: the desk that recorded it did, on its own calendar.
 */
function isStatusChange(values: Record<string, unknown>): boolean {
  const { status, reason, effective_on: effectiveOn } = values;
  if (!isRecordStatus(status) || typeof effectiveOn !== 'string') return false;
  return statusChangeProblem({ status, reason: reason === null || reason === undefined ? undefined : String(reason), effectiveOn }, '9999-12-31') === undefined;
}

interface FieldState {
  field: string;
  hlc: string;
  desk: number;
  seq: number;
}

/**
 * Writes rows as the operations this desk holds say they are: a row that is not here yet is made
 * from the operation that made it, then every field is given the value of the operation that won it
 * (src/main/exchange/merge.ts). Depends only on the operations held, never on the order they came
 * in, so desks that hold the same operations hold the same rows. Nothing written here is recorded
 * as an operation of this desk (the caller runs it without capture).
 */
export class Materializer {
  private readonly people = new Set<number>();
  /** Records whose own row was made or changed here: their name, year of birth and search terms follow. */
  private readonly changedPeople = new Set<number>();
  /** Records made here from another desk's operations, since this materializer was made. */
  readonly madePeople = new Set<number>();
  /** Records that held a record merged into them until a received undo (or another merge) moved it. */
  private readonly formerlyKept = new Set<number>();
  /** Records made here, or whose registration number or a field their search terms are made of changed. */
  private readonly searchChanged = new Set<number>();
  private readonly waiting = new Set<string>();
  /** People given a second current family unit here (written ended for now): settleFamilyUnits decides which is current. */
  private readonly unitsToSettle = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly thisDesk: number,
  ) {}

  /** Writes each row named, in dependency order; returns how many still wait (a row they name has not come). */
  writeRows(rows: ReadonlyArray<{ entity: string; row: string }>): number {
    const ordered = [...rows].sort((a, b) => ENTITY_ORDER.indexOf(a.entity) - ENTITY_ORDER.indexOf(b.entity));
    let pending = ordered;
    // A row may name one that comes later in the same set (a consent and the person it is for, made
    // at two desks): try again while that makes progress.
    for (;;) {
      const still = pending.filter(({ entity, row }) => !this.writeRow(entity, row));
      if (still.length === 0 || still.length === pending.length) {
        pending = still;
        break;
      }
      pending = still;
    }
    this.settleFamilyUnits();
    this.awaitDecisionsOnDisplaced();
    this.finishPeople();
    // Accounts may have come with these rows: history entries that waited for them are written now.
    settleAwaitingHistory(this.db);
    const waitingBefore = new Set(
      prepared<[], { entity: string; row: string }>(this.db, 'SELECT entity, row FROM exchange_waiting').all().map((r) => `${r.entity}\t${r.row}`),
    );
    const stillPending = new Set(pending.map((p) => `${p.entity}\t${p.row}`));
    for (const { entity, row } of rows) {
      const key = `${entity}\t${row}`;
      if (stillPending.has(key)) {
        if (!waitingBefore.has(key)) prepared(this.db, 'INSERT OR IGNORE INTO exchange_waiting (entity, row) VALUES (?, ?)').run(entity, row);
      } else if (waitingBefore.has(key)) {
        prepared(this.db, 'DELETE FROM exchange_waiting WHERE entity = ? AND row = ?').run(entity, row);
      }
    }
    return prepared<[], number>(this.db, 'SELECT count(*) FROM exchange_waiting').pluck(true).get() ?? 0;
  }

  /** Rows that could not be written before: tried again whenever operations arrive. */
  waitingRows(): Array<{ entity: string; row: string }> {
    return prepared<[], { entity: string; row: string }>(this.db, 'SELECT entity, row FROM exchange_waiting').all();
  }

  /** True when the row is written whole; false when it waits for a row or an operation not yet here. */
  private writeRow(entity: string, row: string): boolean {
    const table = exchangedTable(entity);
    if (!travels(table, row) || (table.rowKey === 'gid' && !GID_TEXT.test(row))) return true;
    // Read as this desk's own row of the same user name: that row's fields stay this desk's.
    if (aliasOf(this.db, entity, row) !== undefined) return true;
    let id = localId(this.db, table, row);
    if (id === undefined) {
      const made = this.makeRow(table, row);
      if (made === undefined) return false;
      id = made;
      if (entity === 'person') {
        this.changedPeople.add(id);
        this.searchChanged.add(id);
        this.madePeople.add(id);
      }
    }
    const complete = this.writeFields(table, row, id);
    if (entity === 'person') this.people.add(id);
    if (entity === 'consent' || entity === 'family_membership') {
      const person = prepared<[number], number>(this.db, `SELECT person_id FROM ${table.table} WHERE id = ?`).pluck(true).get(id);
      if (person !== undefined) this.people.add(person);
    }
    return complete;
  }

  private makeRow(table: ExchangedTable, row: string): number | undefined {
    const making = makingOperation(this.db, this.thisDesk, table.entity, row);
    if (!making) return undefined;
    const values = parseJson(making.value);
    if (!isObject(values) || !this.takes(table, values)) return undefined;
    if (table.entity === 'account') {
      // The same user name made at two desks before they exchanged: one person's account, one row
      // here (its slot is found by the name). The other desk's records name it through the alias.
      const sameName = prepared<[string], number>(this.db, 'SELECT id FROM accounts WHERE slot_id = ?').pluck(true).get(String(values.slot_id));
      if (sameName !== undefined) {
        prepared(this.db, 'INSERT OR IGNORE INTO exchange_aliases (entity, row, local_id) VALUES (?, ?, ?)').run(table.entity, row, sameName);
        return sameName;
      }
    }
    const columns: string[] = [table.rowKey];
    const parameters: Array<string | number | null | Buffer> = [rowKeyValue(table, row)];
    for (const column of table.columns) {
      // A column added after the row was made there (an account's password_change_due) takes its default.
      if (!(column in values)) continue;
      const target = table.references[column];
      const value = target ? localReference(this.db, target, values[column]) : sqlValue(values[column]);
      if (value === NOT_FOUND) return undefined;
      columns.push(column);
      parameters.push(value);
    }
    for (const column of table.objects) {
      const object = isObject(values[column]) ? values[column] : {};
      columns.push(column);
      parameters.push(JSON.stringify(Object.fromEntries(Object.entries(object).filter(([key, value]) => isCatalogueValue(column, key, value)))));
    }
    // Derived again from the tiers once the row is written (finishPeople).
    if (table.entity === 'person') columns.push('chosen_name');
    if (table.entity === 'person') parameters.push('');
    const insert = (names: readonly string[], given: ReadonlyArray<string | number | null | Buffer>) =>
      Number(prepared(this.db, `INSERT INTO ${table.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...given).lastInsertRowid);
    try {
      // A savepoint: a row another desk made that this one cannot take (a desk number given twice)
      // waits, and the bundle still applies.
      return this.db.transaction(() => insert(columns, parameters))();
    } catch (error) {
      if (!isConstraintError(error)) throw error;
      if (table.entity !== 'family_membership') return undefined;
    }
    // A second current family unit for the person (two desks placed them at once): written ended
    // for now; settleFamilyUnits decides, as every desk does, which one is current.
    const ended = columns.includes('left_at') ? [...columns] : [...columns, 'left_at'];
    const given = [...parameters, ...(columns.includes('left_at') ? [] : [null])];
    given[ended.indexOf('left_at')] = parameters[columns.indexOf('joined_at')] ?? null;
    try {
      const id = this.db.transaction(() => insert(ended, given))();
      this.unitsToSettle.add(Number(parameters[columns.indexOf('person_id')]));
      return id;
    } catch (error) {
      if (isConstraintError(error)) return undefined;
      throw error;
    }
  }

  /**
   * Which of a person's family memberships is current, decided from the operations alone, so every
   * desk decides alike whatever order rows came in: of the memberships no operation has ended, the
   * one made last (hybrid clock time, then desk) is current. Each other one is ended the moment it
   * began (its own joined_at, a value that does not depend on which membership displaced it), and
   * that end is recorded as this desk's operation, the same value at every desk that makes it, so a
   * later end of the current membership never brings the displaced one back.
   */
  private settleFamilyUnits(): void {
    for (const person of this.unitsToSettle) {
      const memberships = prepared<[number], { id: number; gid: string; joined_at: string; left_at: string | null }>(
        this.db,
        'SELECT id, lower(hex(gid)) AS gid, joined_at, left_at FROM family_memberships WHERE person_id = ?',
      )
        .all(person)
        .flatMap((membership) => {
          const making = makingOperation(this.db, this.thisDesk, 'family_membership', membership.gid);
          return making ? [{ ...membership, made: { ...making, version: 0 }, end: this.operationsEnd(membership.gid, making) }] : [];
        });
      const current = memberships
        .filter((membership) => membership.end === null)
        .reduce<(typeof memberships)[number] | undefined>((last, membership) => (!last || compareOperations(membership.made, last.made) > 0 ? membership : last), undefined);
      const setEnd = prepared(this.db, 'UPDATE family_memberships SET left_at = ? WHERE id = ?');
      this.db.transaction(() => {
        // Ends first: the one-current-unit index must hold after each statement.
        for (const membership of memberships) {
          if (membership === current) continue;
          if (membership.end === null) {
            // A membership written ended for now (writeRow) already holds that end, and the capture
            // records only a change: it is first given another end, unrecorded, so that this
            // desk's end of it is recorded here too, as at a desk where it was current.
            if (membership.left_at === membership.joined_at) setEnd.run(`${membership.joined_at} (settling)`, membership.id);
            withCapture(this.db, () => setEnd.run(membership.joined_at, membership.id));
          } else if (membership.left_at !== membership.end) setEnd.run(membership.end, membership.id);
        }
        if (current && current.left_at !== null) setEnd.run(null, current.id);
      })();
    }
  }

  /**
   * Two desks placed a person in a unit before either saw the other's placement (a person in no
   * unit linked to two units): the rule keeps the later one (settleFamilyUnits), and the person's
   * family placement waits for a protection officer's decision (DECIDED_FIELDS), as when two desks
   * ended the same membership. Read from the operations, so every desk says so, whether it settled
   * the two itself or received another desk's settling: a membership whose winning end is a
   * settling's (its end is its start, and nobody changed it since: version 1). The conflict is that
   * end, kept, against the membership as it was made. Not for a move (the placement ended another
   * membership of the person at the moment it began: two desks that moved the person both ended
   * that one, and its conflict is the one decided), not while another of the person's memberships
   * waits, nor twice. Deciding records a later change of the end, which settles it at every desk.
   */
  private awaitDecisionsOnDisplaced(): void {
    for (const person of this.people) {
      const waiting = prepared<[number], number>(
        this.db,
        `SELECT count(*) FROM exchange_conflicts WHERE resolved_at IS NULL AND entity = 'family_membership' AND field = 'left_at'
           AND row IN (SELECT lower(hex(gid)) FROM family_memberships WHERE person_id = ?)`,
      )
        .pluck(true)
        .get(person);
      if ((waiting ?? 0) > 0) continue;
      const memberships = prepared<[number], { gid: string; joined_at: string; left_at: string | null }>(
        this.db,
        'SELECT lower(hex(gid)) AS gid, joined_at, left_at FROM family_memberships WHERE person_id = ?',
      ).all(person);
      // Ended, by any desk, at the moment the placement began: the placement was a move.
      const endedAt = prepared<[string, string, string, string], number>(
        this.db,
        `SELECT 1 FROM own_operations WHERE entity = 'family_membership' AND row = ? AND field = 'left_at' AND value = ?
         UNION ALL SELECT 1 FROM received_operations WHERE entity = 'family_membership' AND row = ? AND field = 'left_at' AND value = ? LIMIT 1`,
      ).pluck(true);
      const moved = (placement: (typeof memberships)[number]) =>
        memberships.some(({ gid }) => gid !== placement.gid && endedAt.get(gid, JSON.stringify(placement.joined_at), gid, JSON.stringify(placement.joined_at)) !== undefined);
      for (const membership of memberships) {
        const { gid } = membership;
        if (membership.left_at !== membership.joined_at || moved(membership)) continue;
        const end = fieldWinner(this.db, 'family_membership', gid, 'left_at');
        const made = makingOperation(this.db, this.thisDesk, 'family_membership', gid);
        if (!end || end.version !== 1 || !made) continue;
        prepared(
          this.db,
          `INSERT OR IGNORE INTO exchange_conflicts (entity, row, field, kept_desk, kept_seq, other_desk, other_seq, found_at)
           VALUES ('family_membership', ?, 'left_at', ?, ?, ?, ?, ?)`,
        ).run(gid, end.desk, end.seq, made.desk, made.seq, new Date().toISOString());
        break;
      }
    }
  }

  /** When the operations end a membership: the winning change of its end, else the operation that made it. */
  private operationsEnd(gid: string, making: MakingOperation): string | null {
    const source = fieldWinner(this.db, 'family_membership', gid, 'left_at') ?? making;
    const value = parseJson(operationValue(this.db, this.thisDesk, source.desk, source.seq, 'left_at') ?? 'null');
    return typeof value === 'string' ? value : null;
  }

  /**
   * Whether a row another desk made is one this desk takes: an account's slot id of the account
   * form (never the recovery slot's), a site setting whose value is JSON, a directory entry whose
   * codes are known (src/main/referrals/provider-row.ts).
   */
  private takes(table: ExchangedTable, values: Record<string, unknown>): boolean {
    if (table.entity === 'account') return typeof values.slot_id === 'string' && SLOT_ID.test(values.slot_id);
    if (table.entity === 'setting') return isJsonText(values.value);
    if (table.entity === 'provider') return isProviderRow(values);
    if (table.entity === 'record_status') return isStatusChange(values);
    return takesReferralRow(table.entity, values);
  }

  /** Gives every field changed since the row was made the value that won it; false if a reference has not come. */
  private writeFields(table: ExchangedTable, row: string, id: number): boolean {
    const states = prepared<[string, string], FieldState>(this.db, 'SELECT field, hlc, desk, seq FROM field_versions WHERE entity = ? AND row = ?').all(
      table.entity,
      row,
    );
    if (states.length === 0) return true;
    const current = prepared<[number], Record<string, unknown>>(this.db, `SELECT * FROM ${table.table} WHERE rowid = ?`).get(id);
    if (!current) return false;
    let complete = true;
    const sets = new Map<string, string | number | null>();
    const objects = new Map<string, Record<string, unknown>>();
    const bookkeeping = LOCAL_BOOKKEEPING_COLUMNS[table.table];
    let lastChanged = '';
    for (const state of states) {
      // Desks before migration 12 still send it: each desk keeps its own (below).
      if (state.field === bookkeeping) continue;
      if (state.hlc > lastChanged) lastChanged = state.hlc;
      const text = operationValue(this.db, this.thisDesk, state.desk, state.seq, state.field);
      // A winner whose operation this desk does not hold (never the case but for damage): left as is.
      if (text === undefined) continue;
      const value = parseJson(text);
      const dot = state.field.indexOf('.');
      if (dot > 0) {
        const column = state.field.slice(0, dot);
        const key = state.field.slice(dot + 1);
        if (!table.objects.includes(column) || !isCatalogueValue(column, key, value)) continue;
        const object = objects.get(column) ?? (parseJson(current[column] as string) as Record<string, unknown>);
        if (value === undefined) delete object[key];
        else object[key] = value;
        objects.set(column, object);
      } else if (table.columns.includes(state.field)) {
        if (table.entity === 'account' && state.field === 'slot_id' && !(typeof value === 'string' && SLOT_ID.test(value))) continue;
        if (table.entity === 'account' && state.field === 'password_change_due' && value !== 0 && value !== 1) continue;
        if (table.entity === 'setting' && !isJsonText(value)) continue;
        if (table.entity === 'provider' && !isProviderColumnValue(state.field, value)) continue;
        if (!takesReferralValue(table.entity, state.field, value)) continue;
        // A status row is never changed where it was made; a change that would make it one this desk refuses is left out.
        if (table.entity === 'record_status' && !isStatusChange({ ...current, [state.field]: value })) continue;
        const target = table.references[state.field];
        const local = target ? localReference(this.db, target, value) : sqlValue(value);
        if (local === NOT_FOUND) complete = false;
        else sets.set(state.field, local);
      }
    }
    for (const [column, object] of objects) sets.set(column, JSON.stringify(object));
    const changed = [...sets].filter(([column, value]) => current[column] !== value);
    if (changed.length > 0 && bookkeeping !== undefined) {
      // When this desk last saw the row change: the latest change it holds, never earlier than before.
      const at = new Date(decodeHlc(lastChanged).wall).toISOString();
      if (at > String(current[bookkeeping])) changed.push([bookkeeping, at]);
    }
    if (changed.length > 0) {
      const update = () =>
        prepared(this.db, `UPDATE ${table.table} SET ${changed.map(([column]) => `${column} = ?`).join(', ')} WHERE rowid = ?`).run(
          ...changed.map(([, value]) => value),
          id,
        );
      try {
        // A savepoint: a value this database's rules refuse waits.
        this.db.transaction(update)();
      } catch (error) {
        if (!isConstraintError(error)) throw error;
        if (table.entity !== 'family_membership') return false;
        // A membership made current again (an undone merge) beside one another desk made: written
        // ended for now, and settleFamilyUnits decides which is current.
        const ended = changed.filter(([column]) => column !== 'left_at');
        ended.push(['left_at', String(sets.get('joined_at') ?? current.joined_at)]);
        try {
          this.db.transaction(() =>
            prepared(this.db, `UPDATE family_memberships SET ${ended.map(([column]) => `${column} = ?`).join(', ')} WHERE rowid = ?`).run(...ended.map(([, value]) => value), id),
          )();
        } catch (retry) {
          if (isConstraintError(retry)) return false;
          throw retry;
        }
        this.unitsToSettle.add(Number(sets.get('person_id') ?? current.person_id));
      }
      if (table.entity === 'person') {
        const changedKeys = this.recordPersonHistory(id, current, objects, states);
        if (sets.has('registration_number') && sets.get('registration_number') !== current.registration_number) this.searchChanged.add(id);
        // A merge or its undo moves the record's terms to the record kept, or back (writeSearchTerms).
        if (sets.has('merged_into') && sets.get('merged_into') !== current.merged_into) {
          this.searchChanged.add(id);
          if (typeof current.merged_into === 'number') this.formerlyKept.add(current.merged_into);
        }
        if (changedKeys.some((key) => SEARCHED_FIELDS.has(key))) this.searchChanged.add(id);
        this.changedPeople.add(id);
      }
    }
    return complete;
  }

  /** Each field a received change gave another value, in the record's history, as the account that made it. */
  private recordPersonHistory(id: number, current: Record<string, unknown>, objects: Map<string, Record<string, unknown>>, states: FieldState[]): FieldKey[] {
    const changed: FieldKey[] = [];
    const beforeOf = new Map<string, Record<string, unknown>>();
    for (const key of FIELD_KEYS) {
      const column = `tier${FIELDS[key].tier}`;
      const after = objects.get(column);
      if (!after) continue;
      let tier = beforeOf.get(column);
      if (!tier) beforeOf.set(column, (tier = parseJson(current[column] as string) as Record<string, unknown>));
      const before = tier[key];
      if (JSON.stringify(before) === JSON.stringify(after[key])) continue;
      changed.push(key);
      const state = states.find((s) => s.field === `${column}.${key}`);
      if (!state) continue;
      const accountGid = this.accountGidOf(state);
      // A change no account made (the exchange's own) has no entry.
      if (!accountGid) continue;
      const at = new Date(decodeHlc(state.hlc).wall).toISOString();
      const account =
        prepared<[Buffer], number>(this.db, 'SELECT id FROM accounts WHERE gid = ?').pluck(true).get(Buffer.from(accountGid, 'hex')) ?? aliasOf(this.db, 'account', accountGid);
      if (account === undefined) {
        // Made by an account not yet received here: the entry waits for it (history-awaiting.ts).
        const gid = prepared<[number], string>(this.db, 'SELECT lower(hex(gid)) FROM people WHERE id = ?').pluck(true).get(id);
        if (gid) awaitAccount(this.db, { personGid: gid, field: key, tier: FIELDS[key].tier, at, accountGid, oldValue: before, newValue: after[key] });
        continue;
      }
      recordHistory(this.db, { personId: id, field: key, at, by: account, oldValue: before, newValue: after[key] });
    }
    return changed;
  }

  /** The global id (hex) of the account that made the change, if an account made it. */
  private accountGidOf(state: FieldState): string | undefined {
    const gid =
      state.desk === this.thisDesk
        ? prepared<[number], string | null>(this.db, 'SELECT account FROM own_operations WHERE seq = ?').pluck(true).get(state.seq)
        : prepared<[number, number], string | null>(this.db, 'SELECT account FROM received_operations WHERE desk = ? AND seq = ?').pluck(true).get(state.desk, state.seq);
    return gid ?? undefined;
  }

  /**
   * For each record touched: the fields a withdrawn consent covers are erased (history included)
   * when their value was given under that consent, whichever desk gave it and whenever it arrived;
   * the name and year of birth are derived again; the search terms are written anew.
   */
  private finishPeople(): void {
    for (const id of this.people) {
      const row = prepared<[number], { gid: Buffer; registration_number: string; updated_at: string; tier0: string; tier1: string; tier2: string }>(
        this.db,
        'SELECT gid, registration_number, updated_at, tier0, tier1, tier2 FROM people WHERE id = ?',
      ).get(id);
      if (!row) continue;
      const fields = { ...JSON.parse(row.tier0), ...JSON.parse(row.tier1), ...JSON.parse(row.tier2) } as PersonFields;
      const gid = row.gid.toString('hex');
      // Most records have no withdrawn consent: nothing to erase, nothing to scrub from the logs.
      const withdrawn = prepared<[number], number>(this.db, 'SELECT 1 FROM consents WHERE person_id = ? AND withdrawn_at IS NOT NULL LIMIT 1')
        .pluck(true)
        .get(id);
      const erased = withdrawn === undefined ? [] : this.erasedByConsent(id, gid, fields);
      for (const key of erased) delete fields[key];
      if (withdrawn !== undefined) {
        // The record's own logs and those of the records merged into it, as a withdrawal made here does (people-service.ts).
        const covered = this.withdrawnFields(id);
        for (const merged of [id, ...idsMergedInto(this.db, id)]) {
          const mergedGid = merged === id ? gid : prepared<[number], string>(this.db, 'SELECT lower(hex(gid)) FROM people WHERE id = ?').pluck(true).get(merged);
          if (mergedGid) eraseFromLogs(this.db, mergedGid, covered, new Date().toISOString());
        }
      }
      if (erased.length > 0) {
        prepared(this.db, `UPDATE person_history SET old_value = NULL, new_value = NULL, erased = 1 WHERE person_id = ? AND field IN (${erased.map(() => '?').join(', ')})`).run(
          id,
          ...erased,
        );
      }
      // Rewriting a record and its search terms is most of what applying costs: only when it changed,
      // and its terms only when what they are made of changed (most fields are not searched).
      if (erased.length === 0 && !this.changedPeople.has(id)) continue;
      if (erased.length === 0 && !this.searchChanged.has(id)) {
        prepared(this.db, 'UPDATE people SET chosen_name = ?, birth_year = ? WHERE id = ? AND (chosen_name IS NOT ? OR birth_year IS NOT ?)').run(
          fields.chosenName ?? '',
          birthYearOf(fields.birth) ?? null,
          id,
          fields.chosenName ?? '',
          birthYearOf(fields.birth) ?? null,
        );
        continue;
      }
      replaceFields(this.db, id, row.registration_number, fields, row.updated_at);
      const kept = keptRecordOf(this.db, id);
      if (kept !== id) rewriteSearchTerms(this.db, kept);
    }
    this.people.clear();
    for (const id of this.formerlyKept) rewriteSearchTerms(this.db, keptRecordOf(this.db, id));
    this.changedPeople.clear();
    this.searchChanged.clear();
    this.formerlyKept.clear();
  }

  /** Every field a consent covers that the record has withdrawn and not given again: none of their values may be kept anywhere. */
  private withdrawnFields(id: number): Array<{ key: FieldKey; tier: number }> {
    const purposes = prepared<[number], string>(
      this.db,
      `SELECT DISTINCT purpose FROM consents c WHERE person_id = ? AND withdrawn_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM consents s WHERE s.person_id = c.person_id AND s.purpose = c.purpose AND s.withdrawn_at IS NULL)`,
    )
      .pluck(true)
      .all(id);
    return FIELD_KEYS.filter((key) => purposes.includes(fieldSpec(key).consent ?? '')).map((key) => ({ key, tier: FIELDS[key].tier }));
  }

  /** The keys whose value was given under a consent withdrawn since, with no consent given again before it. */
  private erasedByConsent(id: number, gid: string, fields: PersonFields): FieldKey[] {
    const consents = prepared<[number], { gid: Buffer; purpose: string; withdrawn_at: string | null }>(
      this.db,
      'SELECT gid, purpose, withdrawn_at FROM consents WHERE person_id = ?',
    )
      .all(id)
      .map((consent) => ({ ...consent, madeAt: makingOperation(this.db, this.thisDesk, 'consent', consent.gid.toString('hex'))?.hlc ?? '' }));
    const erased: FieldKey[] = [];
    for (const key of FIELD_KEYS) {
      const purpose = fieldSpec(key).consent;
      if (!purpose || fields[key] === undefined) continue;
      const field = `tier${FIELDS[key].tier}.${key}`;
      const givenAt =
        prepared<[string, string], string>(this.db, "SELECT hlc FROM field_versions WHERE entity = 'person' AND row = ? AND field = ?").pluck(true).get(gid, field) ??
        makingOperation(this.db, this.thisDesk, 'person', gid)?.hlc ??
        '';
      const under = consents.filter((consent) => consent.purpose === purpose && consent.madeAt <= givenAt);
      if (under.some((consent) => consent.withdrawn_at !== null) && !under.some((consent) => consent.withdrawn_at === null)) erased.push(key);
    }
    return erased;
  }
}
