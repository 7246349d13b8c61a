import { RELATIONSHIPS, type Relationship } from '../../shared/catalogue';
import { AppError } from '../../shared/errors';
import type { PersonSummary, StoredFamilyUnit } from '../../shared/people';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { assertNotMerged } from './merged-records';

interface MemberRow {
  person_id: number;
  relationship: Relationship;
  relationship_text: string | null;
}

const ADULT_AGE = 18;

/**
 * Family units as the people in them define them: members around a focal point, with typed
 * relationships. A person is in at most one unit at a time; leaving a unit ends a membership
 * rather than deleting it, so moves, splits and merges keep their history.
 */
export class FamilyService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly summaryOf: (personId: number) => PersonSummary,
  ) {}

  /** Puts a person in the unit of another (creating one around that person when they have none). */
  link(link: { withPersonId: number; relationship: Relationship; relationshipText?: string }, personId: number): number {
    if (link.withPersonId === personId) throw new AppError('invalid_input', { field: 'family' });
    // Both must exist before anything is written: a unit is never left half made.
    this.summaryOf(link.withPersonId);
    this.summaryOf(personId);
    assertNotMerged(this.db, link.withPersonId);
    assertNotMerged(this.db, personId);
    const at = this.now().toISOString();
    return this.db.transaction(() => {
      let unitId = this.currentUnitId(link.withPersonId);
      if (unitId === undefined) {
        unitId = this.createUnit(at);
        this.join(unitId, link.withPersonId, 'focal-point', undefined, at);
      }
      this.rejoin(unitId, personId, link.relationship, link.relationshipText, at);
      return unitId;
    })();
  }

  unitOf(personId: number): StoredFamilyUnit | undefined {
    const unitId = this.currentUnitId(personId);
    return unitId === undefined ? undefined : this.unit(unitId);
  }

  unit(unitId: number): StoredFamilyUnit {
    const unit = prepared<[number], { id: number; keep_together: number }>(this.db, 'SELECT id, keep_together FROM family_units WHERE id = ?')
      .get(unitId);
    if (!unit) throw new AppError('not_found');
    const members = prepared<[number], MemberRow>(this.db, 
        'SELECT person_id, relationship, relationship_text FROM family_memberships WHERE unit_id = ? AND left_at IS NULL ORDER BY id',
      )
      .all(unitId)
      .map((row) => ({
        person: this.summaryOf(row.person_id),
        relationship: row.relationship,
        ...(row.relationship_text ? { relationshipText: row.relationship_text } : {}),
      }));
    const focal = members.find((member) => member.relationship === 'focal-point');
    const childHeaded = focal?.person.age !== undefined && focal.person.age.years < ADULT_AGE;
    return { id: unit.id, keepTogether: unit.keep_together === 1, childHeaded, members };
  }

  setKeepTogether(unitId: number, keepTogether: boolean): StoredFamilyUnit {
    this.unit(unitId);
    prepared(this.db, 'UPDATE family_units SET keep_together = ? WHERE id = ?').run(keepTogether ? 1 : 0, unitId);
    return this.unit(unitId);
  }

  setRelationship(personId: number, relationship: Relationship, relationshipText?: string): StoredFamilyUnit {
    const unitId = this.currentUnitId(personId);
    if (unitId === undefined) throw new AppError('not_found');
    const at = this.now().toISOString();
    this.db.transaction(() => {
      if (relationship === 'focal-point') {
        // One focal point: the previous one becomes a member with an unstated relationship.
        const previous = prepared<[number], { person_id: number }>(this.db, 
            "SELECT person_id FROM family_memberships WHERE unit_id = ? AND left_at IS NULL AND relationship = 'focal-point'",
          )
          .get(unitId);
        if (previous && previous.person_id !== personId) this.rejoin(unitId, previous.person_id, 'other', undefined, at);
      }
      this.rejoin(unitId, personId, relationship, relationshipText, at);
    })();
    return this.unit(unitId);
  }

  /** Takes a person out of their unit; the membership stays as history. */
  remove(personId: number): void {
    this.leaveCurrent(personId, this.now().toISOString());
  }

  /** Moves the given members of a unit into a new unit around the first of them. */
  split(unitId: number, personIds: readonly number[]): StoredFamilyUnit {
    const current = new Set(this.unit(unitId).members.map((member) => member.person.id));
    if (personIds.length === 0 || personIds.some((id) => !current.has(id))) throw new AppError('invalid_input', { field: 'members' });
    const at = this.now().toISOString();
    const newUnitId = this.db.transaction(() => {
      const created = this.createUnit(at);
      personIds.forEach((personId, index) => {
        if (index === 0) return this.rejoin(created, personId, 'focal-point', undefined, at);
        const membership = this.membership(personId);
        const relationship = membership?.relationship ?? 'other';
        this.rejoin(created, personId, relationship === 'focal-point' ? 'other' : relationship, membership?.relationship_text ?? undefined, at);
      });
      return created;
    })();
    return this.unit(newUnitId);
  }

  /** Brings every member of one unit into another; the second unit's focal point becomes a member. */
  merge(intoUnitId: number, fromUnitId: number): StoredFamilyUnit {
    if (intoUnitId === fromUnitId) throw new AppError('invalid_input', { field: 'units' });
    const from = this.unit(fromUnitId);
    this.unit(intoUnitId);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const member of from.members) {
        const relationship = member.relationship === 'focal-point' ? 'other' : member.relationship;
        this.rejoin(intoUnitId, member.person.id, relationship, member.relationshipText, at);
      }
    })();
    return this.unit(intoUnitId);
  }

  /** Every unit a person has been in, oldest first: moves keep their history. */
  historyOf(personId: number): { unitId: number; relationship: Relationship; joinedAt: string; leftAt?: string }[] {
    return prepared<[number], { unit_id: number; relationship: Relationship; joined_at: string; left_at: string | null }>(this.db, 
        'SELECT unit_id, relationship, joined_at, left_at FROM family_memberships WHERE person_id = ? ORDER BY id',
      )
      .all(personId)
      .map((row) => ({
        unitId: row.unit_id,
        relationship: row.relationship,
        joinedAt: row.joined_at,
        ...(row.left_at ? { leftAt: row.left_at } : {}),
      }));
  }

  private currentUnitId(personId: number): number | undefined {
    return this.membership(personId)?.unit_id;
  }

  private membership(personId: number): (MemberRow & { unit_id: number }) | undefined {
    return prepared<[number], MemberRow & { unit_id: number }>(this.db, 
        'SELECT unit_id, person_id, relationship, relationship_text FROM family_memberships WHERE person_id = ? AND left_at IS NULL',
      )
      .get(personId);
  }

  private createUnit(at: string): number {
    return Number(prepared(this.db, 'INSERT INTO family_units (created_at) VALUES (?)').run(at).lastInsertRowid);
  }

  private join(unitId: number, personId: number, relationship: Relationship, text: string | undefined, at: string, mergedFrom: number | null = null): void {
    if (!RELATIONSHIPS.includes(relationship)) throw new AppError('invalid_input', { field: 'relationship' });
    prepared(
      this.db,
      'INSERT INTO family_memberships (unit_id, person_id, relationship, relationship_text, joined_at, merged_from) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(unitId, personId, relationship, text ?? null, at, mergedFrom);
  }

  /**
   * Ends a person's membership and starts the one that follows it. A membership that came with a
   * record merged into this one (merged_from) passes that mark on: the person is in the unit
   * through that record, so undoing the merge gives the unit, as edited since, back to that record
   * and never leaves it to the record kept (src/main/people/record-merge.ts).
   */
  private rejoin(unitId: number, personId: number, relationship: Relationship, text: string | undefined, at: string): void {
    const mergedFrom = this.leaveCurrent(personId, at);
    this.join(unitId, personId, relationship, text, at, mergedFrom);
  }

  /** Ends the person's current membership; returns the record it came with in a merge, if any. */
  private leaveCurrent(personId: number, at: string): number | null {
    const current = prepared<[number], { id: number; merged_from: number | null }>(
      this.db,
      'SELECT id, merged_from FROM family_memberships WHERE person_id = ? AND left_at IS NULL',
    ).get(personId);
    if (!current) return null;
    prepared(this.db, 'UPDATE family_memberships SET left_at = ? WHERE id = ?').run(at, current.id);
    return current.merged_from;
  }
}
