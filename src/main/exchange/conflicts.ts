import { FIELD_KEYS, FIELDS, TIER_RIGHTS, fieldSpec, mayWrite, type FieldKey, type PersonFields, type Tier } from '../../shared/catalogue';
import { DECIDED_FIELDS, decisionSubject, isFamilyEntity, isReferralEntity, mayUseOtherValue, reviewsConflictOf, type DecisionSubject } from '../../shared/exchange-conflicts';
import { AppError } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { readableTiers, type ViewMode } from '../people/redaction';
import { recordHistory, replaceFields } from '../people/person-store';
import { exchangedTable } from './materialize';
import { operationValue } from './operations';
import { fieldWinner } from './merge';
import { thisDeskNumber } from './this-desk';

export interface ConflictView {
  id: number;
  entity: string;
  /** The column, or the catalogue key of a person's field. */
  field: string;
  registrationNumber?: string;
  personId?: number;
  /** The value the merge rule kept and the one it did not; absent when the reader may not see them. */
  keptValue?: unknown;
  otherValue?: unknown;
  hidden: boolean;
  /** What a person must decide (a chosen name, a place in a family unit); absent for any other conflict. */
  awaitsDecision?: DecisionSubject;
  keptDesk: number;
  otherDesk: number;
  foundAt: string;
  resolvedAt: string | null;
}

interface ConflictRow {
  id: number;
  entity: string;
  row: string;
  field: string;
  kept_desk: number;
  kept_seq: number;
  other_desk: number;
  other_seq: number;
  found_at: string;
  resolved_at: string | null;
}

/** A person's field named in an operation ("tier2.genderIdentity") as its catalogue key and tier. */
function personField(field: string): { key: FieldKey; tier: Tier } | undefined {
  const dot = field.indexOf('.');
  const key = field.slice(dot + 1) as FieldKey;
  return dot > 0 && FIELD_KEYS.includes(key) ? { key, tier: FIELDS[key].tier } : undefined;
}

/**
 * Who is told of a conflict: of a person's field, a role that works with the field's tier (a
 * supervisor is not told which sensitive fields hold something, as on the record); of a service
 * directory entry, its keepers (supervisors and protection officers); of a referral or a family
 * unit, a protection officer; of anything else (settings, accounts, the catalogue, desks), a
 * supervisor. The one rule for the list, the count and the settling.
 */
function listedFor(row: Pick<ConflictRow, 'entity' | 'field'>, role: Role): boolean {
  // A record's status is tier 0: reviewed like a person's tier-0 field.
  if (row.entity === 'record_status') return TIER_RIGHTS[role].read.includes(0);
  if (row.entity !== 'person') return reviewsConflictOf(row.entity, role);
  const field = personField(row.field);
  if (!field) return role === 'supervisor';
  const rights = TIER_RIGHTS[role];
  return rights.read.includes(field.tier) || rights.writeOnRegister.includes(field.tier);
}

/** Whether the reader sees a conflict's two values: the field's tier for a person, tier 2 for a referral (its reason), tier 1 for a family unit, else its reviewers. */
function valuesVisible(entity: string, field: { tier: Tier } | undefined, role: Role, tiers: readonly Tier[]): boolean {
  if (entity === 'person') return field !== undefined && tiers.includes(field.tier);
  if (entity === 'record_status') return tiers.includes(0);
  if (isReferralEntity(entity)) return role === 'protection' && tiers.includes(2);
  // A family unit's relationships are hidden on the restricted screen, as on the record.
  if (isFamilyEntity(entity)) return role === 'protection' && tiers.includes(1);
  return reviewsConflictOf(entity, role);
}

function parse(text: string | null | undefined): unknown {
  return text === null || text === undefined ? null : (JSON.parse(text) as unknown);
}

export function listConflicts(db: Db, role: Role, mode: ViewMode, options: { open: boolean }): ConflictView[] {
  const thisDesk = thisDeskNumber(db);
  // What waits for a person's decision comes first, before the list is cut to its newest 500.
  const decided = DECIDED_FIELDS.map(() => '(entity = ? AND field = ?)').join(' OR ');
  const rows = prepared<(string | number)[], ConflictRow>(
    db,
    `SELECT id, entity, row, field, kept_desk, kept_seq, other_desk, other_seq, found_at, resolved_at
       FROM exchange_conflicts WHERE (? = 0 OR resolved_at IS NULL) ORDER BY (${decided}) DESC, id DESC LIMIT 500`,
  ).all(options.open ? 1 : 0, ...DECIDED_FIELDS.flatMap(({ entity, field }) => [entity, field]));
  const tiers = readableTiers(role, mode);
  return rows
    .filter((row) => listedFor(row, role))
    .map((row) => {
      const field = row.entity === 'person' ? personField(row.field) : undefined;
      const person = personOfConflict(db, row);
      const visible = valuesVisible(row.entity, field, role, tiers);
      const subject = decisionSubject(row.entity, row.field);
      return {
        id: row.id,
        entity: row.entity,
        field: field?.key ?? row.field,
        ...(person ? { personId: person.id, registrationNumber: person.registration_number } : {}),
        ...(visible
          ? {
              keptValue: parse(operationValue(db, thisDesk, row.kept_desk, row.kept_seq, row.field)),
              otherValue: parse(operationValue(db, thisDesk, row.other_desk, row.other_seq, row.field)),
            }
          : {}),
        hidden: !visible,
        ...(subject ? { awaitsDecision: subject } : {}),
        keptDesk: row.kept_desk,
        otherDesk: row.other_desk,
        foundAt: row.found_at,
        resolvedAt: row.resolved_at,
      };
    });
}

/** The person a conflict is about, if it is about one: a field of theirs, their record's status, or their place in a family unit. */
function personOfConflict(db: Db, row: Pick<ConflictRow, 'entity' | 'row'>): { id: number; registration_number: string } | undefined {
  const through: Readonly<Record<string, string>> = {
    person: 'SELECT id, registration_number FROM people WHERE gid = ?',
    record_status: 'SELECT p.id, p.registration_number FROM record_statuses s JOIN people p ON p.id = s.person_id WHERE s.gid = ?',
    family_membership: 'SELECT p.id, p.registration_number FROM family_memberships m JOIN people p ON p.id = m.person_id WHERE m.gid = ?',
  };
  const sql = through[row.entity];
  return sql ? prepared<[Buffer], { id: number; registration_number: string }>(db, sql).get(Buffer.from(row.row, 'hex')) : undefined;
}

/**
 * The open conflicts over a person's record that wait for a decision, for a reader who is told of
 * them: what the record says is awaited, and which conflict settles it.
 */
export function decisionsAwaitedFor(db: Db, personId: number, role: Role, mode: ViewMode): { conflictId: number; about: DecisionSubject }[] {
  // On the restricted screen, that a person's family placement changed is not said either.
  const readsFamily = readableTiers(role, mode).includes(1);
  const rows = prepared<[number, number], Pick<ConflictRow, 'id' | 'entity' | 'field'>>(
    db,
    `SELECT c.id, c.entity, c.field FROM exchange_conflicts c
      WHERE c.resolved_at IS NULL AND (
        (c.entity = 'person' AND c.row = (SELECT lower(hex(gid)) FROM people WHERE id = ?))
        OR (c.entity = 'family_membership' AND c.row IN (SELECT lower(hex(gid)) FROM family_memberships WHERE person_id = ?)))
      ORDER BY c.id`,
  ).all(personId, personId);
  return rows.flatMap((row) => {
    const about = decisionSubject(row.entity, row.field);
    return about && listedFor(row, role) && (about !== 'family' || readsFamily) ? [{ conflictId: row.id, about }] : [];
  });
}

/**
 * How many open conflicts `role` is told of, by the rule the list follows, without reading their
 * values (the home screen asks at every load), and how many of them wait for a decision. Counted in
 * full: the list shows the newest 500.
 */
export function countOpenConflicts(db: Db, role: Role): number {
  return openConflictCounts(db, role).open;
}

function openConflictCounts(db: Db, role: Role): { open: number; awaitingDecision: number } {
  const counted = { open: 0, awaitingDecision: 0 };
  const places = prepared<[], { entity: string; field: string; count: number }>(
    db,
    'SELECT entity, field, count(*) AS count FROM exchange_conflicts WHERE resolved_at IS NULL GROUP BY entity, field',
  ).all();
  for (const place of places) {
    if (!listedFor(place, role)) continue;
    counted.open += place.count;
    if (decisionSubject(place.entity, place.field)) counted.awaitingDecision += place.count;
  }
  return counted;
}

/**
 * Settles a conflict: keeping the value the rule kept marks it reviewed; choosing the other value
 * writes it as a new change of this desk (a higher version, so every desk takes it at the next
 * exchange), recorded in the record's history like any change.
 */
export function resolveConflict(
  db: Db,
  actor: { id: number; role: Role },
  mode: ViewMode,
  id: number,
  choose: 'kept' | 'other',
  now: Date,
): { entity: string; field: string; personId?: number; registrationNumber?: string } {
  const row = prepared<[number], ConflictRow>(
    db,
    'SELECT id, entity, row, field, kept_desk, kept_seq, other_desk, other_seq, found_at, resolved_at FROM exchange_conflicts WHERE id = ?',
  ).get(id);
  if (!row || !listedFor(row, actor.role)) throw new AppError('not_found');
  if (row.resolved_at !== null) throw new AppError('conflict_already_resolved');
  const view = listConflicts(db, actor.role, mode, { open: true }).find((c) => c.id === id);
  const field = row.entity === 'person' ? personField(row.field) : undefined;
  const allowed =
    row.entity === 'person'
      ? field !== undefined && mayWrite(actor.role, field.tier, 'update') && !view?.hidden
      : row.entity === 'record_status'
        ? mayWrite(actor.role, 0, 'update')
        : reviewsConflictOf(row.entity, actor.role);
  if (!allowed) {
    throw new AppError('forbidden');
  }
  const at = now.toISOString();
  if (choose === 'other' && !mayUseOtherValue(row.entity, row.field)) throw new AppError('conflict_keep_only');
  if (choose === 'other' && field) {
    // As on the record: a field under consent is recorded only while the person's consent stands.
    const purpose = fieldSpec(field.key).consent;
    const standing =
      !purpose ||
      prepared<[Buffer, string], number>(
        db,
        'SELECT count(*) FROM consents c JOIN people p ON p.id = c.person_id WHERE p.gid = ? AND c.purpose = ? AND c.withdrawn_at IS NULL',
      )
        .pluck(true)
        .get(Buffer.from(row.row, 'hex'), purpose) !== 0;
    if (!standing) throw new AppError('consent_required', { field: field.key, purpose: purpose ?? '' });
  }
  if (choose === 'other') writeValue(db, row, parse(operationValue(db, thisDeskNumber(db), row.other_desk, row.other_seq, row.field)), actor.id, at);
  else if (decisionSubject(row.entity, row.field)) recordKeptAsDecision(db, row);
  prepared(db, 'UPDATE exchange_conflicts SET resolved_at = ?, resolved_by = ? WHERE id = ?').run(at, actor.id, id);
  return {
    entity: row.entity,
    field: view?.field ?? row.field,
    ...(view?.personId !== undefined ? { personId: view.personId } : {}),
    ...(view?.registrationNumber ? { registrationNumber: view.registrationNumber } : {}),
  };
}

/**
 * A decision to keep the value the record holds, recorded as this desk's own new change of the
 * field with that value (the value is already held, so no trigger would record it): it travels, and
 * at every desk it is a change made after the conflict, which settles it there (merge.ts). The value
 * is the field's winner now, not the conflict's kept one: with three desks, an older conflict may
 * have kept a value a later one displaced, and keeping must never change what the record shows.
 */
function recordKeptAsDecision(db: Db, row: ConflictRow): void {
  const winner = fieldWinner(db, row.entity, row.row, row.field);
  const value = winner ? operationValue(db, thisDeskNumber(db), winner.desk, winner.seq, row.field) : undefined;
  prepared(
    db,
    `INSERT INTO own_operations (hlc, account, entity, row, field, version, value)
     VALUES (exchange_hlc(), exchange_actor(), ?, ?, ?, 1 + coalesce((SELECT version FROM field_versions WHERE entity = ? AND row = ? AND field = ?), 0), ?)`,
  ).run(row.entity, row.row, row.field, row.entity, row.row, row.field, value ?? null);
}

/** Writes one field as this desk's own change (the capture triggers record it with the next version). */
function writeValue(db: Db, row: ConflictRow, value: unknown, accountId: number, at: string): void {
  const table = exchangedTable(row.entity);
  const where = table.rowKey === 'gid' ? Buffer.from(row.row, 'hex') : row.row;
  const person = row.entity === 'person' ? personField(row.field) : undefined;
  if (person) {
    const stored = prepared<[Buffer | string], { id: number; registration_number: string; tier0: string; tier1: string; tier2: string }>(
      db,
      'SELECT id, registration_number, tier0, tier1, tier2 FROM people WHERE gid = ?',
    ).get(where);
    if (!stored) throw new AppError('not_found');
    const fields = { ...JSON.parse(stored.tier0), ...JSON.parse(stored.tier1), ...JSON.parse(stored.tier2) } as PersonFields;
    const before = fields[person.key];
    const next = { ...fields, [person.key]: value === null ? undefined : value } as PersonFields;
    if (value === null) delete next[person.key];
    replaceFields(db, stored.id, stored.registration_number, next, at);
    recordHistory(db, { personId: stored.id, field: person.key, at, by: accountId, oldValue: before, newValue: value === null ? undefined : value });
    return;
  }
  if (!table.columns.includes(row.field) || table.references[row.field]) throw new AppError('not_found');
  prepared(db, `UPDATE ${table.table} SET ${row.field} = ? WHERE ${table.rowKey} = ?`).run(
    typeof value === 'boolean' ? (value ? 1 : 0) : typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as string | number | null),
    where,
  );
}

export interface ExchangeStatus {
  /** When this desk last wrote or applied a bundle; null if it never has. */
  lastExchangeAt: string | null;
  desks: Array<{ number: number; thisDesk: boolean; lastBundleAt: string | null; appliedSeq: number; acknowledgedSeq: number }>;
  openConflicts: number;
  /** Of the open conflicts, those that wait for a person's decision (a chosen name, a family unit). */
  awaitingDecision: number;
  waiting: number;
}

/** What the home screen and the Exchange screen show of the exchange, for any signed-in role. */
export function exchangeStatus(db: Db, role: Role): ExchangeStatus {
  const lastExchangeAt =
    prepared<[], string | null>(db, "SELECT max(at) FROM audit_log WHERE action IN ('exchange-write', 'exchange-apply')").pluck(true).get() ?? null;
  const desks = prepared<[], { number: number; thisDesk: number; lastBundleAt: string | null; appliedSeq: number; acknowledgedSeq: number }>(
    db,
    `SELECT d.number, EXISTS (SELECT 1 FROM this_desk t WHERE t.desk_gid = d.gid) AS thisDesk, e.last_bundle_at AS lastBundleAt,
            coalesce(e.applied_seq, 0) AS appliedSeq, coalesce(e.acknowledged_seq, 0) AS acknowledgedSeq
       FROM desks d LEFT JOIN exchange_desks e ON e.desk = d.number ORDER BY d.number`,
  )
    .all()
    .map((desk) => ({ ...desk, thisDesk: desk.thisDesk === 1 }));
  const { open: openConflicts, awaitingDecision } = role === 'clerk' ? { open: 0, awaitingDecision: 0 } : openConflictCounts(db, role);
  const waiting = prepared<[], number>(db, 'SELECT count(*) FROM exchange_waiting').pluck(true).get() ?? 0;
  return { lastExchangeAt, desks, openConflicts, awaitingDecision, waiting };
}
