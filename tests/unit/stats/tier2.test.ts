import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GENDER_IDENTITIES,
  LIVELIHOODS,
  SENSITIVE_SPECIFIC_NEEDS,
  SEX_CHARACTERISTICS,
  SEXUAL_ORIENTATIONS,
  type PersonFields,
} from '../../../src/shared/catalogue';
import { DisclosureRuleError, SUPPRESSED, englishStatsLabel, type PublishedTable } from '../../../src/shared/stats';
import { computeStatistics, exportCsv } from '../../../src/main/stats';
import { peopleFixture, type PeopleFixture } from '../people/people-db';

const TODAY = '2026-11-25T10:00:00.000Z';
/** Breakdowns are published only for months that have ended: the tables are asked for in December. */
const LATER = new Date('2026-12-02T10:00:00.000Z');
const REQUEST = { from: '2026-11-01', to: '2026-11-30' };

function cell(tables: PublishedTable[], id: PublishedTable['id'], row: string) {
  const table = tables.find((candidate) => candidate.id === id)!;
  return table.cells[table.rows.findIndex((heading) => heading.code === row)]?.[0];
}

describe('tier-2 breakdowns', () => {
  let fixture: PeopleFixture;
  beforeAll(() => {
    fixture = peopleFixture(TODAY);
    const register = (fields: Omit<PersonFields, 'chosenName'>, index: number) =>
      fixture.people.registerId(fixture.protection, { fields: { chosenName: `Person ${index}`, ...fields }, consents: ['register', 'sogiesc'] });
    let index = 0;
    // 7 LGBTIQ+ people (of several kinds), 7 with a document mismatch, 7 in sex work, 7 survivors:
    // each 7 is above k = 5 but below the sensitive threshold of 10.
    const lgbtiq: Omit<PersonFields, 'chosenName'>[] = [
      { sexualOrientation: { kind: 'listed', value: 'lesbian' } },
      { sexualOrientation: { kind: 'listed', value: 'gay' } },
      { sexualOrientation: { kind: 'listed', value: 'bisexual' } },
      { sexualOrientation: { kind: 'self-described', text: 'pansexual' } },
      { genderIdentity: { kind: 'listed', value: 'non-binary' } },
      { genderIdentity: { kind: 'self-described', text: 'genderqueer' } },
      { sexCharacteristics: { kind: 'listed', value: 'intersex' } },
    ];
    lgbtiq.forEach((fields) => register({ ...fields, birth: { precision: 'year', year: 1990 } }, index++));
    for (let i = 0; i < 7; i++) register({ documentMismatch: true, livelihood: { kind: 'listed', value: 'sex-work' }, protectionNeeds: ['sgbv'] }, index++);
    for (let i = 0; i < 40; i++) register({ sexualOrientation: { kind: 'listed', value: 'heterosexual' }, livelihood: { kind: 'listed', value: 'employment' } }, index++);
    for (let i = 0; i < 20; i++) register({}, index++);
  });
  afterAll(() => fixture.close());

  it('are published only as merged categories', () => {
    const { report } = computeStatistics(fixture.db, REQUEST, LATER);
    const codes = (id: PublishedTable['id']) => report.tables.find((table) => table.id === id)!.rows.map((row) => row.code);
    expect(codes('sogiesc')).toEqual(['lgbtiq', 'other', 'not-recorded']);
    expect(codes('livelihood')).toEqual(['sex-work', 'other', 'not-recorded']);
    expect(codes('protectionNeeds')).toEqual(['recorded', 'not-recorded']);
    // No table has a row or column for an individual tier-2 answer.
    const raw = new Set<string>([
      ...SEXUAL_ORIENTATIONS,
      ...SEX_CHARACTERISTICS,
      ...SENSITIVE_SPECIFIC_NEEDS,
      ...GENDER_IDENTITIES.filter((value) => value !== 'woman' && value !== 'man'),
      ...LIVELIHOODS.filter((value) => value !== 'sex-work'),
    ]);
    for (const table of report.tables) {
      for (const heading of [...table.rows, ...table.columns]) expect(raw.has(heading.code)).toBe(false);
      expect(table.sensitive).toBe(['sogiesc', 'livelihood', 'protectionNeeds'].includes(table.id));
    }
    const csv = exportCsv(report, { label: englishStatsLabel, language: 'en' });
    for (const word of ['lesbian', 'bisexual', 'pansexual', 'genderqueer', 'intersex', 'sgbv', 'torture', 'heterosexual']) expect(csv.toLowerCase()).not.toContain(word);
  });

  it('are held to the higher threshold, while other tables use k', () => {
    const { report } = computeStatistics(fixture.db, REQUEST, LATER);
    expect(cell(report.tables, 'sogiesc', 'lgbtiq')).toBe(SUPPRESSED);
    expect(cell(report.tables, 'livelihood', 'sex-work')).toBe(SUPPRESSED);
    expect(cell(report.tables, 'protectionNeeds', 'recorded')).toBe(SUPPRESSED);
    // Published, perturbed by at most 2 and never below k (the exact 7 before perturbation).
    const mismatch = cell(report.tables, 'documentMismatch', 'recorded');
    expect(typeof mismatch === 'number' && mismatch >= 5 && Math.abs(mismatch - 7) <= 2).toBe(true);
    for (const id of ['sogiesc', 'livelihood', 'protectionNeeds'] as const) expect(report.tables.find((table) => table.id === id)!.threshold).toBe(10);
  });

  it('cannot be lowered below 10 to publish them, and the thresholds follow a raised request', () => {
    // Before issue 11, kSensitive 7 published these 7s; combining exports at several k then narrowed them.
    expect(() => computeStatistics(fixture.db, { ...REQUEST, kSensitive: 7 }, LATER)).toThrow(DisclosureRuleError);
    const raised = computeStatistics(fixture.db, { ...REQUEST, k: 8 }, LATER).report;
    expect(cell(raised.tables, 'documentMismatch', 'recorded')).toBe(SUPPRESSED);
  });
});
