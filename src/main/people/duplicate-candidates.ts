import type { PersonFields } from '../../shared/catalogue';
import { nameWordKeys } from '../../shared/text/name-keys';
import { digits, fold } from '../../shared/text/normalise';
import { birthYearOf } from './age';

/** A field a record does not hold, in the numeric fields below. */
export const NO_VALUE = -1;

/** One name of a person (chosen, or on a document), by the phonetic keys of its words, as numbers. */
export interface NameForm {
  /** Each word's phonetic keys (docs/search.md). */
  words: readonly (readonly number[])[];
  keys: ReadonlySet<number>;
  /** The blocks this name puts its bearer in (see blocksOf). */
  blocks: readonly number[];
  arabicScript: boolean;
  fromDocument: boolean;
}

export interface IdentityDocument {
  /** The document's type and issuing country, as a number. */
  kind: number;
  /** The number, folded and without separators; with its hash, compared first. */
  number: string;
  numberHash: number;
}

/**
 * A record as the whole-register duplicate scan weighs it: names' keys, codes and kinds as numbers
 * (interned once a scan), document and phone numbers with a hash compared first, so that weighing
 * the tens of millions of pairs a million people make allocates nothing and seldom reads a string.
 */
export interface Candidate {
  id: number;
  names: NameForm[];
  /** The blocks this person is in, as 31-bit hashes; the scan orders them rarest first. */
  blocks: number[];
  birthYear: number;
  /** An exact birth date as yyyymmdd, or NO_VALUE. */
  birthDate: number;
  nationalities: readonly number[];
  documents: readonly IdentityDocument[];
  /** The last 8 digits of the phone number, or '' (too short to say anything), with its hash. */
  phone: string;
  phoneHash: number;
}

const ARABIC_LETTER = /[\u0600-\u06ff]/u;

/** Strings as small numbers, one table a kind of value: equal strings, equal numbers. */
class Interned {
  private readonly ids = new Map<string, number>();
  of(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
    }
    return id;
  }
}

/**
 * Turns records into candidates. Names repeat (a register of a million holds far fewer distinct
 * names), and working out a name's keys costs more than the rest of the reading together: each
 * distinct name is keyed once a scan, and its form is one object shared by everyone who bears it
 * (a million candidates are held at once, and every object made for them is the collector's work).
 */
export class CandidateReader {
  private readonly keys = new Interned();
  private readonly nationalities = new Interned();
  private readonly documentKinds = new Interned();
  private readonly chosenNames = new Map<string, NameForm>();
  private readonly documentNames = new Map<string, NameForm>();

  candidateOf(id: number, chosenName: string, tier1: PersonFields): Candidate {
    const names: NameForm[] = [];
    const chosen = this.nameForm(chosenName, false);
    if (chosen.words.length > 0) names.push(chosen);
    const documents: IdentityDocument[] = [];
    for (const document of tier1.documents ?? []) {
      if (document.nameOnDocument) {
        const onDocument = this.nameForm(document.nameOnDocument, true);
        if (onDocument.words.length > 0) names.push(onDocument);
      }
      const number = document.number ? fold(document.number).replace(NOT_LETTER_OR_DIGIT, '') : '';
      if (number.length >= 4) {
        documents.push({ kind: this.documentKinds.of(`${document.type}|${document.issuingCountry ?? ''}`), number, numberHash: stringHash(number) });
      }
    }
    const lastDigits = tier1.phone ? digits(tier1.phone).slice(-8) : '';
    // Document numbers and phones are nearly all distinct: a hash each, not a table of a million strings.
    const phone = lastDigits.length >= 7 ? lastDigits : '';
    return {
      id,
      names,
      blocks: names.length === 1 ? [...(names[0]?.blocks ?? [])] : blocksOf(names),
      birthYear: birthYearOf(tier1.birth) ?? NO_VALUE,
      birthDate: tier1.birth?.precision === 'exact' ? Number(tier1.birth.date.replaceAll('-', '')) : NO_VALUE,
      nationalities: (tier1.nationalities ?? []).map((code) => this.nationalities.of(code)),
      documents,
      phone,
      phoneHash: stringHash(phone),
    };
  }

  private nameForm(name: string, fromDocument: boolean): NameForm {
    const known = fromDocument ? this.documentNames : this.chosenNames;
    let form = known.get(name);
    if (!form) {
      // One-letter keys too (Layla: l, Aya: a): a block pairs them with the other word's key anyway.
      const words = nameWordKeys(name)
        .map(({ keys }) => keys.map((key) => this.keys.of(key)))
        .filter((keys) => keys.length > 0);
      form = { words, keys: new Set(words.flat()), blocks: nameBlocks(words), arabicScript: ARABIC_LETTER.test(name), fromDocument };
      known.set(name, form);
    }
    return form;
  }
}

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

/**
 * The blocks of a name: the keys of its first and last word, in either order (a document may put
 * the family name first), so a name in either script meets its other forms. A person is in the
 * blocks of each of their names.
 */
function nameBlocks(words: readonly (readonly number[])[]): number[] {
  const blocks: number[] = [];
  if (words.length < 2) return blocks;
  for (const k1 of words[0] ?? []) {
    for (const k2 of words[words.length - 1] ?? []) {
      const hash = blockHash(Math.min(k1, k2), Math.max(k1, k2));
      if (!blocks.includes(hash)) blocks.push(hash);
    }
  }
  return blocks;
}

function blocksOf(names: readonly NameForm[]): number[] {
  const blocks: number[] = [];
  for (const form of names) for (const hash of form.blocks) if (!blocks.includes(hash)) blocks.push(hash);
  return blocks;
}

/** FNV-1a over a string's UTF-16 code units, 32 bits: equal strings, equal hashes (the strings are compared after). */
function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** FNV-1a over the bytes of two key numbers, 31 bits: a collision merely puts two blocks together. */
function blockHash(low: number, high: number): number {
  let hash = 0x811c9dc5;
  for (let shift = 0; shift < 32; shift += 8) hash = Math.imul(hash ^ ((low >>> shift) & 0xff), 0x01000193);
  for (let shift = 0; shift < 32; shift += 8) hash = Math.imul(hash ^ ((high >>> shift) & 0xff), 0x01000193);
  return hash >>> 1;
}
