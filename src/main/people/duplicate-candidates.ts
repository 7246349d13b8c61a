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
  arabicScript: boolean;
  fromDocument: boolean;
}

export interface IdentityDocument {
  /** The document's type and issuing country: two numbers compare only within one kind. */
  kind: number;
  number: number;
}

/**
 * A record as the whole-register duplicate scan weighs it: every value a pair is compared on, as
 * a number (strings interned once a scan), so that weighing the tens of millions of pairs a
 * million people make allocates nothing.
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
  phone: number;
}

const ARABIC_LETTER = /[\u0600-\u06ff]/u;

/** Strings as small numbers, one table a scan: equal strings, equal numbers. */
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
 * distinct name is keyed once a scan.
 */
export class CandidateReader {
  private readonly keys = new Interned();
  private readonly values = new Interned();
  private readonly names = new Map<string, { words: number[][]; keys: Set<number> }>();

  candidateOf(id: number, chosenName: string, tier1: PersonFields): Candidate {
    const names = [
      this.nameForm(chosenName, false),
      ...(tier1.documents ?? []).flatMap((document) => (document.nameOnDocument ? [this.nameForm(document.nameOnDocument, true)] : [])),
    ].filter((form) => form.words.length > 0);
    const birthYear = birthYearOf(tier1.birth);
    const phone = tier1.phone ? digits(tier1.phone).slice(-8) : '';
    return {
      id,
      names,
      blocks: blocksOf(names),
      birthYear: birthYear ?? NO_VALUE,
      birthDate: tier1.birth?.precision === 'exact' ? Number(tier1.birth.date.replaceAll('-', '')) : NO_VALUE,
      nationalities: (tier1.nationalities ?? []).map((code) => this.values.of(`c:${code}`)),
      documents: (tier1.documents ?? []).flatMap((document) => {
        const number = document.number ? fold(document.number).replace(/[^\p{L}\p{N}]/gu, '') : '';
        if (number.length < 4) return [];
        return [{ kind: this.values.of(`k:${document.type}|${document.issuingCountry ?? ''}`), number: this.values.of(`n:${number}`) }];
      }),
      phone: phone.length >= 7 ? this.values.of(`p:${phone}`) : NO_VALUE,
    };
  }

  private nameForm(name: string, fromDocument: boolean): NameForm {
    let keyed = this.names.get(name);
    if (!keyed) {
      // One-letter keys too (Layla: l, Aya: a): a block pairs them with the other word's key anyway.
      const words = nameWordKeys(name)
        .map(({ keys }) => keys.map((key) => this.keys.of(key)))
        .filter((keys) => keys.length > 0);
      keyed = { words, keys: new Set(words.flat()) };
      this.names.set(name, keyed);
    }
    return { ...keyed, arabicScript: ARABIC_LETTER.test(name), fromDocument };
  }
}

/**
 * The blocks of a person: the keys of the first and the last word of each of their names, in
 * either order (a document may put the family name first), so a name in either script meets its
 * other forms.
 */
function blocksOf(names: readonly NameForm[]): number[] {
  const blocks = new Set<number>();
  for (const form of names) {
    if (form.words.length < 2) continue;
    const first = form.words[0] ?? [];
    const last = form.words[form.words.length - 1] ?? [];
    for (const k1 of first) for (const k2 of last) blocks.add(blockHash(Math.min(k1, k2), Math.max(k1, k2)));
  }
  return [...blocks];
}

/** FNV-1a over two key numbers, 31 bits: a collision merely puts two blocks together. */
function blockHash(low: number, high: number): number {
  let hash = 0x811c9dc5;
  for (const value of [low, high]) {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (value >>> shift) & 0xff;
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return hash >>> 1;
}
