import { nameWordKeys } from '../../shared/text/name-keys';
import { birthYearOf } from './age';
import type { PreparedRow } from './import-rows';
import type { Actor, PeopleService } from './people-service';

/** A row of an import that is likely someone already registered, or another row of the same file. */
export interface ImportDuplicate {
  line: number;
  registrationNumbers: string[];
  lines: number[];
}

const SHARED_NAME_WORDS = 0.6;

function namesOf(row: PreparedRow): { chosenName: string; documentNames: string[] } {
  const { chosenName = '', documents = [] } = row.input.fields;
  return { chosenName, documentNames: documents.flatMap((document) => (document.nameOnDocument ? [document.nameOnDocument] : [])) };
}

/** Each name word by its main key, so two spellings or two scripts of a name meet. */
function nameKeySet(row: PreparedRow): Set<string> {
  const { chosenName, documentNames } = namesOf(row);
  return new Set(nameWordKeys([chosenName, ...documentNames].join(' ')).flatMap(({ keys }) => keys.slice(0, 1)));
}

/**
 * Likely duplicates among the rows of an import, against the register (the same check as the form,
 * on the fields the importer may read) and within the file: most name words in common, in any
 * script, and birth years at most two apart when both are known. The importer decides.
 */
export function importDuplicates(rows: readonly PreparedRow[], people: PeopleService, actor: Actor): ImportDuplicate[] {
  const keys = rows.map(nameKeySet);
  const years = rows.map((row) => birthYearOf(row.input.fields.birth));
  const rowsByKey = new Map<string, number[]>();
  keys.forEach((set, index) => {
    for (const key of set) rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), index]);
  });
  const found: ImportDuplicate[] = [];
  rows.forEach((row, index) => {
    const { chosenName, documentNames } = namesOf(row);
    const year = years[index];
    const registered = people.duplicates(actor, {
      chosenName,
      documentNames,
      ...(year !== undefined ? { birthYear: year } : {}),
      ...(row.input.fields.nationalities ? { nationalities: row.input.fields.nationalities } : {}),
    });
    const shared = new Map<number, number>();
    for (const key of keys[index] ?? []) for (const other of rowsByKey.get(key) ?? []) if (other !== index) shared.set(other, (shared.get(other) ?? 0) + 1);
    const lines = [...shared.entries()]
      .filter(([other, count]) => {
        const smaller = Math.min(keys[index]?.size ?? 0, keys[other]?.size ?? 0);
        const otherYear = years[other];
        const yearsFit = year === undefined || otherYear === undefined || Math.abs(year - otherYear) <= 2;
        return smaller > 0 && count / smaller >= SHARED_NAME_WORDS && count >= Math.min(2, smaller) && yearsFit;
      })
      .map(([other]) => rows[other]?.line ?? 0)
      .sort((a, b) => a - b);
    if (registered.length > 0 || lines.length > 0) found.push({ line: row.line, registrationNumbers: registered.map((person) => person.registrationNumber), lines });
  });
  return found;
}
