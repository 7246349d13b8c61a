/**
 * The name-matching model (docs/search.md): which words a name is made of, and the phonetic keys
 * each word yields, the same for a name in Arabic script and its usual Latin spellings on documents.
 * We found no maintained library that maps Arabic names and their English, French, German, Turkish
 * and Somali spellings to one key, so the rules are ours, tested on tests/data/name-variants.tsv.
 */
import { fold, words } from './normalise';

/** Arabic letters to the Latin consonants of their usual transcriptions; alternatives after the first. */
const ARABIC_LETTERS: Readonly<Record<string, readonly string[]>> = {
  'ب': ['b'], 'ت': ['t'], 'ث': ['t', 's'], 'ج': ['j', 'g'], 'ح': ['h'], 'خ': ['k', 'h'], 'د': ['d'], 'ذ': ['d', 'z', 't'],
  'ر': ['r'], 'ڕ': ['r'], 'ز': ['z'], 'س': ['s'], 'ش': ['s'], 'ص': ['s'], 'ض': ['d', 'z'], 'ط': ['t'], 'ظ': ['z', 'd'],
  'غ': ['g'], 'ف': ['f'], 'ڤ': ['f'], 'ق': ['k', 'g'], 'ك': ['k', 'g'], 'ل': ['l'], 'ڵ': ['l'], 'م': ['m'], 'ن': ['n'],
  'ه': ['h'], 'پ': ['b'], 'چ': ['s', 'j'], 'ژ': ['z', 'j'],
  // Pashto letters (Afghan documents): retroflex and aspirated forms to their nearest Latin letter.
  'ټ': ['t'], 'ډ': ['d'], 'ړ': ['r'], 'ڼ': ['n'], 'ږ': ['z', 'j'], 'ښ': ['s', 'k'], 'ځ': ['z'], 'څ': ['s'], 'ګ': ['g', 'k'], 'ۍ': [''],
  // Long vowels, glides, ain and hamza carry no stable Latin consonant.
  'ا': [''], 'و': [''], 'ي': [''], 'ع': [''], 'ۆ': [''], 'ێ': [''], 'ە': [''], 'ء': [''],
};

/** Starts that sound as a vowel: alef, ain, hamza (Arabic), a vowel (Latin). They keep a mark. */
const ARABIC_VOWEL_START = /^[اعء]/u;
/** Kurdish writes a first vowel on a hamza seat (ئازاد), which folding turns into ya: both readings. */
const ARABIC_SEAT_START = /^ي[اوی]/u;
const LATIN_VOWEL_START = /^['’`]?[aeiou]/;

const LATIN_RULES: readonly [RegExp, string][] = [
  [/^['’`]+/, ''],
  [/kh/g, 'k'], [/sh/g, 's'], [/sch/g, 's'], [/ch/g, 's'], [/zh/g, 'z'], [/th/g, 't'], [/dh/g, 'd'], [/gh/g, 'g'],
  [/ph/g, 'f'], [/dj/g, 'j'], [/ck/g, 'k'], [/q/g, 'k'], [/c(?=[eiy])/g, 's'], [/c/g, 'k'], [/x/g, 'ks'], [/v/g, 'f'],
  [/p/g, 'b'],
];

const ARABIC_LETTER = /[\u0600-\u06FF]/u;

function isArabic(word: string): boolean {
  return ARABIC_LETTER.test(word);
}

/** Keeps the first letter's mark, drops the other vowels, folds doubled letters and a final h. */
function finish(consonants: string, vowelStart: boolean): string {
  const body = consonants
    .replace(/[aeiouyw]/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/(.)\1+/g, '$1');
  // A final h is the taa marbuta or a Latin "-ah": Fatimah, Fatima and فاطمة meet (and آية, Aya).
  return `${vowelStart ? 'a' : ''}${body}`.replace(/(.)h$/, '$1');
}

/** Every combination of the letters' alternatives, at most `limit` keys. */
function arabicKeys(word: string, limit = 4): string[] {
  let keys = [''];
  for (const letter of word) {
    const options = ARABIC_LETTERS[letter] ?? [/\p{L}/u.test(letter) ? letter : ''];
    keys = keys.flatMap((key) => options.map((option) => key + option)).slice(0, limit);
  }
  return keys;
}

/**
 * Readings of a Latin spelling other than the English and French one, each applied on top of the
 * others (at most eight in all): Turkish and German end in t where Arabic has d (Ahmet, Mehmet)
 * and write c for j (Cemile, Cihan) and v for w (Enver); German writes ch for h (Achmed);
 * Egyptian spellings use g for j (Gamal, Naggar); Somali writes ain as c and ha as x (Cabdi,
 * Xasan), Kurdish x for kh (Xebat), and zh also as j (Zhila, Jila).
 */
const LATIN_READINGS: readonly ((word: string) => string)[] = [
  (word) => word.replace(/t$/, 'd'),
  (word) => word.replace(/c/g, 'j'),
  (word) => word.replace(/v/g, 'w'),
  (word) => word.replace(/ch/g, 'h'),
  (word) => word.replace(/g/g, 'j'),
  (word) => word.replace(/^c(?=[aeiou])/, '').replace(/x/g, 'h'),
  (word) => word.replace(/x/g, 'k'),
  // French ou for w at the start: Oualid, Ouafa.
  (word) => word.replace(/^ou(?=[aei])/, 'w'),
  // zh for ژ, which Dari and Kurdish spellings also write j: Zhila, Jila; Wazhma, Wajma.
  (word) => word.replace(/zh/g, 'j'),
];
/** Digraphs read as two letters: Ishak (is-hak), Adham (ad-ham), Mithat. */
const SINGLE_LETTER_RULES = LATIN_RULES.filter(([pattern]) => !/^\/?[a-z]h/.test(pattern.source));

function latinKeys(word: string): string[] {
  const readings = new Set([word]);
  for (const reading of LATIN_READINGS) {
    for (const known of [...readings]) {
      const read = reading(known);
      if (readings.size < 8) readings.add(read);
    }
  }
  const keys: string[] = [];
  for (const reading of readings) {
    let latin = reading;
    for (const [pattern, replacement] of LATIN_RULES) latin = latin.replace(pattern, replacement);
    keys.push(latin);
  }
  let separate = word;
  for (const [pattern, replacement] of SINGLE_LETTER_RULES) separate = separate.replace(pattern, replacement);
  keys.push(separate);
  return keys;
}

/** The keys of one plain word (no article, no compound). */
function simpleKeys(word: string): string[] {
  if (word.length === 0) return [];
  if (isArabic(word)) {
    const vowelStart = ARABIC_VOWEL_START.test(word);
    const keys = arabicKeys(word).map((key) => finish(key, vowelStart));
    return ARABIC_SEAT_START.test(word) ? [...keys, ...arabicKeys(word).map((key) => finish(key, true))] : keys;
  }
  const vowelStart = LATIN_VOWEL_START.test(word);
  const keys = latinKeys(word).map((key) => finish(key, vowelStart || /^[aeiou]/.test(key)));
  // Abbreviations on documents: Mohd, Mhd for Mohammed.
  return keys.flatMap((key) => (key === 'mhd' ? [key, 'mhmd'] : [key]));
}

const ARTICLE_WORDS = new Set(['al', 'el', 'ال']);
/** "Ar-Rashid", "As-Sayed", "Ash-Shami", "Ad-Din": the article written as the next word's first letter. */
const ASSIMILATED_ARTICLE = /^[aeu](?:sh|[rstdznl])$/;
// Written apart, these always lead a compound; Abdu and Abdi are also names of their own. Ben,
// bin, ibn, bel, bou and ba (Ben Omar, Bel Hadj, Ba Wazir) are written joined as often as apart.
const COMPOUND_HEADS = new Set(['abd', 'abdel', 'abdul', 'abdal', 'abdol', 'abu', 'abou', 'عبد', 'ابو', 'ben', 'bin', 'ibn', 'bel', 'bou', 'ba', 'بن', 'ابن', 'بو', 'با']);
const COMPOUND_TAILS = /^(?:(?:[aeu]d|al|el|ul)din[e]?|[aeu]tt?in|الدين|(?:a|u|e)llah|الله)$/;

/**
 * The words a name is searched by: folded, with an article joined to the word it belongs to
 * (Al-Khatib, El Khatib → alkhatib) and compounds joined as one word (Abd al-Rahman, عبد الرحمن,
 * Nour Eddine → abdalrahman, عبدالرحمن, noureddine), since documents write them joined or apart.
 */
export function nameWords(text: string): string[] {
  // An apostrophe inside a name marks ain or hamza (Sa'ad, Ala'a): one word, not two.
  const raw = words(text.replace(/(\p{L})['’`ʼ]+(?=\p{L})/gu, '$1'));
  const joined: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let word = raw[i] ?? '';
    const next = raw[i + 1];
    const isArticle = ARTICLE_WORDS.has(word) || (next !== undefined && ASSIMILATED_ARTICLE.test(word) && next.startsWith(word.slice(1)));
    if (isArticle && next !== undefined) {
      word += next;
      i += 1;
    }
    const previous = joined[joined.length - 1];
    if (previous !== undefined && (COMPOUND_HEADS.has(previous) || COMPOUND_TAILS.test(word))) joined[joined.length - 1] = previous + word;
    else joined.push(word);
  }
  return joined;
}

const ARABIC_ARTICLE = /^(?:ال|بال|وال)(?=.{2,})/u;
// Maghreb spellings write Abu as Bou (Bouzid for أبو زيد).
const LATIN_HEAD = /^(?:ab(?:d(?:ul|el|al|ol|ou|u|e|i)?|ou|u|o)|bou)(?=[a-z]{3,})/;
const ARABIC_HEAD = /^(?:عبد|ابو)(?=.{2,})/u;
// -eddine, -uddin, -aldin, and Turkish -ettin (Bedrettin, Şemsettin, İzzettin); -allah, -ullah.
const LATIN_TAIL = /(?:[aeu]d|al|el|ul)dine?$|[aeu](?:dd|tt)in$|[aeuo]llah$/;
const ARABIC_TAIL = /(?:الدين|الله)$/u;

/** A name word without its article: alkhatib → khatib, الخطيب → خطيب, arrashid → rashid. */
export function withoutArticle(word: string, shortest = 3): string {
  if (isArabic(word)) return word.replace(ARABIC_ARTICLE, '');
  return word.replace(new RegExp(`^(?:al|el|ul)(?=[a-z]{${shortest},})`), '').replace(/^[aeu](sh|[rstdzn])(?=\1)/, '');
}

/**
 * The phonetic keys of one name word (from nameWords), the first being its main key. A compound
 * is keyed part by part (abd + rahman), a word with an article also without it, so Khatib finds
 * الخطيب; a word that starts with a vowel also without its mark, so Brahim finds Ibrahim.
 */
export function nameKeys(word: string): string[] {
  const keys = new Set<string>();
  const head = (isArabic(word) ? ARABIC_HEAD : LATIN_HEAD).exec(word)?.[0];
  const tail = head === undefined ? (isArabic(word) ? ARABIC_TAIL : LATIN_TAIL).exec(word)?.[0] : undefined;
  if (head !== undefined) {
    const headKey = head.startsWith('عبد') || head.startsWith('abd') ? 'abd' : 'ab';
    // After a head the article is certain, even before a short word: Abd-alla(h), Abdullah.
    for (const rest of simpleKeys(withoutArticle(word.slice(head.length), 2))) keys.add((headKey + rest).replace(/(.)\1+/g, '$1'));
    // Bou is also a word of its own (Boutros): keep its plain reading too.
    if (head === 'bou') for (const key of simpleKeys(word)) keys.add(key);
  } else if (tail !== undefined && word.length > tail.length + 1) {
    const tailKey = /din|dine|tin|دين/u.test(tail) ? 'dn' : 'l';
    for (const first of simpleKeys(withoutArticle(word.slice(0, -tail.length)))) keys.add(first + tailKey);
  } else {
    const bare = withoutArticle(word);
    for (const key of simpleKeys(bare)) keys.add(key);
    if (bare !== word) for (const key of simpleKeys(word)) keys.add(key);
  }
  // Without the vowel mark too: Maghreb and Kurdish spellings often drop a first vowel (Brahim).
  // Only from three letters on: Omar's "mr" would make every Mariam a match.
  for (const key of [...keys]) if (key.length > 3 && key.startsWith('a')) keys.add(key.slice(1));
  return [...keys].filter((key) => key.length > 0);
}

/** The name words of a text with their keys, for indexing and for queries alike. */
export function nameWordKeys(text: string): { word: string; keys: string[] }[] {
  return nameWords(fold(text)).map((word) => ({ word, keys: nameKeys(word) }));
}
