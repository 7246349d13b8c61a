/**
 * The duplicates review (issue 10, item 6): likely pairs across the register, a merge that moves a
 * person's documents, consents, history and family unit to the record kept without deleting
 * anything, its undo, and "not the same" remembered. What a protection officer or an attacker
 * replaying a merge would notice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/shared/errors';
import type { PersonFields } from '../../../src/shared/catalogue';
import { forEachPersonInPeriod } from '../../../src/main/stats/collect';
import { peopleFixture, type PeopleFixture } from './people-db';

let fx: PeopleFixture;
beforeEach(() => {
  fx = peopleFixture();
});
afterEach(() => fx.close());

function register(fields: PersonFields, consents: ('register' | 'sogiesc' | 'referral')[] = []): number {
  return fx.people.registerId(fx.protection, { fields, consents });
}

function codeOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

/** The same person, registered in Arabic script in 2025 and in Latin script with a passport later. */
function twoRecordsOfOnePerson(): { older: number; newer: number } {
  const older = register({ chosenName: 'محمد حسن', birth: { precision: 'year', year: 1990 }, nationalities: ['SY'], phone: '+961 71 234 567' }, ['register']);
  const newer = register(
    {
      chosenName: 'Mohammed Hassan',
      birth: { precision: 'year', year: 1991 },
      nationalities: ['SY'],
      documents: [{ id: 'import-2', type: 'passport', number: 'N0123456', nameOnDocument: 'HASSAN Mohammed' }],
    },
    ['register', 'referral'],
  );
  return { older, newer };
}

function numberOf(id: number): string {
  return fx.people.summaryOf(id).registrationNumber;
}

describe('the duplicates review lists likely pairs', () => {
  it('finds the same person registered in two scripts, with why, and forgets a pair judged not the same', () => {
    const { older, newer } = twoRecordsOfOnePerson();
    register({ chosenName: 'Fatima Ali', birth: { precision: 'year', year: 1990 } });
    const [pair, ...rest] = fx.people.duplicatePairs(fx.protection, 'normal', 100);
    expect(rest).toEqual([]);
    expect([pair?.first.id, pair?.second.id]).toEqual([older, newer]);
    expect(pair?.reasons).toEqual(expect.arrayContaining(['chosen-name', 'other-script', 'birth-year', 'nationality']));

    fx.people.merges.markNotSame(fx.protection.id, newer, older);
    expect(fx.people.duplicatePairs(fx.protection, 'normal', 100)).toEqual([]);
  });

  it('on the restricted screen, weighs names only and never says why from a hidden field', () => {
    const { older, newer } = twoRecordsOfOnePerson();
    // Born thirty years apart: told apart on the normal screen, not on the restricted one.
    register({ chosenName: 'Mohamad Hasan', birth: { precision: 'year', year: 1960 } });
    const normal = fx.people.duplicatePairs(fx.protection, 'normal', 100);
    expect(normal.map((p) => [p.first.id, p.second.id])).toEqual([[older, newer]]);
    const restricted = fx.people.duplicatePairs(fx.protection, 'restricted', 100);
    expect(restricted.length).toBe(3);
    for (const found of restricted) expect(found.reasons.every((reason) => reason === 'chosen-name' || reason === 'other-script')).toBe(true);
  });

  it('does not pair people by a name on a document for a reader of tier 0 only', () => {
    const a = register({ chosenName: 'Layla', documents: [{ id: 'd1', type: 'passport', nameOnDocument: 'Samir Haddad' }] });
    const b = register({ chosenName: 'سمير حداد' });
    expect(fx.people.duplicatePairs(fx.protection, 'normal', 10).map((p) => [p.first.id, p.second.id])).toEqual([[a, b]]);
    expect(fx.people.duplicatePairs(fx.protection, 'normal', 10)[0]?.reasons).toContain('document-name');
    expect(fx.people.duplicatePairs(fx.protection, 'restricted', 10)).toEqual([]);
  });
});

describe('merging two records of one person', () => {
  it('moves documents, consents, history and the family unit; both numbers find the record kept; nothing is deleted', () => {
    const { older, newer } = twoRecordsOfOnePerson();
    const child = register({ chosenName: 'Sami Hassan' });
    fx.people.families.link({ withPersonId: newer, relationship: 'child-biological' }, child);
    const newerNumber = numberOf(newer);
    const historyBefore = fx.people.history(fx.protection, older).length + fx.people.history(fx.protection, newer).length;

    const result = fx.people.merges.merge(fx.protection.id, older, newer);
    expect(result.moved).toEqual({ documents: 1, consents: 2, history: 4, memberships: 1, referrals: 0 });

    const kept = fx.people.view(fx.protection, older);
    expect(kept.fields.documents?.map((d) => d.number)).toEqual(['N0123456']);
    expect(kept.consents.map((c) => c.purpose).sort()).toEqual(['referral', 'register', 'register']);
    expect(kept.family?.members.map((m) => m.person.id).sort()).toEqual([older, child].sort());
    expect(kept.merged).toEqual([expect.objectContaining({ registrationNumber: newerNumber, mergeId: result.mergeId })]);
    // The record kept gains a history entry for the documents copied to it.
    expect(fx.people.history(fx.protection, older).length).toBe(historyBefore + 1);

    // The merged record is still there, as it was, and opening it opens the record kept.
    expect(fx.db.prepare('SELECT chosen_name, merged_into FROM people WHERE id = ?').get(newer)).toEqual({ chosen_name: 'Mohammed Hassan', merged_into: older });
    expect(fx.people.view(fx.protection, newer).id).toBe(older);
    expect(fx.people.search(fx.clerk, newerNumber).map((p) => p.id)).toEqual([older]);
    expect(fx.people.search(fx.clerk, numberOf(older)).map((p) => p.id)).toEqual([older]);
    expect(fx.people.search(fx.clerk, 'Mohammed Hassan').map((p) => p.id)).toEqual([older]);
    expect(fx.people.recent(0, 10).items.map((p) => p.id)).not.toContain(newer);
    expect(fx.people.recent(0, 10).total).toBe(2);
    expect(fx.people.duplicatePairs(fx.protection, 'normal', 10)).toEqual([]);

    let counted = 0;
    forEachPersonInPeriod(fx.db, { fromInclusive: '2000-01-01', toExclusive: '2100-01-01' }, () => (counted += 1));
    expect(counted).toBe(2);
  });

  it('refuses to write to a merged record, to merge it again, to chain merges, or to merge a record with itself', () => {
    const { older, newer } = twoRecordsOfOnePerson();
    const third = register({ chosenName: 'Mohamed Hasan' });
    fx.people.merges.merge(fx.protection.id, older, newer);
    expect(codeOf(() => fx.people.update(fx.protection, { id: newer, set: { phone: '123' }, clear: [] }))).toMatchObject({
      code: 'person_merged',
      params: { registrationNumber: numberOf(newer), keptNumber: numberOf(older) },
    });
    expect(codeOf(() => fx.people.setConsent(fx.protection, newer, 'sogiesc', true)).code).toBe('person_merged');
    expect(codeOf(() => fx.people.families.link({ withPersonId: newer, relationship: 'partner' }, third)).code).toBe('person_merged');
    expect(codeOf(() => fx.people.merges.merge(fx.protection.id, third, newer)).code).toBe('person_merged');
    expect(codeOf(() => fx.people.merges.merge(fx.protection.id, newer, third)).code).toBe('person_merged');
    expect(codeOf(() => fx.people.merges.merge(fx.protection.id, third, older)).code).toBe('merge_has_merged');
    expect(codeOf(() => fx.people.merges.merge(fx.protection.id, third, third)).code).toBe('merge_same_record');
  });

  it('is undone exactly, keeping what was written to the record kept since, and cannot be undone twice', () => {
    const { older, newer } = twoRecordsOfOnePerson();
    const child = register({ chosenName: 'Sami Hassan' });
    fx.people.families.link({ withPersonId: newer, relationship: 'child-biological' }, child);
    const olderBefore = fx.people.view(fx.protection, older);
    const newerBefore = fx.people.view(fx.protection, newer);
    const newerHistory = fx.people.history(fx.protection, newer);

    const { mergeId } = fx.people.merges.merge(fx.protection.id, older, newer);
    fx.people.update(fx.protection, { id: older, set: { phone: '+961 70 000 000' }, clear: [] });
    const undone = fx.people.merges.undo(fx.protection.id, mergeId);
    expect(undone.moved).toEqual({ documents: 1, consents: 2, history: 4, memberships: 1, referrals: 0 });

    const newerAfter = fx.people.view(fx.protection, newer);
    expect(newerAfter).toEqual({ ...newerBefore, merged: [] });
    expect(fx.people.history(fx.protection, newer)).toEqual(newerHistory);
    const olderAfter = fx.people.view(fx.protection, older);
    expect(olderAfter.fields).toEqual({ ...olderBefore.fields, phone: '+961 70 000 000' });
    expect(olderAfter.consents).toEqual(olderBefore.consents);
    expect(olderAfter.family).toBeUndefined();
    expect(fx.people.search(fx.clerk, numberOf(newer)).map((p) => p.id)).toEqual([newer]);
    expect(fx.people.search(fx.clerk, 'Mohammed Hassan').map((p) => p.id).sort()).toEqual([older, newer].sort());
    expect(codeOf(() => fx.people.merges.undo(fx.protection.id, mergeId)).code).toBe('merge_undone');
  });

  it('ends the merged person’s unit membership when the record kept has a unit, and undo gives it back', () => {
    const { older, newer } = twoRecordsOfOnePerson();
    const partner = register({ chosenName: 'Amal Saleh' });
    const child = register({ chosenName: 'Sami Hassan' });
    fx.people.families.link({ withPersonId: older, relationship: 'partner' }, partner);
    fx.people.families.link({ withPersonId: newer, relationship: 'child-biological' }, child);
    const { mergeId } = fx.people.merges.merge(fx.protection.id, older, newer);
    expect(fx.people.view(fx.protection, older).family?.members.map((m) => m.person.id).sort()).toEqual([older, partner].sort());
    expect(fx.people.view(fx.protection, child).family?.members.map((m) => m.person.id)).toEqual([child]);
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(fx.people.view(fx.protection, newer).family?.members.map((m) => m.person.id).sort()).toEqual([newer, child].sort());
  });

  it('gives a copied document an id of its own when the record kept already uses that id', () => {
    const a = register({ chosenName: 'Omar Haddad', documents: [{ id: 'import-2', type: 'national-id', number: 'A1' }] });
    const b = register({ chosenName: 'عمر حداد', documents: [{ id: 'import-2', type: 'passport', number: 'P9' }] });
    const { mergeId } = fx.people.merges.merge(fx.protection.id, a, b);
    const documents = fx.people.view(fx.protection, a).fields.documents ?? [];
    expect(documents.map((d) => d.number)).toEqual(['A1', 'P9']);
    expect(new Set(documents.map((d) => d.id)).size).toBe(2);
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(fx.people.view(fx.protection, a).fields.documents).toEqual([{ id: 'import-2', type: 'national-id', number: 'A1' }]);
  });
});

describe('several merges into one record', () => {
  it('undoing the first keeps a document the second merged record holds too, and undoing the second then removes it', () => {
    const passport = { type: 'passport' as const, number: 'N0123456', nameOnDocument: 'HASSAN Mohammed' };
    const kept = register({ chosenName: 'Mohammed Hassan' });
    const first = register({ chosenName: 'محمد حسن', documents: [{ id: 'a-1', ...passport }] });
    const second = register({ chosenName: 'Mohamed Hasan', documents: [{ id: 'b-7', ...passport }] });
    const firstMerge = fx.people.merges.merge(fx.protection.id, kept, first);
    const secondMerge = fx.people.merges.merge(fx.protection.id, kept, second);
    expect(secondMerge.moved.documents).toBe(0);

    fx.people.merges.undo(fx.protection.id, firstMerge.mergeId);
    expect(fx.people.view(fx.protection, kept).fields.documents?.map((d) => d.number)).toEqual(['N0123456']);
    expect(fx.people.view(fx.protection, first).fields.documents?.map((d) => d.number)).toEqual(['N0123456']);

    fx.people.merges.undo(fx.protection.id, secondMerge.mergeId);
    expect(fx.people.view(fx.protection, kept).fields.documents).toBeUndefined();
    expect(fx.people.view(fx.protection, second).fields.documents?.map((d) => d.id)).toEqual(['b-7']);
  });

  it('proposes first, as the record to keep, the one others were merged into', () => {
    const older = register({ chosenName: 'خالد عمر', birth: { precision: 'year', year: 1985 } });
    const kept = register({ chosenName: 'Khalid Omar', birth: { precision: 'year', year: 1985 } });
    const third = register({ chosenName: 'Khaled Omar', birth: { precision: 'year', year: 1985 } });
    fx.people.merges.merge(fx.protection.id, kept, third);
    const pair = fx.people.duplicatePairs(fx.protection, 'normal', 50).find((p) => [p.first.id, p.second.id].includes(older));
    expect(pair?.first.id).toBe(kept);
    expect(pair?.second.id).toBe(older);
    expect(() => fx.people.merges.merge(fx.protection.id, pair?.first.id ?? 0, pair?.second.id ?? 0)).not.toThrow();
  });
});

describe('consent after a merge', () => {
  it('withdrawing SOGIESC consent on the record kept erases the values the merged record holds too, and reveal reads only the record kept', () => {
    const kept = register({ chosenName: 'Samir Haddad' }, ['register']);
    const merged = register({ chosenName: 'سمير حداد', sexualOrientation: { kind: 'self-described', text: 'in my own words' } }, ['register', 'sogiesc']);
    fx.people.merges.merge(fx.protection.id, kept, merged);
    expect(fx.people.reveal(fx.protection, merged, 'sexualOrientation')).toBeUndefined();
    fx.people.setConsent(fx.protection, kept, 'sogiesc', false);
    const stored = fx.db.prepare<[number], { tier2: string }>('SELECT tier2 FROM people WHERE id = ?').get(merged);
    expect(JSON.parse(stored?.tier2 ?? '{}')).not.toHaveProperty('sexualOrientation');
    expect(JSON.stringify(fx.db.prepare('SELECT old_value, new_value FROM person_history').all())).not.toContain('in my own words');
  });
});

describe('a merge that would overfill the record kept', () => {
  it('is refused, naming the limit, and changes nothing', () => {
    const documents = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, type: 'other' as const, number: `${prefix}${i}` }));
    const kept = register({ chosenName: 'Karim Saleh', documents: documents('K', 12) });
    const merged = register({ chosenName: 'كريم صالح', documents: documents('M', 9) });
    expect(codeOf(() => fx.people.merges.merge(fx.protection.id, kept, merged))).toMatchObject({
      code: 'merge_too_many_documents',
      params: { registrationNumber: numberOf(kept), max: 20 },
    });
    expect(fx.people.view(fx.protection, merged).id).toBe(merged);
    expect(fx.people.view(fx.protection, kept).fields.documents).toHaveLength(12);
  });
});
