/**
 * Undoing a merge of two records of one person after the family units were edited (issue 10,
 * item 6): what a careful protection officer, or someone trying to slip a person into or out of a
 * family through a merge and its undo, would notice. An undo gives the merged record back every
 * membership that came from it, as the later edits left it; it never gives the record kept a unit
 * it only held through the merged record, never brings back a membership someone was removed from,
 * never leaves a merged record in a unit, and refuses, naming the cause, where a later edit makes
 * an exact undo impossible.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/shared/errors';
import type { Relationship } from '../../../src/shared/catalogue';
import { peopleFixture, type PeopleFixture } from './people-db';

let fx: PeopleFixture;
beforeEach(() => {
  fx = peopleFixture();
});
afterEach(() => fx.close());

function register(chosenName: string): number {
  return fx.people.registerId(fx.protection, { fields: { chosenName }, consents: ['register'] });
}

function link(personId: number, withPersonId: number, relationship: Relationship = 'child-biological'): number {
  return fx.people.families.link({ withPersonId, relationship }, personId);
}

function codeOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

/** A person's current unit as [person, relationship] pairs sorted by person, or undefined. */
function unitOf(personId: number): [number, Relationship][] | undefined {
  return fx.people.families
    .unitOf(personId)
    ?.members.map((member): [number, Relationship] => [member.person.id, member.relationship])
    .sort((a, b) => a[0] - b[0]);
}

function unitIdOf(personId: number): number | undefined {
  return fx.people.families.unitOf(personId)?.id;
}

/** No unit anywhere has a current member whose record is merged into another. */
function noMergedMember(): void {
  const rows = fx.db
    .prepare('SELECT m.id FROM family_memberships m JOIN people p ON p.id = m.person_id WHERE m.left_at IS NULL AND p.merged_into IS NOT NULL')
    .all();
  expect(rows).toEqual([]);
}

function snapshot(): unknown {
  return {
    memberships: fx.db.prepare('SELECT * FROM family_memberships ORDER BY id').all(),
    merges: fx.db.prepare('SELECT * FROM person_merges ORDER BY id').all(),
    people: fx.db.prepare('SELECT id, merged_into FROM people ORDER BY id').all(),
  };
}

/**
 * The record kept has no unit; the merged record is the focal point of a unit with a child and a
 * partner. The merge moves that membership to the record kept.
 */
function keptWithoutUnit() {
  const kept = register('Mohammed Hassan');
  const merged = register('محمد حسن');
  const child = register('Sami Hassan');
  const partner = register('Amal Saleh');
  const unit = link(child, merged);
  link(partner, merged, 'partner');
  const { mergeId } = fx.people.merges.merge(fx.protection.id, kept, merged);
  noMergedMember();
  expect(unitOf(kept)).toEqual([
    [kept, 'focal-point'],
    [child, 'child-biological'],
    [partner, 'partner'],
  ]);
  return { kept, merged, child, partner, unit, mergeId };
}

/**
 * Both records are in a unit: the record kept with a partner, the merged record as the focal point
 * of a unit with a child. The merge ends the merged record's membership.
 */
function bothInUnits() {
  const kept = register('Mohammed Hassan');
  const merged = register('محمد حسن');
  const partner = register('Amal Saleh');
  const child = register('Sami Hassan');
  const sibling = register('Rami Hassan');
  const keptUnit = link(partner, kept, 'partner');
  const mergedUnit = link(child, merged);
  link(sibling, merged);
  const { mergeId } = fx.people.merges.merge(fx.protection.id, kept, merged);
  noMergedMember();
  expect(unitOf(child)).toEqual([
    [child, 'child-biological'],
    [sibling, 'child-biological'],
  ]);
  return { kept, merged, partner, child, sibling, keptUnit, mergedUnit, mergeId };
}

describe('undo after the unit the merged record brought was edited', () => {
  it('(a) the record kept was removed from it: neither record is put back', () => {
    const { kept, merged, child, partner, mergeId } = keptWithoutUnit();
    fx.people.families.remove(kept);
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitOf(kept)).toBeUndefined();
    expect(unitOf(merged)).toBeUndefined();
    expect(unitOf(child)).toEqual([
      [child, 'child-biological'],
      [partner, 'partner'],
    ]);
    noMergedMember();
  });

  it('(b) it was split, the record kept going to the new unit: the merged record is in the new unit, the record kept in none', () => {
    const { kept, merged, child, partner, unit, mergeId } = keptWithoutUnit();
    const split = fx.people.families.split(unit, [kept, child]);
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitOf(kept)).toBeUndefined();
    expect(unitIdOf(merged)).toBe(split.id);
    expect(unitOf(merged)).toEqual([
      [merged, 'focal-point'],
      [child, 'child-biological'],
    ]);
    expect(unitOf(partner)).toEqual([[partner, 'partner']]);
    noMergedMember();
  });

  it('(b) it was merged into another unit: the merged record follows into that unit, the record kept is in none', () => {
    const { kept, merged, child, unit, mergeId } = keptWithoutUnit();
    const aunt = register('Huda Hassan');
    const cousin = register('Lina Hassan');
    const other = link(cousin, aunt);
    fx.people.families.merge(other, unit);
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitOf(kept)).toBeUndefined();
    expect(unitIdOf(merged)).toBe(other);
    expect(unitOf(merged)?.find(([id]) => id === merged)).toEqual([merged, 'other']);
    expect(unitIdOf(child)).toBe(other);
    noMergedMember();
  });

  it('(c) the relationship of the record kept was changed: the merged record has the new relationship, the record kept no unit', () => {
    const { kept, merged, child, partner, unit, mergeId } = keptWithoutUnit();
    fx.people.families.setRelationship(child, 'focal-point');
    expect(unitOf(kept)?.find(([id]) => id === kept)).toEqual([kept, 'other']);
    fx.people.families.setRelationship(kept, 'partner');
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitOf(kept)).toBeUndefined();
    expect(unitIdOf(merged)).toBe(unit);
    expect(unitOf(merged)).toEqual([
      [merged, 'partner'],
      [child, 'focal-point'],
      [partner, 'partner'],
    ]);
    noMergedMember();
  });

  it('(e) the record kept was moved to another unit: the merged record is in it, and the record kept gets no unit it never had', () => {
    const { kept, merged, child, partner, mergeId } = keptWithoutUnit();
    const aunt = register('Huda Hassan');
    const other = link(kept, aunt, 'sibling');
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitOf(kept)).toBeUndefined();
    expect(unitIdOf(merged)).toBe(other);
    expect(unitOf(merged)).toEqual([
      [merged, 'sibling'],
      [aunt, 'focal-point'],
    ]);
    expect(unitOf(child)).toEqual([
      [child, 'child-biological'],
      [partner, 'partner'],
    ]);
    noMergedMember();
  });

  it('(e) a unit made around the record kept after a removal stays with the record kept', () => {
    const { kept, merged, mergeId } = keptWithoutUnit();
    fx.people.families.remove(kept);
    const friend = register('Nour Saleh');
    link(friend, kept, 'other');
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitOf(kept)).toEqual([
      [kept, 'focal-point'],
      [friend, 'other'],
    ]);
    expect(unitOf(merged)).toBeUndefined();
    noMergedMember();
  });

  it('someone added to the unit through the record kept stays in it, with the merged record', () => {
    const { kept, merged, unit, mergeId } = keptWithoutUnit();
    const baby = register('Yara Hassan');
    link(baby, kept);
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitIdOf(baby)).toBe(unit);
    expect(unitIdOf(merged)).toBe(unit);
    expect(unitOf(kept)).toBeUndefined();
  });
});

describe('undo after the unit the merged record left was edited', () => {
  it('(a) the record kept left its own unit: the merged record gets its unit back, the record kept stays out', () => {
    const { kept, merged, child, sibling, mergedUnit, mergeId } = bothInUnits();
    fx.people.families.remove(kept);
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitOf(kept)).toBeUndefined();
    expect(unitIdOf(merged)).toBe(mergedUnit);
    expect(unitOf(merged)).toEqual([
      [merged, 'focal-point'],
      [child, 'child-biological'],
      [sibling, 'child-biological'],
    ]);
    noMergedMember();
  });

  it('(b) part of it was split off: the merged record goes back to what is left of it', () => {
    const { merged, child, sibling, mergedUnit, mergeId } = bothInUnits();
    fx.people.families.split(mergedUnit, [child]);
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitIdOf(merged)).toBe(mergedUnit);
    expect(unitOf(merged)).toEqual([
      [merged, 'focal-point'],
      [sibling, 'child-biological'],
    ]);
    expect(unitOf(child)).toEqual([[child, 'focal-point']]);
  });

  it('(b) another unit was merged into it: the merged record goes back, with the newcomers', () => {
    const { merged, child, sibling, mergedUnit, mergeId } = bothInUnits();
    const aunt = register('Huda Hassan');
    const cousin = register('Lina Hassan');
    fx.people.families.merge(mergedUnit, link(cousin, aunt));
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitIdOf(merged)).toBe(mergedUnit);
    expect(unitOf(merged)).toEqual([
      [merged, 'focal-point'],
      [child, 'child-biological'],
      [sibling, 'child-biological'],
      [aunt, 'other'],
      [cousin, 'child-biological'],
    ]);
  });

  it('(b) it was merged into another unit since: the undo is refused, naming the record, and changes nothing', () => {
    const { merged, mergedUnit, mergeId } = bothInUnits();
    const aunt = register('Huda Hassan');
    const cousin = register('Lina Hassan');
    fx.people.families.merge(link(cousin, aunt), mergedUnit);
    const before = snapshot();
    expect(codeOf(() => fx.people.merges.undo(fx.protection.id, mergeId))).toMatchObject({
      code: 'merge_undo_unit_moved',
      params: { registrationNumber: fx.people.summaryOf(merged).registrationNumber },
    });
    expect(snapshot()).toEqual(before);
    noMergedMember();
  });

  it('(c) a relationship in it was changed: the merged record goes back with its own relationship', () => {
    const { merged, child, sibling, mergedUnit, mergeId } = bothInUnits();
    fx.people.families.setRelationship(sibling, 'child-adopted');
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitIdOf(merged)).toBe(mergedUnit);
    expect(unitOf(merged)).toEqual([
      [merged, 'focal-point'],
      [child, 'child-biological'],
      [sibling, 'child-adopted'],
    ]);
  });

  it('(c) another member became its focal point since: the undo is refused rather than give the unit two, and works once that is changed', () => {
    const { merged, child, mergedUnit, mergeId } = bothInUnits();
    fx.people.families.setRelationship(child, 'focal-point');
    const before = snapshot();
    expect(codeOf(() => fx.people.merges.undo(fx.protection.id, mergeId))).toMatchObject({
      code: 'merge_undo_focal_point',
      params: { registrationNumber: fx.people.summaryOf(merged).registrationNumber },
    });
    expect(snapshot()).toEqual(before);
    fx.people.families.setRelationship(child, 'child-biological');
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitIdOf(merged)).toBe(mergedUnit);
    expect(unitOf(merged)?.filter(([, relationship]) => relationship === 'focal-point')).toEqual([[merged, 'focal-point']]);
  });

  it('(d) everyone else was removed from it: the merged record goes back to it, alone, as before', () => {
    const { kept, merged, child, sibling, keptUnit, mergedUnit, mergeId } = bothInUnits();
    fx.people.families.remove(child);
    fx.people.families.remove(sibling);
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitIdOf(merged)).toBe(mergedUnit);
    expect(unitOf(merged)).toEqual([[merged, 'focal-point']]);
    expect(unitOf(child)).toBeUndefined();
    expect(unitOf(sibling)).toBeUndefined();
    expect(unitIdOf(kept)).toBe(keptUnit);
  });

  it('(d) everyone else was moved to other units: the undo is refused, and changes nothing', () => {
    const { mergedUnit, child, sibling, mergeId } = bothInUnits();
    fx.people.families.split(mergedUnit, [child, sibling]);
    const before = snapshot();
    expect(codeOf(() => fx.people.merges.undo(fx.protection.id, mergeId)).code).toBe('merge_undo_unit_moved');
    expect(snapshot()).toEqual(before);
  });

  it('(e) the record kept joined another unit: the merged record gets its own back, the record kept keeps the new one', () => {
    const { kept, merged, mergedUnit, mergeId } = bothInUnits();
    const aunt = register('Huda Hassan');
    const other = link(kept, aunt, 'sibling');
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(unitIdOf(kept)).toBe(other);
    expect(unitIdOf(merged)).toBe(mergedUnit);
    noMergedMember();
  });
});

describe('history and several merges', () => {
  it('an undo keeps every past membership as history, on the record it belongs to', () => {
    const { kept, merged, unit, mergeId } = keptWithoutUnit();
    fx.people.families.setRelationship(kept, 'partner');
    fx.people.merges.undo(fx.protection.id, mergeId);
    expect(fx.people.families.historyOf(kept)).toEqual([]);
    expect(fx.people.families.historyOf(merged).map((h) => [h.unitId, h.relationship, h.leftAt === undefined])).toEqual([
      [unit, 'focal-point', false],
      [unit, 'partner', true],
    ]);
  });

  it('two records merged into one, their undos in either order, each gets its own unit back', () => {
    const kept = register('Mohammed Hassan');
    const first = register('محمد حسن');
    const second = register('Mohamed Hasan');
    const child = register('Sami Hassan');
    const partner = register('Amal Saleh');
    const firstUnit = link(child, first);
    const secondUnit = link(partner, second, 'partner');
    const one = fx.people.merges.merge(fx.protection.id, kept, first);
    const two = fx.people.merges.merge(fx.protection.id, kept, second);
    fx.people.families.setRelationship(kept, 'sibling');
    fx.people.merges.undo(fx.protection.id, one.mergeId);
    expect(unitIdOf(first)).toBe(firstUnit);
    expect(unitOf(first)?.find(([id]) => id === first)).toEqual([first, 'sibling']);
    expect(unitOf(kept)).toBeUndefined();
    fx.people.merges.undo(fx.protection.id, two.mergeId);
    expect(unitIdOf(second)).toBe(secondUnit);
    expect(unitOf(kept)).toBeUndefined();
    noMergedMember();
  });
});
