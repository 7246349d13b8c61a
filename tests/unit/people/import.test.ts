import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { importPeople } from '../../../src/main/people/importer';
import { knownColumns } from '../../../src/main/people/import-rows';
import { peopleFixture, type PeopleFixture } from './people-db';

let fx: PeopleFixture;
beforeEach(() => {
  fx = peopleFixture();
});
afterEach(() => fx.close());

const count = () => (fx.db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;

function rowsOf(csv: string) {
  return (parse(csv, { bom: true, columns: true, info: true, skip_empty_lines: true }) as { record: Record<string, string>; info: { lines: number } }[]).map(
    ({ record, info }) => ({ line: info.lines, cells: record }),
  );
}

describe('CSV import', () => {
  it('imports the README example, with its family unit and mismatch flag', () => {
    const rows = rowsOf(readFileSync('docs/import-example.csv', 'utf8'));
    const result = importPeople(fx.db, fx.people, fx.protection, rows, { dryRun: false }, () => undefined);
    expect(result).toEqual({ imported: 4, rejected: [], duplicates: [] });
    const [samira] = fx.people.search(fx.protection, 'Samira');
    const view = fx.people.view(fx.protection, samira!.id);
    expect(view.fields.documentMismatch).toBe(true);
    expect(view.fields.pronouns).toEqual({ kind: 'listed', value: 'she' });
    expect(view.family?.members.map((m) => ('relationship' in m ? m.relationship : 'hidden'))).toEqual(['focal-point', 'partner', 'dependant-non-biological']);
  });

  it('checks every row and imports nothing when any row is wrong, naming line and column', () => {
    const csv = 'chosenName,birth,phoneSafeToCall,consents\nAmal,1990,yes,register\nBilal,not-a-date,maybe,register\n,1980,,register\n';
    const result = importPeople(fx.db, fx.people, fx.clerk, rowsOf(csv), { dryRun: false }, () => undefined);
    expect(result.imported).toBe(0);
    expect(result.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, column: 'birth' }),
        expect.objectContaining({ line: 3, column: 'phoneSafeToCall' }),
        expect.objectContaining({ line: 4, column: 'chosenName', reason: 'required' }),
      ]),
    );
    expect(count()).toBe(0);
  });

  it('rolls back rows already written when a later row breaks a rule of the service, and a dry run keeps nothing', () => {
    const csv = 'chosenName,notes,consents\nAmal,,register\nBilal,private words,\n';
    const refused = importPeople(fx.db, fx.people, fx.protection, rowsOf(csv), { dryRun: false }, () => undefined);
    expect(refused).toEqual({ imported: 0, rejected: [{ line: 3, column: 'notes', reason: 'consent_required' }], duplicates: [] });
    expect(count()).toBe(0);
    const dry = importPeople(fx.db, fx.people, fx.protection, rowsOf('chosenName\nAmal\nBilal\n'), { dryRun: true }, () => undefined);
    expect(dry).toEqual({ imported: 2, rejected: [], duplicates: [] });
    expect(count()).toBe(0);
  });

  it('lists likely duplicates against the register and within the file, by line, and imports nothing until they are allowed', () => {
    const existing = fx.people.register(fx.protection, { fields: { chosenName: 'محمد الخطيب', birth: { precision: 'year', year: 1990 } }, consents: ['register'] });
    const csv = [
      'chosenName,birth,consents',
      'Mohammed Al-Khatib,1991,register', // the registered person, in Latin script
      'Rana Haddad,1985,register',
      'Amal Nasser,2001,register',
      'Rana Hadad,1986,register', // line 2 of the file again, another spelling
      'Mohammed Al-Khatib,1960,register', // same name, thirty years older: a namesake, not a duplicate
    ].join('\n');
    const listed = importPeople(fx.db, fx.people, fx.protection, rowsOf(csv), { dryRun: false }, () => undefined);
    expect(listed.imported).toBe(0);
    expect(listed.duplicates).toEqual([
      { line: 2, registrationNumbers: [existing.registrationNumber], lines: [] },
      { line: 3, registrationNumbers: [], lines: [5] },
      { line: 5, registrationNumbers: [], lines: [3] },
    ]);
    expect(count()).toBe(1);
    const allowed = importPeople(fx.db, fx.people, fx.protection, rowsOf(csv), { dryRun: false, allowDuplicates: true }, () => undefined);
    expect(allowed.imported).toBe(5);
    expect(count()).toBe(6);
  });

  it('imports languages in the person’s own words beside the codes, and refuses an overlong one by column', () => {
    const csv = 'chosenName,languages,languagesOwnWords\nDilan,ar;ku,Kurmanji of Afrin; Feyli Kurdish\n';
    expect(importPeople(fx.db, fx.people, fx.clerk, rowsOf(csv), { dryRun: false }, () => undefined)).toEqual({ imported: 1, rejected: [], duplicates: [] });
    const [dilan] = fx.people.search(fx.clerk, 'Dilan');
    const view = fx.people.view(fx.clerk, dilan!.id);
    expect(view.fields.languages).toEqual(['ar', 'ku']);
    expect(view.fields.languagesOwnWords).toEqual(['Kurmanji of Afrin', 'Feyli Kurdish']);
    const overlong = importPeople(fx.db, fx.people, fx.clerk, rowsOf(`chosenName,languagesOwnWords\nRana,${'a'.repeat(61)}\n`), { dryRun: false }, () => undefined);
    expect(overlong.rejected).toEqual([expect.objectContaining({ line: 2, column: 'languagesOwnWords' })]);
    expect(count()).toBe(1);
  });

  it('imports a preferred language in the person’s own words instead of a code, and refuses a row with both by column', () => {
    const csv = 'chosenName,preferredLanguageOwnWords\nDilan,Kurmanji of Afrin\n';
    expect(importPeople(fx.db, fx.people, fx.clerk, rowsOf(csv), { dryRun: false }, () => undefined)).toEqual({ imported: 1, rejected: [], duplicates: [] });
    const [dilan] = fx.people.search(fx.clerk, 'Dilan');
    const view = fx.people.view(fx.clerk, dilan!.id);
    expect(view.fields.preferredLanguageOwnWords).toEqual(['Kurmanji of Afrin']);
    expect(view.fields.preferredLanguage).toBeUndefined();
    const both = importPeople(fx.db, fx.people, fx.clerk, rowsOf('chosenName,preferredLanguage,preferredLanguageOwnWords\nRana,ar,Hawrami\nSara,,Hawrami;Feyli\n'), { dryRun: false }, () => undefined);
    expect(both.rejected).toEqual([
      expect.objectContaining({ line: 2, column: 'preferredLanguageOwnWords' }),
      expect.objectContaining({ line: 3, column: 'preferredLanguageOwnWords' }),
    ]);
    expect(count()).toBe(1);
  });

  it('knows every catalogue field as a column', () => {
    expect(knownColumns()).toEqual(expect.arrayContaining(['chosenName', 'genderIdentity', 'documents.nameOnDocument', 'consents', 'household']));
  });

  it('has every column in the README’s table of cells', () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('### Importing people from CSV');
    const rows = readme.slice(start, readme.indexOf('\n## ', start)).split('\n').filter((line) => line.startsWith('| `'));
    const documented = new Set(rows.flatMap((row) => [...(row.split(' | ')[0] ?? '').matchAll(/`([A-Za-z.]+)`/g)].map((match) => match[1])));
    expect(knownColumns().filter((column) => !documented.has(column))).toEqual([]);
  });
});
