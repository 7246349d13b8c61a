import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderDirectory } from '../../../src/main/referrals/provider-directory';
import { importProviders } from '../../../src/main/referrals/provider-import';
import { PROVIDER_CSV_HEADERS, providersCsv } from '../../../src/main/referrals/provider-csv';
import { isStale, providerEntrySchema, type ProviderEntryInput } from '../../../src/shared/providers';
import { peopleFixture, type PeopleFixture } from '../people/people-db';

let fx: PeopleFixture;
let directory: ProviderDirectory;
const TODAY = '2026-11-25T10:00:00.000Z';
beforeEach(() => {
  fx = peopleFixture(TODAY);
  directory = new ProviderDirectory(fx.db, () => new Date(TODAY));
});
afterEach(() => fx.close());

const entry = (input: ProviderEntryInput) => providerEntrySchema.parse(input);
const count = () => (fx.db.prepare('SELECT count(*) AS n FROM providers').get() as { n: number }).n;

function rowsOf(csv: string) {
  return (parse(csv, { bom: true, columns: true, info: true, skip_empty_lines: true, trim: true }) as { record: Record<string, string>; info: { lines: number } }[]).map(
    ({ record, info }) => ({ line: info.lines, cells: record }),
  );
}

const CLINIC: ProviderEntryInput = {
  names: { en: 'Rainbow Legal Clinic', ar: 'العيادة القانونية' },
  organisationType: 'lgbtiq-led',
  services: ['legal-aid', 'legal-help-after-arrest'],
  safeFor: ['lgbtiq', 'trans', 'sex-workers'],
  languages: ['AR', 'en'],
  area: 'North district',
  address: '12 Harbour Street',
  hours: 'Mon–Fri 9:00–17:00',
  contact: '+961 1 234 567',
  interpreter: 'yes',
  focalPoint: 'Dana (legal team)',
  checkedOn: '2026-10-01',
  note: 'Call ahead; the front desk is not briefed.',
};

describe('the service directory', () => {
  it('adds, lists with filters, changes and retires entries, deleting none', () => {
    const clinic = directory.add(fx.protection, entry(CLINIC));
    const shelter = directory.add(fx.supervisor, entry({ names: { fr: 'Maison sûre' }, organisationType: 'women-led', services: ['shelter-safe-housing'], safeFor: ['survivors'], area: 'south district' }));
    expect(clinic).toMatchObject({ globalId: expect.stringMatching(/^[0-9a-f]{32}$/), languages: ['ar', 'en'], interpreter: 'yes', stale: false, retiredAt: null });
    expect(shelter.stale).toBe(true);

    expect(directory.list(fx.clerk, { service: 'legal-aid' }).map((p) => p.id)).toEqual([clinic.id]);
    expect(directory.list(fx.clerk, { safeFor: 'survivors' }).map((p) => p.id)).toEqual([shelter.id]);
    expect(directory.list(fx.clerk, { area: ' SOUTH district ' }).map((p) => p.id)).toEqual([shelter.id]);

    const changed = directory.update(fx.protection, clinic.id, entry({ ...CLINIC, hours: 'Mon–Thu 9:00–15:00' }));
    expect(changed.hours).toBe('Mon–Thu 9:00–15:00');
    const retired = directory.retire(fx.supervisor, clinic.id);
    expect(retired.retiredAt).toBe(TODAY);
    expect(directory.list(fx.clerk).map((p) => p.id)).toEqual([shelter.id]);
    expect(directory.list(fx.clerk, { includeRetired: true })).toHaveLength(2);
    expect(() => directory.update(fx.protection, clinic.id, entry(CLINIC))).toThrow(expect.objectContaining({ code: 'provider_retired' }));
    expect(count()).toBe(2);
  });

  it('gives the focal point and the internal note to supervisors and protection officers only', () => {
    const clinic = directory.add(fx.protection, entry(CLINIC));
    const seenByClerk = directory.get(fx.clerk, clinic.id);
    expect(seenByClerk).not.toHaveProperty('focalPoint');
    expect(seenByClerk).not.toHaveProperty('note');
    expect(directory.list(fx.clerk)[0]).not.toHaveProperty('note');
    expect(directory.get(fx.supervisor, clinic.id)).toMatchObject({ focalPoint: 'Dana (legal team)', note: CLINIC.note });
  });

  it('flags an entry stale when never checked or checked more than 180 days ago', () => {
    const today = new Date(TODAY);
    expect(isStale(null, today)).toBe(true);
    expect(isStale('2026-05-29', today)).toBe(false);
    expect(isStale('2026-05-28', today)).toBe(true);
  });

  it('refuses an entry without a name, a service, or with an unknown code', () => {
    expect(providerEntrySchema.safeParse({ names: {}, organisationType: 'ngo', services: ['health'] }).success).toBe(false);
    expect(providerEntrySchema.safeParse({ names: { en: 'A' }, organisationType: 'ngo', services: [] }).success).toBe(false);
    expect(providerEntrySchema.safeParse({ names: { en: 'A' }, organisationType: 'ngo', services: ['massage'] }).success).toBe(false);
    expect(providerEntrySchema.safeParse({ names: { en: 'A' }, organisationType: 'ngo', services: ['health'], languages: ['not a code!'] }).success).toBe(false);
  });
});

describe('the directory CSV import', () => {
  const header = 'name_en,name_ar,organisation_type,services,safe_for,checked_on,contact';
  const run = (csv: string, dryRun = false, recorded: unknown[] = []) =>
    importProviders(fx.db, directory, fx.protection, rowsOf(csv), { dryRun }, (result) => recorded.push(result));

  it('lists every problem by line and column and imports nothing', () => {
    const csv = [
      header,
      'Clinic One,,ngo,health;massage,,2026-01-01,', // line 2: unknown service code
      ',,ngo,health,,,', // line 3: no name
      'Clinic Three,,ngo,health,,01/02/2026,', // line 4: a date not YYYY-MM-DD
      'Clinic Four,,charity,health,,,', // line 5: unknown organisation type
      'Clinic Five,,ngo,health,everyone,,', // line 6: unknown safe-for mark
      'Good Clinic,,ngo,health,,,', // line 7: fine
    ].join('\n');
    const result = run(csv);
    expect(result.added).toBe(0);
    expect(result.rejected).toEqual([
      { line: 2, column: 'services', reason: 'not an allowed value' },
      { line: 3, column: 'name_en', reason: 'a name is required (name_en, name_ar or name_fr)' },
      { line: 4, column: 'checked_on', reason: 'not a date (YYYY-MM-DD)' },
      { line: 5, column: 'organisation_type', reason: 'not an allowed value' },
      { line: 6, column: 'safe_for', reason: 'not an allowed value' },
    ]);
    expect(count()).toBe(0);
  });

  it('names an unknown column and a missing service', () => {
    const result = run('name_en,organisation_type,services,colour\nClinic,ngo,,blue\n');
    expect(result.rejected).toEqual([
      { line: 2, column: 'colour', reason: 'unknown column' },
      { line: 2, column: 'services', reason: 'at least one service' },
    ]);
  });

  it('writes nothing on a dry run, and logs that it ran', () => {
    const recorded: unknown[] = [];
    const result = run(`${header}\nClinic,عيادة,ngo,health;hiv,lgbtiq,2026-11-01,+961 1 234 567\n`, true, recorded);
    expect(result).toEqual({ added: 1, updated: 0, rejected: [] });
    expect(count()).toBe(0);
    expect(recorded).toEqual([{ rows: 1, added: 1, updated: 0, dryRun: true }]);
  });

  it('is all or nothing: a row with an id this desk does not know stops every row', () => {
    const csv = `id,${header}\n,Clinic,,ngo,health,,,\n${'ab'.repeat(16)},Other,,ngo,health,,,\n`;
    const result = run(csv);
    expect(result.rejected).toEqual([{ line: 3, column: 'id', reason: 'no entry with this id here (leave it empty to add a new entry)' }]);
    expect(count()).toBe(0);
  });

  it('round-trips: an exported file imported again updates the entries by id, and changes nothing else', () => {
    const clinic = directory.add(fx.protection, entry(CLINIC));
    directory.add(fx.protection, entry({ names: { en: '=HYPERLINK("x")' }, organisationType: 'public', services: ['documentation'], contact: '-call first' }));
    const retired = directory.add(fx.protection, entry({ names: { fr: 'Ancien centre' }, organisationType: 'ngo', services: ['education'] }));
    directory.retire(fx.protection, retired.id);
    const before = directory.list(fx.supervisor, { includeRetired: true });
    const csv = providersCsv(before);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(Object.keys(rowsOf(csv)[0]!.cells)).toEqual(PROVIDER_CSV_HEADERS);

    expect(run(csv)).toEqual({ added: 0, updated: 2, rejected: [] });
    expect(directory.list(fx.supervisor, { includeRetired: true })).toEqual(before);
    expect(count()).toBe(3);

    const edited = csv.replace('Mon–Fri 9:00–17:00', 'Sat 10:00–12:00');
    expect(run(edited).rejected).toEqual([]);
    expect(directory.get(fx.clerk, clinic.id).hours).toBe('Sat 10:00–12:00');
    expect(count()).toBe(3);
  });

  it('an update by id keeps what a column left out of the file holds (a file without the focal point and the note empties neither)', () => {
    const clinic = directory.add(fx.protection, entry(CLINIC));
    const csv = `id,name_en,organisation_type,services,area\n${clinic.globalId},Rainbow Legal Clinic,lgbtiq-led,legal-aid;legal-help-after-arrest,South district\n`;
    expect(run(csv)).toEqual({ added: 0, updated: 1, rejected: [] });
    const after = directory.get(fx.protection, clinic.id);
    expect(after.area).toBe('South district');
    expect([after.focalPoint, after.note, after.names.ar, after.contact, after.safeFor]).toEqual([CLINIC.focalPoint, CLINIC.note, CLINIC.names.ar, CLINIC.contact, CLINIC.safeFor]);
    // A column in the file, left empty, empties it.
    expect(run(`id,name_en,organisation_type,services,note\n${clinic.globalId},Rainbow Legal Clinic,lgbtiq-led,legal-aid,\n`).rejected).toEqual([]);
    expect(directory.get(fx.protection, clinic.id).note).toBe('');
    expect(directory.get(fx.protection, clinic.id).focalPoint).toBe(CLINIC.focalPoint);
  });

  it('an update by id keeps a left-out column as stored, never read back as a CSV cell: a note that starts with a quote keeps it', () => {
    // A keeper's note "'=" is text: read back through the CSV rules it would lose its quote.
    const clinic = directory.add(fx.protection, entry({ ...CLINIC, note: "'=ask for Dana", contact: '-call first' }));
    expect(run(`id,area\n${clinic.globalId},South district\n`)).toEqual({ added: 0, updated: 1, rejected: [] });
    const after = directory.get(fx.protection, clinic.id);
    expect([after.area, after.note, after.contact, after.languages]).toEqual(['South district', "'=ask for Dana", '-call first', ['ar', 'en']]);
  });

  it('an update by id names a left-out column whose stored value is no longer allowed, and writes nothing', () => {
    const clinic = directory.add(fx.protection, entry(CLINIC));
    // A value a desk stored under an earlier, looser rule (an area longer than today's 200 characters).
    fx.db.prepare('UPDATE providers SET area = ? WHERE id = ?').run('North '.repeat(50), clinic.id);
    const result = run(`id,hours\n${clinic.globalId},Sat 10:00–12:00\n`);
    expect(result.rejected).toEqual([{ line: 2, column: 'area', reason: 'the value this entry holds is no longer allowed: give this column in the file' }]);
    expect(directory.get(fx.protection, clinic.id).hours).toBe(CLINIC.hours);
    // Given in the file, the column is read from it.
    expect(run(`id,hours,area\n${clinic.globalId},Sat 10:00–12:00,North\n`).rejected).toEqual([]);
    expect(directory.get(fx.protection, clinic.id).area).toBe('North');
  });

  it('is documented in the README column by column, as declared', () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('### Directory import and export (CLI)');
    const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
    const listed = [...section.matchAll(/^\| `([a-z_]+)` \| /gm)].map((match) => match[1]);
    expect(listed).toEqual(PROVIDER_CSV_HEADERS);
  });

  it('imports the README example', () => {
    const result = run(readFileSync('docs/providers-example.csv', 'utf8'));
    expect(result.rejected).toEqual([]);
    expect(result.added).toBeGreaterThan(0);
  });
});
