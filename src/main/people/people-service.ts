import { isDeepStrictEqual } from 'node:util';
import {
  FIELD_KEYS,
  fieldSpec,
  isListedCode,
  mayWrite,
  normaliseCode,
  TIER_RIGHTS,
  type CodeKind,
  type ConsentPurpose,
  type FieldKey,
  type PersonFields,
} from '../../shared/catalogue';
import { AppError } from '../../shared/errors';
import type {
  Consent,
  DuplicatePair,
  DuplicateQuery,
  HistoryEntry,
  HouseholdRegistered,
  PersonSummary,
  PersonView,
  RegisterHouseholdInput,
  RegisterInput,
  UpdateInput,
} from '../../shared/people';
import { codeAndOwnWordsPaths, codesHeldAt, unlistedCodePaths } from '../../shared/people';
import type { Role } from '../../shared/roles';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { ageOf } from './age';
import { FamilyService } from './family-service';
import { allFieldsOf, insertPerson, recordHistory, replaceFields, SUMMARY_COLUMNS, summaryRowOf, type PersonRow, type SummaryRow } from './person-store';
import { readableTiers, redactFields, redactUnit, type ViewMode } from './redaction';
import { nextRegistrationNumber } from './registration-number';
import { deskRegistrationPrefix, thisDeskNumber } from '../exchange/this-desk';
import { eraseFromLogs } from '../exchange/operations';
import { decisionsAwaitedFor } from '../exchange/conflicts';
import { SettingsService } from '../services/settings';
import { PeopleSearch } from './search';
import { DuplicateFinder } from './duplicate-finder';
import { SpecificNeedsCatalogue } from '../services/specific-needs';
import { scanDuplicatePairs } from './duplicate-pairs';
import { assertNotMerged, idsMergedInto, keptRecordOf, mergedCount } from './merged-records';
import { RecordMerge } from './record-merge';
import { currentStatusOf, listFilterSql, recordStatusChange, statusHistoryOf } from './record-status';
import { readStatus, type RecordListFilter, type RecordStatusChange } from '../../shared/record-status';

export interface Actor {
  id: number;
  role: Role;
}

interface ConsentRow {
  purpose: ConsentPurpose;
  given_at: string;
  given_by: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

/** Person records: registration, changes with history, consent, and reading through redaction. */
export class PeopleService {
  readonly families: FamilyService;
  readonly merges: RecordMerge;
  private readonly finder: PeopleSearch;
  private readonly duplicateFinder: DuplicateFinder;
  private readonly needs: SpecificNeedsCatalogue;
  private readonly settings: SettingsService;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    // Stateless over the database: the same catalogue the supervisor edits through the vault.
    this.needs = new SpecificNeedsCatalogue(db, now);
    this.settings = new SettingsService(db);
    this.families = new FamilyService(db, now, (id) => this.summaryOf(id));
    this.finder = new PeopleSearch(db);
    this.merges = new RecordMerge(db, now, (id) => this.summaryOf(id));
    this.duplicateFinder = new DuplicateFinder(db);
  }

  /** What the search box finds, matching only on fields the searcher may read in this view mode. */
  search(actor: Actor, query: string, mode: ViewMode = 'normal', limit = 50, show: RecordListFilter = 'active'): PersonSummary[] {
    // The status filter is read with the candidates, so a page is never cut short by it.
    return this.finder.search(query, readableTiers(actor.role, mode), limit, (row) => this.toSummary(row), show);
  }

  /**
   * Sets a record's status (tier 0, desk roles): a new row of its status history, never a change
   * of one. Returns the record as the caller reads it.
   */
  setStatus(actor: Actor, personId: number, change: RecordStatusChange, mode: ViewMode = 'normal'): PersonView {
    if (!mayWrite(actor.role, 0, 'update')) throw new AppError('forbidden');
    this.db.transaction(() => recordStatusChange(this.db, personId, change, actor.id, this.now()))();
    return this.view(actor, personId, mode);
  }

  /**
   * Likely duplicates of a person being registered or imported, matching only on what the caller
   * may read in this view mode (like search); only summaries leave main.
   */
  duplicates(actor: Actor, query: DuplicateQuery, mode: ViewMode = 'normal'): PersonSummary[] {
    return this.duplicateFinder.find(query, readableTiers(actor.role, mode), (row) => this.toSummary(row));
  }

  register(actor: Actor, input: RegisterInput, mode: ViewMode = 'normal'): PersonView {
    return this.view(actor, this.registerId(actor, input), mode);
  }

  /** Registers and returns the new person's id only: for bulk work that does not show the record. */
  registerId(actor: Actor, input: RegisterInput): number {
    const fields = definedFields(input.fields);
    if (!fields.chosenName) throw new AppError('invalid_input', { field: 'chosenName' });
    const consents = new Set(input.consents);
    this.assertMayWrite(actor, Object.keys(fields) as FieldKey[], 'register', (purpose) => consents.has(purpose));
    this.needs.assertRecordable(fields, {});
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      const registrationNumber = nextRegistrationNumber(this.db, deskRegistrationPrefix(this.settings.sitePrefix(), thisDeskNumber(this.db)));
      const personId = insertPerson(this.db, { registrationNumber, fields, registeredBy: actor.id, at });
      for (const purpose of consents) this.giveConsent(personId, purpose, at, actor.id);
      for (const key of Object.keys(fields) as FieldKey[]) {
        recordHistory(this.db, { personId, field: key, at, by: actor.id, oldValue: undefined, newValue: fields[key] });
      }
      if (input.family) this.families.link(input.family, personId);
      return personId;
    })();
  }

  /**
   * A household in one go (issue 15): the focal point, each new member registered exactly as
   * registerId registers anyone (rights, consents, history, its own number), and each person
   * already registered linked in by the family service's own rule, all in one transaction with the
   * unit. A member refused refuses the whole household: nothing is saved, and the error names the
   * member by position (1 for the first after the focal point) and the field.
   */
  registerHousehold(actor: Actor, input: RegisterHouseholdInput): HouseholdRegistered {
    return this.db.transaction(() => {
      const focalPointId = this.registerId(actor, input.focalPoint);
      const registered: HouseholdRegistered['registered'] = [this.registeredEntry(focalPointId, input.focalPoint)];
      const joined: HouseholdRegistered['joined'] = [];
      const seen = new Set<number>([focalPointId]);
      input.members.forEach((member, index) => {
        try {
          const personId = member.kind === 'new' ? this.registerId(actor, { fields: member.fields, consents: member.consents }) : member.personId;
          if (seen.has(personId)) throw new AppError('invalid_input', { field: 'person' });
          seen.add(personId);
          const { relationship, relationshipText } = member;
          this.families.link({ withPersonId: focalPointId, relationship, ...(relationshipText ? { relationshipText } : {}) }, personId);
          if (member.kind === 'new') registered.push(this.registeredEntry(personId, member));
          else joined.push({ id: personId, registrationNumber: this.summaryOf(personId).registrationNumber });
        } catch (error) {
          throw householdMemberRefused(index + 1, member.kind, error);
        }
      });
      const unitId = this.families.unitOf(focalPointId)?.id;
      if (unitId === undefined) throw new AppError('internal');
      return { unitId, registered, joined };
    })();
  }

  private registeredEntry(personId: number, input: Pick<RegisterInput, 'fields' | 'consents'>): HouseholdRegistered['registered'][number] {
    return {
      id: personId,
      registrationNumber: this.summaryOf(personId).registrationNumber,
      fields: Object.keys(definedFields(input.fields)),
      consents: [...new Set(input.consents)],
    };
  }

  update(actor: Actor, input: UpdateInput, mode: ViewMode = 'normal'): PersonView {
    assertNotMerged(this.db, input.id);
    const stored = this.row(input.id);
    const before = allFieldsOf(stored);
    const set = definedFields(input.set);
    const unlisted = unlistedCodePaths(set, (path, code) => codesHeldAt(before, path).includes(code));
    if (unlisted.length > 0) throw new AppError('invalid_input', undefined, unlisted.map((path) => ({ path: ['set', ...path].join('.'), rule: 'not_listed' })));
    const touched = [...new Set([...(Object.keys(set) as FieldKey[]), ...input.clear])];
    if (input.clear.includes('chosenName')) throw new AppError('invalid_input', { field: 'chosenName' });
    this.assertMayWrite(actor, touched, 'update', (purpose) => this.hasConsent(input.id, purpose), input.clear);
    this.needs.assertRecordable(set, before);
    const after: PersonFields = { ...before, ...set };
    for (const key of input.clear) delete after[key];
    // The own words of a one-code field stand instead of its code: a change that would leave both
    // (own words set while the code is kept, or the other way round) is refused where it sets one.
    const both = codeAndOwnWordsPaths(after).filter(({ fields }) => fields.some((key) => set[key] !== undefined));
    if (both.length > 0) {
      throw new AppError(
        'invalid_input',
        undefined,
        both.map(({ path, fields }) => ({ path: ['set', ...(set[path[0] as FieldKey] !== undefined ? path : [fields[0]])].join('.'), rule: 'code_and_own_words' })),
      );
    }
    const at = this.now().toISOString();
    this.db.transaction(() => {
      replaceFields(this.db, input.id, stored.registration_number, after, at);
      for (const key of touched) {
        if (!isDeepStrictEqual(before[key], after[key])) {
          recordHistory(this.db, { personId: input.id, field: key, at, by: actor.id, oldValue: before[key], newValue: after[key] });
        }
      }
    })();
    return this.view(actor, input.id, mode);
  }

  /** Gives or withdraws consent for one purpose. Withdrawing SOGIESC consent erases those values, history included. */
  setConsent(actor: Actor, personId: number, purpose: ConsentPurpose, given: boolean, mode: ViewMode = 'normal'): PersonView {
    if (!mayWrite(actor.role, 1, 'update')) throw new AppError('forbidden');
    assertNotMerged(this.db, personId);
    const stored = this.row(personId);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      if (given) {
        if (!this.hasConsent(personId, purpose)) this.giveConsent(personId, purpose, at, actor.id);
        return;
      }
      prepared(this.db, 'UPDATE consents SET withdrawn_at = ?, withdrawn_by = ? WHERE person_id = ? AND purpose = ? AND withdrawn_at IS NULL')
        .run(at, actor.id, personId, purpose);
      const erased = FIELD_KEYS.filter((key) => fieldSpec(key).consent === purpose);
      if (erased.length > 0) {
        // The records merged into this one hold their own values still: the withdrawal is theirs too.
        for (const id of [personId, ...idsMergedInto(this.db, personId)]) {
          const row = id === personId ? stored : this.row(id);
          const fields = allFieldsOf(row);
          if (!erased.some((key) => fields[key] !== undefined)) continue;
          for (const key of erased) delete fields[key];
          replaceFields(this.db, id, row.registration_number, fields, at);
        }
        // Out of the operations logs too, so no desk that joins later receives them.
        for (const id of [personId, ...idsMergedInto(this.db, personId)]) {
          const gid = prepared<[number], string>(this.db, 'SELECT lower(hex(gid)) FROM people WHERE id = ?').pluck(true).get(id);
          if (gid) eraseFromLogs(this.db, gid, erased.map((key) => ({ key, tier: fieldSpec(key).tier })), at);
        }
        const placeholders = erased.map(() => '?').join(', ');
        prepared(this.db, `UPDATE person_history SET old_value = NULL, new_value = NULL, erased = 1 WHERE person_id = ? AND field IN (${placeholders})`)
          .run(personId, ...erased);
      }
    })();
    return this.view(actor, personId, mode);
  }

  /**
   * One field's value, whatever the view mode, where the role may read its tier: the need-to-know
   * reveal. The caller logs it; a role without the right gets forbidden, never the value.
   */
  reveal(actor: Actor, id: number, field: FieldKey): unknown {
    if (!readableTiers(actor.role, 'normal').includes(fieldSpec(field).tier)) throw new AppError('forbidden', { field });
    // As view does: a merged record's number opens the record kept, and only its values are shown.
    return allFieldsOf(this.row(keptRecordOf(this.db, id)))[field];
  }

  /** A record merged into another is read as the record kept, which its number also finds. */
  view(actor: Actor, requestedId: number, mode: ViewMode = 'normal'): PersonView {
    const tiers = readableTiers(actor.role, mode);
    const id = keptRecordOf(this.db, requestedId);
    const row = this.row(id);
    // Every tier is parsed once, here in main: redaction needs to know which hidden fields hold a
    // value ("recorded, restricted"), and the age comes from the tier-1 birth field.
    const stored = allFieldsOf(row);
    const { fields, restricted } = redactFields(stored, actor.role, mode);
    const canSeeConsents = tiers.includes(1);
    const unit = this.families.unitOf(id);
    return {
      id,
      registrationNumber: row.registration_number,
      registeredAt: row.registered_at,
      updatedAt: row.updated_at,
      age: ageOf(stored.birth, this.now()),
      fields,
      restricted,
      consents: canSeeConsents ? this.consentsOf(id) : [],
      family: unit && redactUnit(unit, actor.role, mode),
      merged: this.merges.mergesInto(id),
      status: currentStatusOf(this.db, id),
      statusHistory: statusHistoryOf(this.db, id),
      decisionsAwaited: decisionsAwaitedFor(this.db, id, actor.role, mode),
    };
  }

  /** The duplicates review: likely pairs across the register, on what the reader may read, strongest first. */
  duplicatePairs(actor: Actor, mode: ViewMode, limit: number): DuplicatePair[] {
    return scanDuplicatePairs(this.db, readableTiers(actor.role, mode), limit).map(({ firstId, secondId, score, reasons }) => {
      // The first of a pair is the one kept unless the officer chooses: the older, unless only the
      // newer has records merged into it (a merge would refuse to merge it into another).
      const [kept, other] = idsMergedInto(this.db, secondId).length > 0 && idsMergedInto(this.db, firstId).length === 0 ? [secondId, firstId] : [firstId, secondId];
      return { first: this.summaryOf(kept), second: this.summaryOf(other), score, reasons };
    });
  }

  history(actor: Actor, requestedId: number, mode: ViewMode = 'normal'): HistoryEntry[] {
    const id = keptRecordOf(this.db, requestedId);
    this.row(id);
    const tiers = readableTiers(actor.role, mode);
    const rows = prepared<[number], { field: FieldKey; tier: number; changed_at: string; changed_by: string; old_value: string | null; new_value: string | null; erased: number }>(this.db, 
        `SELECT h.field, h.tier, h.changed_at, a.user_name AS changed_by, h.old_value, h.new_value, h.erased
         FROM person_history h JOIN accounts a ON a.id = h.changed_by WHERE h.person_id = ? ORDER BY h.changed_at DESC, h.id DESC`,
      )
      .all(id);
    // As with redaction: a role is told that a hidden field changed only for tiers it works with.
    const rights = TIER_RIGHTS[actor.role];
    const marked = new Set<number>([...rights.read, ...rights.writeOnRegister]);
    return rows.filter((row) => marked.has(row.tier)).map((row) => {
      const visible = (tiers as number[]).includes(row.tier) && row.erased === 0;
      return {
        field: row.field,
        changedAt: row.changed_at,
        changedBy: row.changed_by,
        ...(visible && row.old_value !== null ? { oldValue: JSON.parse(row.old_value) as unknown } : {}),
        ...(visible && row.new_value !== null ? { newValue: JSON.parse(row.new_value) as unknown } : {}),
        restricted: !(tiers as number[]).includes(row.tier),
        erased: row.erased === 1,
      };
    });
  }

  /** The record shown for this id: itself, or the record it was merged into. */
  keptRecordOf(id: number): number {
    return keptRecordOf(this.db, id);
  }

  registrationNumberOf(id: number): string | undefined {
    return prepared<[number], { registration_number: string }>(this.db, 'SELECT registration_number FROM people WHERE id = ?').get(id)
      ?.registration_number;
  }

  summaryOf(id: number): PersonSummary {
    const row = summaryRowOf(this.db, id);
    if (!row) throw new AppError('not_found');
    return this.toSummary(row);
  }

  /** Newest first, a page at a time, for the virtualised list; the active records unless `show` says otherwise. */
  recent(offset: number, limit: number, show: RecordListFilter = 'active'): { total: number; items: PersonSummary[] } {
    // Counted as all less the few merged, and less (or only) the few not active, so the count
    // reads the narrowest index, not every row.
    const all = (prepared<[], { n: number }>(this.db, 'SELECT count(*) AS n FROM people').get()?.n ?? 0) - mergedCount(this.db);
    const notActive =
      show === 'all'
        ? 0
        : (prepared<[], number>(
            this.db,
            `SELECT count(*) FROM people WHERE merged_into IS NULL AND id IN (SELECT DISTINCT person_id FROM record_statuses) AND ${listFilterSql('not-active', 'people')}`,
          )
            .pluck(true)
            .get() ?? 0);
    const total = show === 'all' ? all : show === 'active' ? all - notActive : notActive;
    const items = prepared<[number, number], SummaryRow>(this.db, 
        `SELECT ${SUMMARY_COLUMNS} FROM people WHERE merged_into IS NULL AND ${listFilterSql(show, 'people')} ORDER BY registered_at DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(limit, offset)
      .map((row) => this.toSummary(row));
    return { total, items };
  }

  /** Age is tier 0 but derived from the tier-1 birth field; only the derived age leaves main. */
  toSummary(row: SummaryRow): PersonSummary {
    const birth = (JSON.parse(row.tier1) as PersonFields).birth;
    return {
      id: row.id,
      registrationNumber: row.registration_number,
      chosenName: row.chosen_name,
      age: ageOf(birth, this.now()),
      registeredAt: row.registered_at,
      status: readStatus(row.record_status),
    };
  }

  private consentsOf(personId: number): Consent[] {
    return prepared<[number], ConsentRow>(this.db, 
        `SELECT c.purpose, c.given_at, g.user_name AS given_by, c.withdrawn_at, w.user_name AS withdrawn_by
         FROM consents c JOIN accounts g ON g.id = c.given_by LEFT JOIN accounts w ON w.id = c.withdrawn_by
         WHERE c.person_id = ? ORDER BY c.id`,
      )
      .all(personId)
      .map((row) => ({
        purpose: row.purpose,
        givenAt: row.given_at,
        givenBy: row.given_by,
        ...(row.withdrawn_at ? { withdrawnAt: row.withdrawn_at } : {}),
        ...(row.withdrawn_by ? { withdrawnBy: row.withdrawn_by } : {}),
      }));
  }

  private giveConsent(personId: number, purpose: ConsentPurpose, at: string, by: number): void {
    prepared(this.db, 'INSERT INTO consents (person_id, purpose, given_at, given_by) VALUES (?, ?, ?, ?)').run(personId, purpose, at, by);
  }

  private hasConsent(personId: number, purpose: ConsentPurpose): boolean {
    return (
      prepared<[number, string], { n: number }>(this.db, 
          'SELECT count(*) AS n FROM consents WHERE person_id = ? AND purpose = ? AND withdrawn_at IS NULL',
        )
        .get(personId, purpose)?.n !== 0
    );
  }

  private row(id: number): PersonRow {
    const row = prepared<[number], PersonRow>(this.db, 'SELECT * FROM people WHERE id = ?').get(id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** Role rights per tier, and the consents a field needs: tier 2 needs consent to register, SOGIESC its own. */
  private assertMayWrite(
    actor: Actor,
    keys: readonly FieldKey[],
    when: 'register' | 'update',
    consented: (purpose: ConsentPurpose) => boolean,
    cleared: readonly FieldKey[] = [],
  ): void {
    for (const key of keys) {
      const spec = fieldSpec(key);
      if (!mayWrite(actor.role, spec.tier, when)) throw new AppError('forbidden', { field: key });
      // Erasing a value never needs consent; recording one does.
      if (cleared.includes(key)) continue;
      if (spec.tier === 2 && !consented('register')) throw new AppError('consent_required', { field: key, purpose: 'register' });
      if (spec.consent && !consented(spec.consent)) throw new AppError('consent_required', { field: key, purpose: spec.consent });
    }
  }
}

/** The fields given, without undefined ones, and with country and language codes in one spelling each. */
function definedFields(fields: PersonFields): PersonFields {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as PersonFields;
  return withNormalisedCodes(defined);
}

/**
 * Listed codes in their one spelling; an unlisted one (only ever a code the record already holds,
 * from before the lists or another desk: update checks it) is kept as stored, so that keeping it
 * neither refuses the edit nor shows in the history as a change nobody made.
 */
function withNormalisedCodes(fields: PersonFields): PersonFields {
  const spelled = (kind: CodeKind, code: string): string => (isListedCode(kind, code) ? normaliseCode(kind, code) : code);
  const result: Record<string, unknown> = { ...fields };
  for (const key of FIELD_KEYS) {
    const kind = fieldSpec(key).codes;
    const value = result[key];
    if (!kind || value === undefined) continue;
    result[key] = Array.isArray(value) ? value.map((code: string) => spelled(kind, code)) : spelled(kind, value as string);
  }
  const { interpreter, documents } = fields;
  if (interpreter?.language) result.interpreter = { ...interpreter, language: spelled('language', interpreter.language) };
  if (documents) {
    result.documents = documents.map((document) =>
      document.issuingCountry ? { ...document, issuingCountry: spelled('region', document.issuingCountry) } : document,
    );
  }
  return result as PersonFields;
}


/**
 * A household member's refusal, naming the member by position and the field (or, for a person
 * already registered, the person); the cause is the refusal people.register or families.link gives.
 */
function householdMemberRefused(member: number, kind: 'new' | 'existing', error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const field = typeof error.params?.field === 'string' ? error.params.field : kind === 'existing' ? 'person' : 'member';
  return new AppError('household_member_refused', {
    member,
    field,
    cause: error.code,
    ...(typeof error.params?.purpose === 'string' ? { purpose: error.params.purpose } : {}),
  });
}
