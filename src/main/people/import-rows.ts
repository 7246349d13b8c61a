import {
  CONSENT_PURPOSES,
  FIELD_KEYS,
  LISTED_PRONOUNS,
  NON_ANSWERS,
  RELATIONSHIPS,
  fieldSpec,
  identityDocumentSchema,
  type FieldKey,
  type Relationship,
} from '../../shared/catalogue';
import { registerInputSchema, type RegisterInput } from '../../shared/people';

/**
 * CSV import: one row a person, headers are catalogue keys. How each control is written in a cell:
 * - text, long text, date (YYYY-MM-DD), choice: the value as is;
 * - list and choices: values separated by ";";
 * - own words (languagesOwnWords, preferredLanguageOwnWords): entries separated by ";", each as the
 *   person names it (preferredLanguageOwnWords one at most, instead of preferredLanguage);
 * - boolean: yes/no (also true/false, 1/0);
 * - birth: YYYY-MM-DD (exact), YYYY (year only) or AGE@YYYY-MM-DD (age on a date);
 * - pronouns and self-described answers: a listed value, not-asked, prefers-not-to-say
 *   (pronouns also use-name), or anything else as the person's own words;
 * - interpreter: LANGUAGE or LANGUAGE:preference;preference (a listed code: the interpreter's
 *   language in own words is not imported);
 * - documents: one document a row, in columns documents.type, documents.number, documents.issuingCountry,
 *   documents.nameOnDocument, documents.sexOnDocument, documents.issuedOn, documents.expiresOn.
 * Besides the catalogue: consents (purposes separated by ";"), household (rows with the same
 * household form one family unit, the first row its focal point), relationship and relationshipText.
 */
export const EXTRA_COLUMNS = ['consents', 'household', 'relationship', 'relationshipText'] as const;
const DOCUMENT_COLUMNS = Object.keys(identityDocumentSchema.shape).filter((key) => key !== 'id');

export function knownColumns(): string[] {
  return [...FIELD_KEYS.filter((key) => key !== 'documents'), ...DOCUMENT_COLUMNS.map((key) => `documents.${key}`), ...EXTRA_COLUMNS];
}

export interface ImportRow {
  line: number;
  cells: Record<string, string>;
}

export interface RowProblem {
  line: number;
  column?: string;
  reason: string;
}

export interface PreparedRow {
  line: number;
  input: RegisterInput;
  household?: string;
  relationship?: Relationship;
  relationshipText?: string;
}

const list = (cell: string) =>
  cell
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

function selfDescribed(cell: string, listed: readonly string[], extra: readonly string[] = []): unknown {
  if ((NON_ANSWERS as readonly string[]).includes(cell)) return { kind: cell };
  if (extra.includes(cell)) return { kind: cell };
  if (listed.includes(cell)) return { kind: 'listed', value: cell };
  return { kind: 'self-described', text: cell };
}

function birth(cell: string): unknown {
  if (/^\d{4}$/.test(cell)) return { precision: 'year', year: Number(cell) };
  const onDate = /^(\d{1,3})@(\d{4}-\d{2}-\d{2})$/.exec(cell);
  if (onDate) return { precision: 'age', age: Number(onDate[1]), asOf: onDate[2] };
  return { precision: 'exact', date: cell };
}

function cellValue(key: FieldKey, cell: string): unknown {
  const spec = fieldSpec(key);
  switch (spec.control) {
    case 'list':
    case 'choices':
    case 'own-words':
      return list(cell);
    case 'boolean':
      return ['yes', 'true', '1', 'oui', 'نعم'].includes(cell.toLowerCase())
        ? true
        : ['no', 'false', '0', 'non', 'لا'].includes(cell.toLowerCase())
          ? false
          : cell;
    case 'birth':
      return birth(cell);
    case 'pronouns':
      return selfDescribed(cell, LISTED_PRONOUNS, ['use-name']);
    case 'self-described':
      return selfDescribed(cell, spec.choices ?? []);
    case 'interpreter': {
      const [language, preferences = ''] = cell.split(':');
      return { ...(language?.trim() ? { language: language.trim() } : {}), preferences: list(preferences) };
    }
    default:
      return cell;
  }
}

/** Turns one CSV row into a registration, or says by column what is wrong with it. */
export function prepareRow(row: ImportRow): PreparedRow | RowProblem[] {
  const problems: RowProblem[] = [];
  const known = new Set(knownColumns());
  for (const column of Object.keys(row.cells)) {
    if (!known.has(column)) problems.push({ line: row.line, column, reason: 'unknown column' });
  }
  const fields: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) {
    const cell = row.cells[key]?.trim();
    if (cell) fields[key] = cellValue(key, cell);
  }
  const document: Record<string, string> = {};
  for (const column of DOCUMENT_COLUMNS) {
    const cell = row.cells[`documents.${column}`]?.trim();
    if (cell) document[column] = cell;
  }
  if (Object.keys(document).length > 0) fields.documents = [{ id: `import-${row.line}`, type: 'other', ...document }];

  const consents = list(row.cells.consents ?? '');
  const relationship = row.cells.relationship?.trim();
  const household = row.cells.household?.trim() || undefined;
  const parsed = registerInputSchema.safeParse({ fields, consents });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [root, key, , documentColumn] = issue.path.map(String);
      const column = root !== 'fields' ? root : key === 'documents' && documentColumn ? `documents.${documentColumn}` : key;
      problems.push({ line: row.line, ...(column ? { column } : {}), reason: issue.code === 'invalid_value' ? 'not an allowed value' : `invalid (${issue.code})` });
    }
  }
  for (const key of FIELD_KEYS) {
    if (fieldSpec(key).required && fields[key] === undefined) problems.push({ line: row.line, column: key, reason: 'required' });
  }
  if (relationship && !(RELATIONSHIPS as readonly string[]).includes(relationship)) {
    problems.push({ line: row.line, column: 'relationship', reason: 'not an allowed value' });
  }
  for (const consent of consents) {
    if (!(CONSENT_PURPOSES as readonly string[]).includes(consent)) problems.push({ line: row.line, column: 'consents', reason: 'not an allowed value' });
  }
  if (problems.length > 0 || !parsed.success) return problems;
  const relationshipText = row.cells.relationshipText?.trim();
  return {
    line: row.line,
    input: parsed.data,
    ...(household ? { household } : {}),
    ...(relationship ? { relationship: relationship as Relationship } : {}),
    ...(relationshipText ? { relationshipText } : {}),
  };
}

