import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { MAX_DOCUMENTS, type IdentityDocument, type PersonFields } from '../../shared/catalogue';
import { AppError } from '../../shared/errors';
import type { MergeResult, PersonSummary } from '../../shared/people';
import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { allFieldsOf, recordHistory, replaceFields, rewriteSearchTerms, type PersonRow } from './person-store';

/** What a merge changed on the record kept, beyond the rows marked merged_from: read back to undo it. */
const mergeChangesSchema = z.object({
  addedDocuments: z.array(z.string()),
  /** The merged person's family membership, ended because the record kept was already in a unit. */
  endedMembership: z.number().int().optional(),
});
type MergeChanges = z.infer<typeof mergeChangesSchema>;

interface MergeRow {
  id: number;
  kept_id: number;
  merged_id: number;
  merged_at: string;
  changes: string;
  undone_at: string | null;
}

/**
 * Two records of one person become one (issue 10). Nothing is deleted: the merged record stays as
 * it was, marked merged into the record kept; its documents are copied onto the record kept, and
 * its consents, history, family memberships and changes of status move there, each row marked with where it came
 * from. Its registration number then finds the record kept. An undo moves exactly those rows back
 * and removes exactly the documents added, whatever was written to the record kept since.
 *
 * Merged records are leaves: a record merged into another cannot be kept or merged again, and a
 * record that others were merged into can only be the one kept. So no undo ever depends on another.
 */
export class RecordMerge {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly summaryOf: (id: number) => PersonSummary,
  ) {}

  merge(actorId: number, keptId: number, mergedId: number): MergeResult {
    if (keptId === mergedId) throw new AppError('merge_same_record');
    const at = this.now().toISOString();
    return this.db.transaction((): MergeResult => {
      const kept = this.liveRow(keptId);
      const merged = this.liveRow(mergedId);
      const into = prepared<[number], number>(this.db, 'SELECT count(*) FROM people WHERE merged_into = ?').pluck(true).get(mergedId) ?? 0;
      if (into > 0) throw new AppError('merge_has_merged', { registrationNumber: merged.registration_number });

      const keptFields = allFieldsOf(kept);
      const copied = newDocuments(keptFields.documents ?? [], allFieldsOf(merged).documents ?? [], mergedId);
      if ((keptFields.documents?.length ?? 0) + copied.length > MAX_DOCUMENTS) {
        throw new AppError('merge_too_many_documents', { registrationNumber: kept.registration_number, max: MAX_DOCUMENTS });
      }
      const changes: MergeChanges = { addedDocuments: copied.map((document) => document.id) };

      prepared(this.db, 'UPDATE people SET merged_into = ? WHERE id = ?').run(keptId, mergedId);
      const consents = this.moveRows('consents', mergedId, keptId);
      const history = this.moveRows('person_history', mergedId, keptId);
      const keptHasUnit = this.currentMembership(keptId) !== undefined;
      const mergedMembership = this.currentMembership(mergedId);
      if (mergedMembership !== undefined && keptHasUnit) {
        // One current unit a person: the merged person's unit keeps its other members, and a
        // protection officer can merge the two units if they are one family.
        prepared(this.db, 'UPDATE family_memberships SET left_at = ? WHERE id = ?').run(at, mergedMembership);
        changes.endedMembership = mergedMembership;
      }
      const memberships = this.moveRows('family_memberships', mergedId, keptId);
      // Referrals follow the person as consents do: the one a referral stands on moves with it.
      const referrals = this.moveRows('referrals', mergedId, keptId);
      // Statuses stay with the record they were given to: the record kept says where the person is
      // now (a person who left last year and came back this week must not read as departed once
      // their old record is merged in). The merged record keeps its own history, shown with it.

      if (copied.length > 0) {
        const after: PersonFields = { ...keptFields, documents: [...(keptFields.documents ?? []), ...copied] };
        replaceFields(this.db, keptId, kept.registration_number, after, at);
        recordHistory(this.db, { personId: keptId, field: 'documents', at, by: actorId, oldValue: keptFields.documents, newValue: after.documents });
      }
      // The merged record is found by nothing of its own now; its number finds the record kept.
      rewriteSearchTerms(this.db, mergedId);
      rewriteSearchTerms(this.db, keptId);
      const { lastInsertRowid } = prepared(
        this.db,
        'INSERT INTO person_merges (kept_id, merged_id, merged_at, merged_by, changes) VALUES (?, ?, ?, ?, ?)',
      ).run(keptId, mergedId, at, actorId, JSON.stringify(changes));
      return {
        mergeId: Number(lastInsertRowid),
        kept: this.summaryOf(keptId),
        merged: this.summaryOf(mergedId),
        moved: { documents: copied.length, consents, history, memberships, referrals },
      };
    })();
  }

  undo(actorId: number, mergeId: number): MergeResult {
    const at = this.now().toISOString();
    return this.db.transaction((): MergeResult => {
      const merge = prepared<[number], MergeRow>(this.db, 'SELECT id, kept_id, merged_id, merged_at, changes, undone_at FROM person_merges WHERE id = ?').get(mergeId);
      if (!merge) throw new AppError('not_found');
      if (merge.undone_at !== null) throw new AppError('merge_undone');
      const changes = mergeChangesSchema.parse(JSON.parse(merge.changes));
      const kept = this.row(merge.kept_id);
      const revive = changes.endedMembership !== undefined && !this.keepsAUnit(merge.merged_id) ? changes.endedMembership : undefined;
      if (revive !== undefined) this.assertRevivable(merge, revive);

      const keptFields = allFieldsOf(kept);
      const added = new Set(changes.addedDocuments);
      this.handOverSharedCopies(merge, keptFields.documents ?? [], added);
      const remaining = (keptFields.documents ?? []).filter((document) => !added.has(document.id));
      const documents = (keptFields.documents?.length ?? 0) - remaining.length;
      if (documents > 0) {
        const after: PersonFields = { ...keptFields };
        if (remaining.length > 0) after.documents = remaining;
        else delete after.documents;
        replaceFields(this.db, kept.id, kept.registration_number, after, at);
        recordHistory(this.db, { personId: kept.id, field: 'documents', at, by: actorId, oldValue: keptFields.documents, newValue: after.documents });
      }
      const consents = this.moveBack('consents', merge.merged_id);
      const history = this.moveBack('person_history', merge.merged_id);
      const memberships = this.moveBack('family_memberships', merge.merged_id);
      const referrals = this.moveBack('referrals', merge.merged_id);
      if (revive !== undefined && this.currentMembership(merge.merged_id) === undefined) {
        prepared(this.db, 'UPDATE family_memberships SET left_at = NULL WHERE id = ? AND person_id = ?').run(revive, merge.merged_id);
      }
      prepared(this.db, 'UPDATE people SET merged_into = NULL WHERE id = ?').run(merge.merged_id);
      prepared(this.db, 'UPDATE person_merges SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, actorId, mergeId);
      rewriteSearchTerms(this.db, merge.merged_id);
      rewriteSearchTerms(this.db, merge.kept_id);
      return {
        mergeId,
        kept: this.summaryOf(merge.kept_id),
        merged: this.summaryOf(merge.merged_id),
        moved: { documents, consents, history, memberships, referrals },
      };
    })();
  }

  /**
   * A copy this merge added that another live merge into the same record skipped as the same
   * document stays on the record kept: that merge holds it from now on (and its undo removes it),
   * so undoing the earlier merge never takes away a document the record still has from another.
   */
  private handOverSharedCopies(merge: MergeRow, keptDocuments: readonly IdentityDocument[], added: Set<string>): void {
    const others = prepared<[number, number], MergeRow>(
      this.db,
      'SELECT id, kept_id, merged_id, merged_at, changes, undone_at FROM person_merges WHERE kept_id = ? AND id <> ? AND undone_at IS NULL ORDER BY id',
    ).all(merge.kept_id, merge.id);
    for (const document of keptDocuments) {
      if (!added.has(document.id)) continue;
      const holder = others.find((other) => (allFieldsOf(this.row(other.merged_id)).documents ?? []).some((held) => sameDocument(held, document)));
      if (!holder) continue;
      const holderChanges = mergeChangesSchema.parse(JSON.parse(holder.changes));
      holderChanges.addedDocuments.push(document.id);
      holder.changes = JSON.stringify(holderChanges);
      prepared(this.db, 'UPDATE person_merges SET changes = ? WHERE id = ?').run(holder.changes, holder.id);
      added.delete(document.id);
    }
  }

  /**
   * Whether the merged person is in a unit through the memberships that came with it: one the
   * merge moved to the record kept, or one that followed it (family-service.ts passes merged_from
   * on when the record kept moves, is split or merged off, or changes relationship). The undo moves
   * those back as they are now, so a unit the record kept holds only through the merged record
   * goes back to it, and one it was removed from stays ended.
   */
  private keepsAUnit(mergedId: number): boolean {
    return prepared<[number], number>(this.db, 'SELECT id FROM family_memberships WHERE merged_from = ? AND left_at IS NULL').pluck(true).get(mergedId) !== undefined;
  }

  /**
   * The merge ended the merged person's membership (the record kept had a unit already); the undo
   * gives it back only where that is exact. A unit that has another focal point now would get two;
   * a unit whose members were all moved to other units since (split off, or merged into another)
   * no longer says where the person belongs. Both are refused, changing nothing. A unit emptied by
   * removals takes the person back alone, as it would have kept them.
   */
  private assertRevivable(merge: MergeRow, membershipId: number): void {
    const ended = prepared<[number], { unit_id: number; relationship: string }>(this.db, 'SELECT unit_id, relationship FROM family_memberships WHERE id = ?').get(membershipId);
    if (!ended) return;
    const registrationNumber = this.row(merge.merged_id).registration_number;
    if (ended.relationship === 'focal-point') {
      const focal = prepared<[number], number>(
        this.db,
        "SELECT id FROM family_memberships WHERE unit_id = ? AND left_at IS NULL AND relationship = 'focal-point'",
      ).pluck(true).get(ended.unit_id);
      if (focal !== undefined) throw new AppError('merge_undo_focal_point', { registrationNumber });
    }
    const members = prepared<[number], number>(this.db, 'SELECT count(*) FROM family_memberships WHERE unit_id = ? AND left_at IS NULL').pluck(true).get(ended.unit_id) ?? 0;
    if (members > 0) return;
    // Emptied since the merge: by removals (nobody went on to another unit as they left), or not.
    const movedOn = prepared<[number, number, string], number>(
      this.db,
      `SELECT r.id FROM family_memberships r JOIN family_memberships n
         ON n.person_id = r.person_id AND n.id > r.id AND n.joined_at = r.left_at AND n.unit_id <> r.unit_id
       WHERE r.unit_id = ? AND r.id <> ? AND r.left_at >= ? LIMIT 1`,
    ).pluck(true).get(ended.unit_id, membershipId, merge.merged_at);
    if (movedOn !== undefined) throw new AppError('merge_undo_unit_moved', { registrationNumber });
  }

  /** The live merge of the record with this registration number into another (the CLI's undo). */
  liveMergeOf(mergedNumber: string): number {
    const mergeId = prepared<[string], number>(
      this.db,
      `SELECT m.id FROM person_merges m JOIN people p ON p.id = m.merged_id
       WHERE p.registration_number = ? COLLATE NOCASE AND m.undone_at IS NULL`,
    ).pluck(true).get(mergedNumber.trim());
    if (mergeId === undefined) throw new AppError('merge_not_found', { registrationNumber: mergedNumber.trim() });
    return mergeId;
  }

  /** The live merges into a record, newest first: shown on it, each with its undo. */
  mergesInto(keptId: number): { mergeId: number; registrationNumber: string; mergedAt: string }[] {
    return prepared<[number], { id: number; registration_number: string; merged_at: string }>(
      this.db,
      `SELECT m.id, p.registration_number, m.merged_at FROM person_merges m JOIN people p ON p.id = m.merged_id
       WHERE m.kept_id = ? AND m.undone_at IS NULL ORDER BY m.id DESC`,
    )
      .all(keptId)
      .map((row) => ({ mergeId: row.id, registrationNumber: row.registration_number, mergedAt: row.merged_at }));
  }

  /** A pair judged to be two people: never proposed again. */
  markNotSame(actorId: number, firstId: number, secondId: number): string[] {
    if (firstId === secondId) throw new AppError('merge_same_record');
    const numbers = [this.row(firstId).registration_number, this.row(secondId).registration_number];
    const [first, second] = [Math.min(firstId, secondId), Math.max(firstId, secondId)];
    // Judged already (here, or at another desk whose decision came with an exchange): nothing to add.
    const judged = prepared<[number, number], number>(
      this.db,
      'SELECT 1 FROM not_duplicates WHERE min(first_id, second_id) = ? AND max(first_id, second_id) = ?',
    )
      .pluck(true)
      .get(first, second);
    if (judged === undefined) {
      prepared(this.db, 'INSERT INTO not_duplicates (first_id, second_id, decided_at, decided_by) VALUES (?, ?, ?, ?)').run(
        first,
        second,
        this.now().toISOString(),
        actorId,
      );
    }
    return numbers;
  }

  private moveRows(table: MovedTable, fromId: number, toId: number): number {
    return prepared(this.db, `UPDATE ${table} SET person_id = ?, merged_from = ? WHERE person_id = ?`).run(toId, fromId, fromId).changes;
  }

  private moveBack(table: MovedTable, mergedId: number): number {
    return prepared(this.db, `UPDATE ${table} SET person_id = ?, merged_from = NULL WHERE merged_from = ?`).run(mergedId, mergedId).changes;
  }

  private currentMembership(personId: number): number | undefined {
    return prepared<[number], number>(this.db, 'SELECT id FROM family_memberships WHERE person_id = ? AND left_at IS NULL').pluck(true).get(personId);
  }

  private row(id: number): PersonRow {
    const row = prepared<[number], PersonRow>(this.db, 'SELECT * FROM people WHERE id = ?').get(id);
    if (!row) throw new AppError('not_found');
    return row;
  }

  /** A record that may take part in a merge: one not merged into another already. */
  private liveRow(id: number): PersonRow {
    const row = this.row(id);
    if (row.merged_into !== null) {
      const keptNumber = this.row(row.merged_into).registration_number;
      throw new AppError('person_merged', { registrationNumber: row.registration_number, keptNumber });
    }
    return row;
  }
}

/** The tables whose rows follow a person into a merge; literals, never input. */
type MovedTable = 'consents' | 'person_history' | 'family_memberships' | 'referrals';

/**
 * The merged record's documents that the record kept does not hold yet (the same document, id
 * aside, is not copied twice). A copy whose id the record kept already uses (imports number
 * documents by line) gets an id of its own, so an undo removes exactly the copies.
 */
function newDocuments(kept: readonly IdentityDocument[], merged: readonly IdentityDocument[], mergedId: number): IdentityDocument[] {
  const ids = new Set(kept.map((document) => document.id));
  const copies: IdentityDocument[] = [];
  for (const document of merged) {
    if (kept.some((held) => sameDocument(held, document))) continue;
    let id = document.id;
    for (let n = 1; ids.has(id); n += 1) id = `merged-${mergedId}-${n}-${document.id}`.slice(0, 40);
    ids.add(id);
    copies.push({ ...document, id });
  }
  return copies;
}

/** The same document, whatever id each record gives it. */
function sameDocument(a: IdentityDocument, b: IdentityDocument): boolean {
  return isDeepStrictEqual(withoutId(a), withoutId(b));
}

function withoutId({ id: _id, ...rest }: IdentityDocument): Omit<IdentityDocument, 'id'> {
  return rest;
}
