import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIFIC_NEEDS, type Relationship } from '../../../src/shared/catalogue';
import { ageOf } from '../../../src/main/people/age';
import { readPerson } from '../../../src/main/people/person-store';
import { seedPeople } from '../../../src/main/seed/seeder';
import {
  ageBracketOf,
  compositionOf,
  reportingGenderColumnOf,
  livelihoodClassOf,
  sogiescClassOf,
  unitSizeOf,
  type Answer,
  type UnitMember,
} from '../../../src/main/stats/classify';
import { PEOPLE_BY_STATISTICS_INDEX, STATISTICS_INDEX_SQL } from '../../../src/main/stats/collect';
import { countPeriod, type Counts } from '../../../src/main/stats/count';
import { periodOf, timestampRange } from '../../../src/main/stats/period';
import { peopleFixture, type PeopleFixture } from '../people/people-db';

const TODAY = new Date('2026-11-25T10:00:00.000Z');

function answer(value: unknown): Answer {
  const v = value as { kind?: string; value?: string } | undefined;
  return { kind: v?.kind ?? null, value: v?.value ?? null };
}

/** The same counts, the slow and obvious way: every record read whole through the person store. */
function recount(fixture: PeopleFixture, from: string, to: string, granularity: 'week' | 'month'): Omit<Counts, 'period' | 'keys' | 'tableKeys'> {
  const db = fixture.db;
  const period = periodOf(from, to, granularity);
  const range = timestampRange(period);
  const referenceDate = new Date(`${period.to < TODAY.toISOString().slice(0, 10) ? period.to : TODAY.toISOString().slice(0, 10)}T00:00:00Z`);
  const rows = db.prepare<[string, string], { id: number; registered_at: string }>('SELECT id, registered_at FROM people WHERE registered_at >= ? AND registered_at < ?').all(range.fromInclusive, range.toExclusive);
  const result = countPeriod(db, { ...period, buckets: period.buckets }, TODAY);
  const expected = {
    people: rows.length,
    registrations: new Map(period.buckets.map((bucket) => [bucket, 0])),
    ageGender: structuredClone(result.ageGender),
    nationality: new Map<string, number>(),
    specificNeeds: Object.fromEntries(SPECIFIC_NEEDS.map((need) => [need, 0])) as Record<string, number>,
    documentMismatch: { recorded: 0, notRecorded: 0 },
    recordStatus: { active: 0, departed: 0, relocated: 0, deceased: 0, closed: 0 },
    unaccompanied: structuredClone(result.unaccompanied),
    sogiesc: { lgbtiq: 0, other: 0, 'not-recorded': 0 },
    livelihood: { 'sex-work': 0, other: 0, 'not-recorded': 0 },
    protectionNeeds: { recorded: 0, notRecorded: 0 },
    familyUnits: structuredClone(result.familyUnits),
  };
  for (const grid of [expected.ageGender, expected.unaccompanied, expected.familyUnits] as Record<string, Record<string, number>>[]) {
    for (const row of Object.values(grid)) for (const key of Object.keys(row)) row[key] = 0;
  }
  const units = new Set<number>();
  for (const row of rows) {
    const fields = readPerson(db, row.id, [0, 1, 2])!.fields;
    const bucket = granularity === 'month' ? row.registered_at.slice(0, 7) : isoWeek(row.registered_at);
    expected.registrations.set(bucket, (expected.registrations.get(bucket) ?? 0) + 1);
    const bracket = ageBracketOf(ageOf(fields.birth, new Date(row.registered_at))?.years);
    const gender = reportingGenderColumnOf(fields.genderForReporting);
    expected.ageGender[bracket][gender] += 1;
    const nationality = fields.nationalities?.[0] ?? 'not-recorded';
    expected.nationality.set(nationality, (expected.nationality.get(nationality) ?? 0) + 1);
    for (const need of fields.specificNeeds ?? []) expected.specificNeeds[need] = (expected.specificNeeds[need] ?? 0) + 1;
    if (fields.specificNeeds?.includes('unaccompanied-or-separated-child')) {
      expected.unaccompanied[bracket === '18-59' || bracket === '60+' ? '18+' : bracket][gender] += 1;
    }
    expected.documentMismatch[fields.documentMismatch ? 'recorded' : 'notRecorded'] += 1;
    // The status on the reference day: the latest change dated on or before it, read one by one.
    const history = fixture.people.view(fixture.protection, row.id).statusHistory;
    expected.recordStatus[history.find((entry) => entry.effectiveOn <= referenceDate.toISOString().slice(0, 10))?.status ?? 'active'] += 1;
    expected.sogiesc[sogiescClassOf(answer(fields.genderIdentity), answer(fields.sexualOrientation), answer(fields.sexCharacteristics))] += 1;
    expected.livelihood[livelihoodClassOf(answer(fields.livelihood))] += 1;
    expected.protectionNeeds[(fields.protectionNeeds?.length ?? 0) > 0 ? 'recorded' : 'notRecorded'] += 1;
    const unit = db.prepare<[number], { unit_id: number }>('SELECT unit_id FROM family_memberships WHERE person_id = ? AND left_at IS NULL').get(row.id);
    if (unit) units.add(unit.unit_id);
    else expected.familyUnits[compositionOf([member(fixture, row.id, 'focal-point', referenceDate)])].size1 += 1;
  }
  for (const unitId of units) {
    const members = db
      .prepare<[number], { person_id: number; relationship: Relationship }>('SELECT person_id, relationship FROM family_memberships WHERE unit_id = ? AND left_at IS NULL')
      .all(unitId)
      .map((m) => member(fixture, m.person_id, m.relationship, referenceDate));
    expected.familyUnits[compositionOf(members)][unitSizeOf(members.length)] += 1;
  }
  return expected;
}

function member(fixture: PeopleFixture, id: number, relationship: Relationship, on: Date): UnitMember {
  const fields = readPerson(fixture.db, id, [0, 1, 2])!.fields;
  return { relationship, age: ageOf(fields.birth, on)?.years, gender: reportingGenderColumnOf(fields.genderForReporting) };
}

function isoWeek(timestamp: string): string {
  const date = new Date(`${timestamp.slice(0, 10)}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const week = Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

describe('counts from SQL match a record-by-record recount', () => {
  let fixture: PeopleFixture;
  beforeAll(() => {
    fixture = peopleFixture(TODAY.toISOString());
    seedPeople(fixture.db, fixture.protection, { count: 900, seed: 11, today: TODAY }, () => undefined);
    // Edge cases: nothing but a name; and a unit whose focal point registered long before.
    const bare = fixture.people.registerId(fixture.clerk, { fields: { chosenName: 'Bare Record' }, consents: ['register'] });
    fixture.people.registerId(fixture.clerk, {
      fields: { chosenName: 'Late Child', birth: { precision: 'year', year: 2020 } },
      consents: ['register'],
      family: { withPersonId: 1, relationship: 'child-adopted' },
    });
    expect(bare).toBeGreaterThan(900);
    // Changes of status: one after the old quarter, one within it, one closing, two on one person.
    fixture.people.setStatus(fixture.clerk, 3, { status: 'departed', effectiveOn: '2026-11-10' });
    fixture.people.setStatus(fixture.clerk, 4, { status: 'relocated', effectiveOn: '2025-09-15' });
    fixture.people.setStatus(fixture.clerk, 5, { status: 'closed', reason: 'other', effectiveOn: '2025-01-02' });
    fixture.people.setStatus(fixture.clerk, 6, { status: 'deceased', effectiveOn: '2026-11-20' });
    fixture.people.setStatus(fixture.clerk, 6, { status: 'active', effectiveOn: '2026-11-21' });
  });
  afterAll(() => fixture.close());

  for (const [name, from, to, granularity] of [
    ['the whole history, by week', '2025-01-01', '2026-12-31', 'week'],
    ['one month (units looked up through their people)', '2026-11-01', '2026-11-30', 'month'],
    ['an old quarter', '2025-08-01', '2025-10-31', 'month'],
  ] as const) {
    it(name, () => {
      const expected = recount(fixture, from, to, granularity);
      const counted = countPeriod(fixture.db, periodOf(from, to, granularity), TODAY);
      // The record keys' sums are checked by the attack suite (tests/unit/stats/attacks.test.ts).
      const { period: _period, keys: _keys, tableKeys: _tableKeys, ...actual } = counted;
      expect(actual).toEqual(expected);
    });
  }

  it('reads the same through the statistics index (migrations 4 and 7) as without it', () => {
    fixture.db.exec('DROP INDEX IF EXISTS people_statistics');
    const before = countPeriod(fixture.db, periodOf('2025-01-01', '2026-12-31', 'week'), TODAY);
    fixture.db.exec(STATISTICS_INDEX_SQL);
    // Covering: the expressions in the query are the index's, so no table row is read.
    const plan = fixture.db.prepare(`EXPLAIN QUERY PLAN ${PEOPLE_BY_STATISTICS_INDEX}`).all('a', 'b') as { detail: string }[];
    expect(plan.map((step) => step.detail).join()).toContain('COVERING INDEX people_statistics');
    expect(countPeriod(fixture.db, periodOf('2025-01-01', '2026-12-31', 'week'), TODAY)).toEqual(before);
  });
});
