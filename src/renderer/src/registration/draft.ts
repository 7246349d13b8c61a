/**
 * What the person form holds while it is being filled in (strings, as the inputs give them), and
 * how that becomes catalogue values. Every value is checked against the field's schema from the
 * catalogue before it is sent; main checks again.
 */
import {
  FIELDS,
  type Birth,
  type Control,
  type FieldKey,
  type IdentityDocument,
  type NonAnswer,
  type PersonFields,
} from '../../../shared/catalogue';
import { localDay } from '../../../shared/record-status';

export function controlOf(key: FieldKey): Control {
  return FIELDS[key].control;
}

export interface BirthDraft {
  precision: '' | Birth['precision'];
  date: string;
  year: string;
  age: string;
  asOf: string;
}

export type AnswerKind = '' | 'listed' | 'use-name' | 'self-described' | NonAnswer;

/** A pronoun or self-described answer: a listed value, the person's own words, or a non-answer. */
export interface AnswerDraft {
  kind: AnswerKind;
  value: string;
  text: string;
}

export interface DocumentDraft {
  id: string;
  type: string;
  number: string;
  issuingCountry: string;
  nameOnDocument: string;
  sexOnDocument: string;
  issuedOn: string;
  expiresOn: string;
}

export interface InterpreterDraft {
  language: string;
  /** The language in the person's own words, instead of a code (one entry at most); absent in a draft kept before there were any. */
  languageOwnWords?: string[];
  preferences: string[];
}

export type FieldDraft = string | string[] | boolean | BirthDraft | AnswerDraft | DocumentDraft[] | InterpreterDraft;
export type Draft = Partial<Record<FieldKey, FieldDraft>>;

/** Why a value cannot be saved; the message is `validation.<problem>`. */
export type ValidationProblem =
  | 'chosenName'
  | 'tooLong'
  | 'date'
  | 'phone'
  | 'code'
  | 'codes'
  | 'year'
  | 'age'
  | 'ownWords'
  | 'ownWordsList'
  | 'chooseListed'
  | 'documentType'
  | 'invalid';

export type Problems = Partial<Record<FieldKey, ValidationProblem>>;

const SHORT_TEXT_MAX = 500;
const CODE_MAX = 40;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today on this computer's calendar (YYYY-MM-DD): the one rule, shared with main's status dates. */
export function today(): string {
  return localDay(new Date());
}

/**
 * A new registration's starting draft: arriving today (the local calendar day), and the chosen name
 * typed in a search that found no one, if any. Editing and a draft put back start from what they hold.
 */
export function newRegistrationDraft(chosenName?: string): Draft {
  const seed = chosenName?.trim();
  return { arrivalDate: today(), ...(seed ? { chosenName: seed } : {}) };
}

export function emptyAnswer(): AnswerDraft {
  return { kind: '', value: '', text: '' };
}

function emptyBirth(): BirthDraft {
  return { precision: '', date: '', year: '', age: '', asOf: today() };
}

export function emptyDocument(): DocumentDraft {
  return { id: crypto.randomUUID(), type: '', number: '', issuingCountry: '', nameOnDocument: '', sexOnDocument: '', issuedOn: '', expiresOn: '' };
}

export function emptyDraftOf(key: FieldKey): FieldDraft {
  switch (controlOf(key)) {
    case 'choices':
    case 'own-words':
      return [];
    case 'boolean':
      return false;
    case 'birth':
      return emptyBirth();
    case 'pronouns':
    case 'self-described':
      return emptyAnswer();
    case 'documents':
      return [];
    case 'interpreter':
      return { language: '', languageOwnWords: [], preferences: [] };
    default:
      return '';
  }
}

/** The form's starting point for a value already recorded (editing). */
export function draftOf(key: FieldKey, value: unknown): FieldDraft {
  if (value === undefined) return emptyDraftOf(key);
  switch (controlOf(key)) {
    case 'list':
      return (value as string[]).join(', ');
    case 'choices':
    case 'own-words':
      return [...(value as string[])];
    case 'boolean':
      return value === true;
    case 'birth': {
      const birth = value as Birth;
      const draft = emptyBirth();
      if (birth.precision === 'exact') return { ...draft, precision: 'exact', date: birth.date };
      if (birth.precision === 'year') return { ...draft, precision: 'year', year: String(birth.year) };
      return { ...draft, precision: 'age', age: String(birth.age), asOf: birth.asOf };
    }
    case 'pronouns':
    case 'self-described': {
      const answer = value as { kind: AnswerKind; value?: string; text?: string };
      return { kind: answer.kind, value: answer.value ?? '', text: answer.text ?? '' };
    }
    case 'documents':
      return (value as IdentityDocument[]).map((document) => ({
        id: document.id,
        type: document.type,
        number: document.number ?? '',
        issuingCountry: document.issuingCountry ?? '',
        nameOnDocument: document.nameOnDocument ?? '',
        sexOnDocument: document.sexOnDocument ?? '',
        issuedOn: document.issuedOn ?? '',
        expiresOn: document.expiresOn ?? '',
      }));
    case 'interpreter': {
      const interpreter = value as { language?: string; languageOwnWords?: string[]; preferences: string[] };
      return { language: interpreter.language ?? '', languageOwnWords: [...(interpreter.languageOwnWords ?? [])], preferences: [...interpreter.preferences] };
    }
    default:
      return String(value);
  }
}

export function draftFrom(fields: PersonFields, keys: readonly FieldKey[]): Draft {
  return Object.fromEntries(keys.map((key) => [key, draftOf(key, fields[key])])) as Draft;
}

/** Codes typed with commas (Latin or Arabic), semicolons or spaces between them. */
export function splitCodes(text: string): string[] {
  return text
    .split(/[\s,;،؛]+/u)
    .map((code) => code.trim())
    .filter((code) => code.length > 0);
}

type Outcome = { value?: unknown; problem?: ValidationProblem };

function text(value: string, max = SHORT_TEXT_MAX): Outcome {
  const trimmed = value.trim();
  if (trimmed === '') return {};
  return trimmed.length > max ? { problem: 'tooLong' } : { value: trimmed };
}

function birthValue(draft: BirthDraft): Outcome {
  switch (draft.precision) {
    case '':
      return {};
    case 'exact':
      return ISO_DATE.test(draft.date) ? { value: { precision: 'exact', date: draft.date } } : { problem: 'date' };
    case 'year': {
      const year = Number(draft.year.trim());
      if (draft.year.trim() === '' || !Number.isInteger(year) || year < 1900 || year > 2100) return { problem: 'year' };
      return { value: { precision: 'year', year } };
    }
    case 'age': {
      const age = Number(draft.age.trim());
      if (draft.age.trim() === '' || !Number.isInteger(age) || age < 0 || age > 130) return { problem: 'age' };
      if (!ISO_DATE.test(draft.asOf)) return { problem: 'date' };
      return { value: { precision: 'age', age, asOf: draft.asOf } };
    }
  }
}

function answerValue(draft: AnswerDraft): Outcome {
  switch (draft.kind) {
    case '':
      return {};
    case 'listed':
      return draft.value ? { value: { kind: 'listed', value: draft.value } } : { problem: 'chooseListed' };
    case 'self-described': {
      const words = draft.text.trim();
      if (words === '') return { problem: 'ownWords' };
      return words.length > SHORT_TEXT_MAX ? { problem: 'tooLong' } : { value: { kind: 'self-described', text: words } };
    }
    default:
      return { value: { kind: draft.kind } };
  }
}

function documentsValue(drafts: DocumentDraft[]): Outcome {
  const documents: Record<string, string>[] = [];
  for (const draft of drafts) {
    const { id, ...rest } = draft;
    const filled = Object.fromEntries(
      Object.entries(rest)
        .map(([name, value]) => [name, value.trim()] as const)
        .filter(([, value]) => value !== ''),
    );
    if (Object.keys(filled).length === 0) continue;
    if (!filled.type) return { problem: 'documentType' };
    if ([filled.issuedOn, filled.expiresOn].some((date) => date !== undefined && !ISO_DATE.test(date))) return { problem: 'date' };
    if ((filled.issuingCountry?.length ?? 0) > CODE_MAX) return { problem: 'code' };
    if (Object.values(filled).some((value) => value.length > SHORT_TEXT_MAX)) return { problem: 'tooLong' };
    documents.push({ id, ...filled });
  }
  return documents.length === 0 ? {} : { value: documents };
}

/** The catalogue value a draft stands for: nothing (not recorded), a value, or why it cannot be saved. */
export function valueOf(key: FieldKey, draft: FieldDraft | undefined): Outcome {
  if (draft === undefined) return {};
  let outcome: Outcome;
  switch (controlOf(key)) {
    case 'text':
      outcome = text(draft as string, key === 'preferredLanguage' || key === 'countryOfOrigin' ? CODE_MAX : SHORT_TEXT_MAX);
      if (outcome.problem && (key === 'preferredLanguage' || key === 'countryOfOrigin')) outcome = { problem: 'code' };
      break;
    case 'longtext':
      outcome = text(draft as string, 20_000);
      break;
    case 'date':
      outcome = (draft as string) === '' ? {} : ISO_DATE.test(draft as string) ? { value: draft } : { problem: 'date' };
      break;
    case 'choice':
      outcome = (draft as string) === '' ? {} : { value: draft };
      break;
    case 'choices':
      outcome = (draft as string[]).length === 0 ? {} : { value: [...(draft as string[])] };
      break;
    case 'boolean':
      // Unticked means "not flagged": nothing is recorded.
      outcome = draft === true ? { value: true } : {};
      break;
    case 'list': {
      const codes = splitCodes(draft as string);
      outcome = codes.length === 0 ? {} : codes.some((code) => code.length > CODE_MAX) ? { problem: 'codes' } : { value: codes };
      break;
    }
    case 'own-words': {
      // Each entry is one of the person's own words as typed; spaces around it are not kept.
      const entries = (draft as string[]).map((entry) => entry.trim()).filter((entry) => entry !== '');
      outcome = entries.length === 0 ? {} : FIELDS[key].schema.safeParse(entries).success ? { value: entries } : { problem: 'ownWordsList' };
      break;
    }
    case 'birth':
      outcome = birthValue(draft as BirthDraft);
      break;
    case 'pronouns':
    case 'self-described':
      outcome = answerValue(draft as AnswerDraft);
      break;
    case 'documents':
      outcome = documentsValue(draft as DocumentDraft[]);
      break;
    case 'interpreter': {
      const interpreter = draft as InterpreterDraft;
      const language = interpreter.language.trim();
      const languageOwnWords = (interpreter.languageOwnWords ?? []).map((entry) => entry.trim()).filter((entry) => entry !== '');
      if (language === '' && languageOwnWords.length === 0 && interpreter.preferences.length === 0) outcome = {};
      else if (language.length > CODE_MAX) outcome = { problem: 'code' };
      else {
        outcome = {
          value: { ...(language ? { language } : {}), ...(languageOwnWords.length > 0 ? { languageOwnWords } : {}), preferences: [...interpreter.preferences] },
        };
      }
      break;
    }
  }
  if (outcome.problem || outcome.value === undefined) return outcome;
  // The catalogue's own schema has the last word (phone format, lengths, allowed values).
  const parsed = FIELDS[key].schema.safeParse(outcome.value);
  if (parsed.success) return { value: parsed.data };
  return { problem: key === 'phone' ? 'phone' : 'invalid' };
}

/** The values of the given fields, or the problems that stop them from being saved. */
export function collect(draft: Draft, keys: readonly FieldKey[]): { fields: PersonFields; problems: Problems } {
  const fields: Record<string, unknown> = {};
  const problems: Problems = {};
  for (const key of keys) {
    const { value, problem } = valueOf(key, draft[key]);
    if (problem) problems[key] = problem;
    else if (value !== undefined) fields[key] = value;
  }
  if (keys.includes('chosenName') && fields.chosenName === undefined && !problems.chosenName) problems.chosenName = 'chosenName';
  return { fields: fields as PersonFields, problems };
}

/** The same value, whatever the order of an object's keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * What the document-mismatch suggestion looks at: the values as collected, with the documents as
 * typed so far (a document still missing its type already counts).
 */
export function mismatchInput(draft: Draft, fields: PersonFields): PersonFields {
  const drafts = draft.documents as DocumentDraft[] | undefined;
  if (!drafts) return fields;
  const documents = drafts.map((document) => ({
    id: document.id,
    type: 'other' as const,
    ...(document.nameOnDocument.trim() ? { nameOnDocument: document.nameOnDocument.trim() } : {}),
    ...(document.sexOnDocument ? { sexOnDocument: document.sexOnDocument as IdentityDocument['sexOnDocument'] } : {}),
  }));
  return { ...fields, documents };
}
