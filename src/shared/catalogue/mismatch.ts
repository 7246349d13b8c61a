import { nameWordKeys } from '../text/name-keys';
import { fold } from '../text/normalise';
import type { PersonFields } from './fields';

const ARABIC_LETTER = /[\u0600-\u06FF]/u;

/**
 * How a folded name word ends: 'open' on a vowel (Latin a, i, o, u, y or ee; Arabic taa marbuta,
 * which folds to ha, alef, ya or waw), 'closed' on a consonant, 'either' where the spelling cannot
 * tell: a French mute e (Imane, Amine), and a Latin vowel and h, written for a taa marbuta
 * (Fatimah) as for a final ح or ع (Farah فرح, Salah صلاح, Rabih ربيع). The phonetic keys drop vowels, so this is
 * what tells Samir from Samira, and سمير from سميرة, which the keys alone do not.
 */
function ending(word: string): 'open' | 'closed' | 'either' {
  if (ARABIC_LETTER.test(word)) return /[هايو]$/u.test(word) ? 'open' : 'closed';
  if ((/e$/.test(word) && !/[aeiou]e$/.test(word)) || /[aeiou]h$/.test(word)) return 'either';
  return /(?:[aiouy]|ee)$/.test(word) ? 'open' : 'closed';
}

/** Two name words are one name written two ways: a phonetic key in common and the same ending. */
function sameWord(a: { word: string; keys: string[] }, b: { word: string; keys: string[] }): boolean {
  if (a.word === b.word) return true;
  if (!a.keys.some((key) => b.keys.includes(key))) return false;
  const ends = [ending(a.word), ending(b.word)];
  return ends.includes('either') || ends[0] === ends[1];
}

/**
 * Whether two names are the same name, in any script or usual spelling, with the cross-script
 * name matcher of search (nameWordKeys, docs/search.md): فاطمة الزهراء and "FATIMA AL-ZAHRAA" are;
 * Samira and Samir are not. Word order does not count (documents often put the family name first).
 */
export function sameName(a: string, b: string): boolean {
  if (fold(a).replace(/\s+/g, ' ').trim() === fold(b).replace(/\s+/g, ' ').trim()) return true;
  const left = nameWordKeys(a);
  const right = nameWordKeys(b);
  if (left.length !== right.length || left.length === 0) return false;
  const unused = [...right];
  for (const word of left) {
    const at = unused.findIndex((other) => sameWord(word, other));
    if (at < 0) return false;
    unused.splice(at, 1);
  }
  return true;
}

/**
 * Whether the form should suggest the document-mismatch flag: a document's name is a different
 * name from the chosen name (a transliteration of it is not: see sameName), or its recorded sex
 * differs from the gender identity the person gave. Only a suggestion: the clerk confirms, nothing
 * is set silently, and nothing is inferred from it.
 */
export function suggestsDocumentMismatch(fields: PersonFields): boolean {
  const chosen = fields.chosenName?.trim() ? fields.chosenName : undefined;
  const gender = fields.genderIdentity?.kind === 'listed' ? fields.genderIdentity.value : undefined;
  return (fields.documents ?? []).some((document) => {
    const name = document.nameOnDocument?.trim() ? document.nameOnDocument : undefined;
    const nameDiffers = chosen !== undefined && name !== undefined && !sameName(chosen, name);
    const sex = document.sexOnDocument;
    const sexDiffers =
      gender !== undefined &&
      sex !== undefined &&
      sex !== 'not-shown' &&
      !((gender === 'woman' && sex === 'F') || (gender === 'man' && sex === 'M') || (gender === 'non-binary' && sex === 'X'));
    return nameDiffers || sexDiffers;
  });
}
