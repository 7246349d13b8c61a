import { describe, expect, it } from 'vitest';
import {
  collectHousehold,
  existingMemberDraft,
  householdFrom,
  MEMBER_FIELD_KEYS,
  newMemberDraft,
} from '../../../src/renderer/src/registration/household/household-draft';
import { registerHouseholdInputSchema } from '../../../src/shared/people';

const yusuf = { id: 7, registrationNumber: 'REG-000007', chosenName: 'Yusuf Karimi', registeredAt: '2026-11-01T10:00:00.000Z' };

function child() {
  const member = newMemberDraft();
  return {
    ...member,
    draft: { ...member.draft, chosenName: ' Omar ', birth: { precision: 'year' as const, year: '2015', date: '', age: '', asOf: '' }, genderForReporting: 'man-or-boy' },
    relationship: 'child-biological' as const,
  };
}

describe('the household part of the registration form', () => {
  it('becomes what people.registerHousehold takes, row by row, checked by the person form’s rules', () => {
    const niece = { ...newMemberDraft(), relationship: 'other' as const, relationshipText: ' niece ' };
    niece.draft = { ...niece.draft, chosenName: 'Lina' };
    const joined = { ...existingMemberDraft(yusuf), relationship: 'sibling' as const, relationshipText: 'ignored' };
    const { members, problems } = collectHousehold([child(), niece, joined], MEMBER_FIELD_KEYS);
    expect(problems).toEqual({});
    expect(members).toEqual([
      { kind: 'new', fields: { chosenName: 'Omar', birth: { precision: 'year', year: 2015 }, genderForReporting: 'man-or-boy' }, consents: [], relationship: 'child-biological' },
      { kind: 'new', fields: { chosenName: 'Lina' }, consents: [], relationship: 'other', relationshipText: 'niece' },
      { kind: 'existing', personId: 7, relationship: 'sibling' },
    ]);
    expect(registerHouseholdInputSchema.safeParse({ focalPoint: { fields: { chosenName: 'Samira' }, consents: [] }, members }).success).toBe(true);
  });

  it('names the problems of each row: a missing name, a missing relationship, "other" without words', () => {
    const nameless = { ...newMemberDraft(), relationship: 'sibling' as const };
    const unrelated = { ...child(), relationship: '' as const };
    const undescribed = { ...existingMemberDraft(yusuf), relationship: 'other' as const };
    const { members, problems } = collectHousehold([nameless, unrelated, undescribed], MEMBER_FIELD_KEYS);
    expect(members).toEqual([]);
    expect(problems[nameless.key]).toEqual({ fields: { chosenName: 'chosenName' } });
    expect(problems[unrelated.key]).toEqual({ fields: {}, relationship: 'missing' });
    expect(problems[undescribed.key]).toEqual({ fields: {}, relationship: 'textMissing' });
  });

  it('comes back from a kept draft as it was, leaving out what is not a row', () => {
    const rows = [child(), { ...existingMemberDraft(yusuf), relationship: 'sibling' as const }];
    const kept = JSON.parse(JSON.stringify(rows)) as unknown;
    expect(householdFrom(kept)).toEqual(rows);
    expect(householdFrom([{ kind: 'existing', key: 'k', person: { id: 'x' } }, { kind: 'new', key: 'n', draft: {}, relationship: 'focal-point' }, 'junk'])).toEqual([
      { kind: 'new', key: 'n', draft: {}, acknowledged: [], relationship: '', relationshipText: '' },
    ]);
    expect(householdFrom(undefined)).toEqual([]);
  });
});
