/**
 * Search normalisation for text in any script: the folded form is lower case, Latin accents
 * removed, Arabic letter variants unified (alef and hamza forms, taa marbuta, alef maqsura,
 * Persian kaf and yeh), diacritics and tatweel removed, Eastern Arabic digits as ASCII. The
 * phonetic keys that match a name across scripts are in name-keys.ts.
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

/** Printable ASCII folds to its lower case alone: most document numbers, phones and Latin names. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** One word or a whole string in its folded form (see above). */
export function fold(text: string): string {
  return PRINTABLE_ASCII.test(text) ? text.toLowerCase() : foldAnyScript(text);
}

/** The whole folding, for text that is not all printable ASCII (exported for the test that they agree). */
export function foldAnyScript(text: string): string {
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

/** Digits only, for phone numbers and registration numbers typed with or without separators. */
export function digits(text: string): string {
  return fold(text).replace(/\D/g, '');
}
