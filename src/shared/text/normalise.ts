/**
 * Search normalisation for names in any script. Matching is on two keys per word:
 * - the folded form: lower case, Latin accents removed, Arabic letter variants unified
 *   (alef and hamza forms, taa marbuta, alef maqsura, Persian kaf and yeh), diacritics and
 *   tatweel removed, Eastern Arabic digits as ASCII;
 * - the consonant skeleton, the same for a name in Arabic script and its common Latin
 *   spellings (محمد, Mohammed, Muhammad, Mohamed → mhmd), so either script finds the person.
 */

const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const COMBINING_MARKS = /\p{M}/gu;

const ARABIC_LETTER_FORMS: Readonly<Record<string, string>> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ؤ': 'و',
  'ئ': 'ي', 'ى': 'ي', 'ی': 'ي', 'ې': 'ي',
  'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه',
  'ک': 'ك', 'ڪ': 'ك',
  'گ': 'ك',
  'ء': '',
};

function arabicIndicToAscii(char: string): string {
  const code = char.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return char;
}

/** One word or a whole string in its folded form (see above). */
export function fold(text: string): string {
  const decomposed = text
    .normalize('NFKC')
    .replace(ARABIC_DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(/[\u0600-\u06FF]/g, (char) => ARABIC_LETTER_FORMS[char] ?? arabicIndicToAscii(char))
    // NFD then dropping marks folds Latin accents (é → e); Arabic letters were composed already.
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .toLocaleLowerCase('en-US')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ı/g, 'i')
    .replace(/đ/g, 'd')
    .replace(/ł/g, 'l');
  return decomposed;
}

/** Words of a folded string: letters and digits of any script, split on everything else. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

// Arabic consonants to the Latin letters their usual transcriptions share. Long vowels,
// ain and hamza carry no stable Latin letter, so they are dropped, as Latin vowels are.
const ARABIC_TO_SKELETON: Readonly<Record<string, string>> = {
  'ب': 'b', 'ت': 't', 'ث': 't', 'ج': 'j', 'ح': 'h', 'خ': 'k', 'د': 'd', 'ذ': 'd', 'ر': 'r',
  'ز': 'z', 'س': 's', 'ش': 's', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'غ': 'g', 'ف': 'f',
  'ق': 'k', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'پ': 'b', 'چ': 'j', 'ژ': 'z', 'ڤ': 'f',
  'ا': '', 'و': '', 'ي': '', 'ع': '',
};

const LATIN_DIGRAPHS: readonly [RegExp, string][] = [
  [/kh/g, 'k'], [/sh/g, 's'], [/ch/g, 's'], [/th/g, 't'], [/dh/g, 'd'], [/gh/g, 'g'], [/ph/g, 'f'],
  [/dj/g, 'j'], [/ck/g, 'k'], [/q/g, 'k'], [/c/g, 'k'], [/x/g, 'ks'], [/v/g, 'f'], [/p/g, 'b'],
];

/** The consonant skeleton of one folded word; empty for a word of vowels only. */
export function skeleton(foldedWord: string): string {
  let latin = '';
  for (const char of foldedWord) {
    const mapped = ARABIC_TO_SKELETON[char];
    latin += mapped ?? char;
  }
  for (const [pattern, replacement] of LATIN_DIGRAPHS) latin = latin.replace(pattern, replacement);
  return latin
    .replace(/[aeiouyw'’`]/g, '')
    .replace(/[^a-z0-9]/g, (char) => (/\p{L}/u.test(char) ? char : ''))
    .replace(/(.)\1+/g, '$1')
    // A final h is the taa marbuta or a Latin "-ah": Fatimah, Fatima and فاطمة meet at ftm.
    .replace(/(.)h$/, '$1');
}

const ARTICLE = /^(?:ال|al-?|el-?)(?=.{3,})/u;

/**
 * The skeletons a name word may be found by: its own, and without the Arabic article
 * (الحسن, Al-Hassan, Alhasan and Hassan all reach hsn).
 */
export function skeletons(foldedWord: string): string[] {
  const keys = new Set([skeleton(foldedWord)]);
  const bare = foldedWord.replace(ARTICLE, '');
  if (bare !== foldedWord) keys.add(skeleton(bare));
  return [...keys].filter((key) => key.length > 0);
}

/** Digits only, for phone numbers and registration numbers typed with or without separators. */
export function digits(text: string): string {
  return fold(text).replace(/\D/g, '');
}
