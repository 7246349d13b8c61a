import { stringify } from 'csv-stringify/sync';
import { entryOfProvider, INTERPRETER_ANSWERS, providerEntrySchema, type Provider, type ProviderEntry } from '../../shared/providers';
import { ORGANISATION_TYPES, SAFE_FOR, SERVICES } from '../../shared/referrals';
import { CSV_OPTIONS } from '../audit/audit-csv';

/**
 * The columns of the directory's CSV, in order: the one declaration the exporter writes, the
 * importer reads and the README lists (tests/unit/referrals/provider-csv.test.ts checks the README).
 * Lists of codes are separated by ";". UTF-8 with a byte-order mark, as every CSV of the app.
 */
export const PROVIDER_CSV_COLUMNS = [
  { name: 'id', meaning: "the entry's global id; empty for a new entry, kept to update that entry on re-import" },
  { name: 'name_en', meaning: 'name in English' },
  { name: 'name_ar', meaning: 'name in Arabic' },
  { name: 'name_fr', meaning: 'name in French (at least one of the three names)' },
  { name: 'organisation_type', meaning: `one of ${ORGANISATION_TYPES.join(', ')}` },
  { name: 'services', meaning: `one or more of ${SERVICES.join(', ')}` },
  { name: 'safe_for', meaning: `none or more of ${SAFE_FOR.join(', ')}` },
  { name: 'languages', meaning: 'language codes (BCP 47: ar, en, fr, ckb, fa-AF…)' },
  { name: 'area', meaning: 'the area served' },
  { name: 'address', meaning: 'the address' },
  { name: 'hours', meaning: 'opening hours' },
  { name: 'contact', meaning: 'how to contact the provider' },
  { name: 'interpreter', meaning: `${INTERPRETER_ANSWERS.join(', ')} (empty: unknown)` },
  { name: 'focal_point', meaning: 'the focal point (read by supervisors and protection officers only)' },
  { name: 'checked_on', meaning: 'the day the entry was last checked, YYYY-MM-DD (empty: never; stale)' },
  { name: 'note', meaning: 'internal note (supervisors and protection officers only)' },
  { name: 'retired', meaning: 'yes when the entry is retired (an import retires it; it never brings one back)' },
] as const;
export type ProviderCsvColumn = (typeof PROVIDER_CSV_COLUMNS)[number]['name'];
export const PROVIDER_CSV_HEADERS: readonly ProviderCsvColumn[] = PROVIDER_CSV_COLUMNS.map((column) => column.name);

/** The schema's field each column is checked as, so a problem is named by its column. */
const COLUMN_OF_FIELD: Readonly<Record<string, ProviderCsvColumn>> = {
  'names.en': 'name_en',
  'names.ar': 'name_ar',
  'names.fr': 'name_fr',
  organisationType: 'organisation_type',
  services: 'services',
  safeFor: 'safe_for',
  languages: 'languages',
  area: 'area',
  address: 'address',
  hours: 'hours',
  contact: 'contact',
  interpreter: 'interpreter',
  focalPoint: 'focal_point',
  checkedOn: 'checked_on',
  note: 'note',
};

const list = (cell: string): string[] =>
  cell
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

/**
 * A cell as written before the exporter defused it: a text starting with =, +, - or @ is written
 * with a "'" before it (CSV_OPTIONS), so a spreadsheet never runs it; read back, it is the text.
 */
function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const YES = ['yes', 'true', '1', 'oui', 'نعم'];
const NO = ['no', 'false', '0', 'non', 'لا'];

/** An entry as the cells of its CSV row (as written, before the exporter defuses formulas). */
function cellsOf(provider: Provider): Record<ProviderCsvColumn, string> {
  return {
    id: provider.globalId,
    name_en: provider.names.en,
    name_ar: provider.names.ar,
    name_fr: provider.names.fr,
    organisation_type: provider.organisationType,
    services: provider.services.join(';'),
    safe_for: provider.safeFor.join(';'),
    languages: provider.languages.join(';'),
    area: provider.area,
    address: provider.address,
    hours: provider.hours,
    contact: provider.contact,
    interpreter: provider.interpreter,
    focal_point: provider.focalPoint ?? '',
    checked_on: provider.checkedOn ?? '',
    note: provider.note ?? '',
    retired: provider.retiredAt ? 'yes' : '',
  };
}

/** The directory as CSV (as read by a keeper: the focal point and the note included), retired entries too. */
export function providersCsv(providers: readonly Provider[]): string {
  return stringify([PROVIDER_CSV_HEADERS, ...providers.map((provider) => PROVIDER_CSV_HEADERS.map((column) => cellsOf(provider)[column]))], CSV_OPTIONS);
}

export interface ProviderRowProblem {
  line: number;
  column?: string;
  reason: string;
}

export interface PreparedProviderRow {
  line: number;
  /** The global id given in the `id` column, if any. */
  globalId?: string;
  retired: boolean;
  entry: ProviderEntry;
}

/** What an issue of the schema says, in words a CSV's author acts on (never the value). */
function reasonOf(code: string, message: string): string {
  if (code === 'invalid_value') return 'not an allowed value';
  if (code === 'invalid_format') return 'not a date (YYYY-MM-DD)';
  if (code === 'too_big') return 'too long';
  if (code === 'custom') return message;
  return `invalid (${code})`;
}

/**
 * One CSV row as a directory entry, or its problems by column. With `kept` (the entry a row's id
 * updates), a column the file leaves out keeps the entry's value as stored, never read back through
 * the CSV rules: a kept text that starts with "'=" keeps its quote.
 */
export function prepareProviderRow(row: { line: number; cells: Record<string, string> }, kept?: Provider): PreparedProviderRow | ProviderRowProblem[] {
  const problems: ProviderRowProblem[] = [];
  const known = new Set<string>(PROVIDER_CSV_HEADERS);
  for (const column of Object.keys(row.cells)) {
    if (!known.has(column)) problems.push({ line: row.line, column, reason: 'unknown column' });
  }
  const cell = (column: ProviderCsvColumn): string => unescapeFormula(row.cells[column]?.trim() ?? '');
  const absent = (column: ProviderCsvColumn): boolean => kept !== undefined && !Object.hasOwn(row.cells, column);
  const interpreter = cell('interpreter').toLowerCase();
  const retired = cell('retired').toLowerCase();
  if (retired !== '' && !YES.includes(retired) && !NO.includes(retired)) problems.push({ line: row.line, column: 'retired', reason: 'not yes or no' });
  const globalId = cell('id').toLowerCase();
  if (globalId !== '' && !/^[0-9a-f]{32}$/.test(globalId)) problems.push({ line: row.line, column: 'id', reason: 'not an id of this directory' });
  const candidate: Record<string, unknown> = {
    names: { en: cell('name_en'), ar: cell('name_ar'), fr: cell('name_fr') },
    organisationType: cell('organisation_type'),
    services: list(cell('services')),
    safeFor: list(cell('safe_for')),
    languages: list(cell('languages')),
    area: cell('area'),
    address: cell('address'),
    hours: cell('hours'),
    contact: cell('contact'),
    interpreter: interpreter === '' ? 'unknown' : YES.includes(interpreter) ? 'yes' : NO.includes(interpreter) ? 'no' : interpreter,
    focalPoint: cell('focal_point'),
    checkedOn: cell('checked_on') || null,
    note: cell('note'),
  };
  if (kept !== undefined) {
    const stored: Record<string, unknown> = entryOfProvider(kept);
    const names = candidate['names'] as Record<string, string>;
    for (const [field, column] of Object.entries(COLUMN_OF_FIELD)) {
      if (!absent(column)) continue;
      if (field.startsWith('names.')) {
        const language = field.slice('names.'.length) as keyof Provider['names'];
        names[language] = kept.names[language];
      } else candidate[field] = stored[field];
    }
  }
  const parsed = providerEntrySchema.safeParse(candidate);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const [root, key] = issue.path.map(String);
      const column = COLUMN_OF_FIELD[root === 'names' ? `names.${key}` : (root ?? '')];
      const reason =
        root === 'names' && issue.code === 'custom'
          ? 'a name is required (name_en, name_ar or name_fr)'
          : column !== undefined && absent(column)
            ? 'the value this entry holds is no longer allowed: give this column in the file'
            : reasonOf(issue.code, issue.message);
      const said = `${column ?? ''}\t${reason}`;
      if (seen.has(said)) continue;
      seen.add(said);
      problems.push({ line: row.line, ...(column ? { column } : {}), reason });
    }
  }
  if (problems.length > 0 || !parsed.success) return problems;
  return { line: row.line, ...(globalId ? { globalId } : {}), retired: YES.includes(retired), entry: parsed.data };
}
