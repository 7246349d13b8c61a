/**
 * The name-variants evaluation set (tests/data/name-variants.tsv): its size and coverage, and the
 * strictness of its loader. The set itself is data for the cross-script search tests; these tests
 * only make sure it stays well formed and keeps exercising every class of hard names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  EXTENDED_ARABIC_LETTERS,
  loadNameVariants,
  NAME_CLASSES,
  NAME_VARIANTS_PATH,
  NameVariantsError,
  parseNameVariants,
  type NameClass,
  type NameVariant,
} from '../data/name-variants';

const rows = loadNameVariants();
const withClass = (cls: NameClass): NameVariant[] => rows.filter((row) => row.classes.includes(cls));
const latinOnly = (row: NameVariant): boolean => row.classes.includes('somali') || row.classes.includes('tigrinya');
const find = (arabic: string): NameVariant | undefined => rows.find((row) => row.arabic.includes(arabic));

describe('name-variants.tsv: the file', () => {
  test('is UTF-8 without a byte-order mark, with LF line ends', () => {
    const bytes = readFileSync(NAME_VARIANTS_PATH);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(0x0d)).toBe(false);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('name-variants.tsv: size and coverage', () => {
  test('has at least 150 given names and 80 family names', () => {
    expect(rows.filter((row) => row.kind === 'given').length).toBeGreaterThanOrEqual(150);
    expect(rows.filter((row) => row.kind === 'family').length).toBeGreaterThanOrEqual(80);
  });

  test('has unique ids, numbered in order within each kind', () => {
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    for (const [kind, prefix] of [['given', 'g'], ['family', 'f']] as const) {
      const ids = rows.filter((row) => row.kind === kind).map((row) => row.id);
      expect(ids).toEqual(ids.map((_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`));
    }
  });

  test('has at least 3 rows in every class', () => {
    for (const cls of NAME_CLASSES) expect(withClass(cls).length, cls).toBeGreaterThanOrEqual(3);
  });

  test('has at least 5 rows in each of the hard classes', () => {
    for (const cls of ['short-skeleton', 'vowel-start', 'compound', 'article', 'digraph-clash', 'regional'] as const) {
      expect(withClass(cls).length, cls).toBeGreaterThanOrEqual(5);
    }
  });

  test('gives the Arabic-script form of every name except the Somali and Tigrinya ones', () => {
    const missing = rows.filter((row) => row.arabic.length === 0 && !latinOnly(row)).map((row) => row.id);
    expect(missing).toEqual([]);
    // Somali and Tigrinya names are written in Latin on documents: no Arabic form is invented for them.
    const invented = rows.filter((row) => latinOnly(row) && row.arabic.length > 0).map((row) => row.id);
    expect(invented).toEqual([]);
    // Kurdish names always carry their Sorani (Arabic-script) form.
    expect(withClass('kurdish').filter((row) => row.arabic.length === 0)).toEqual([]);
  });

  test('gives at least two Latin spellings for most rows', () => {
    const several = rows.filter((row) => row.latin.length >= 2).length;
    expect(several / rows.length).toBeGreaterThanOrEqual(0.9);
  });

  test('tags persian-letters exactly on the rows whose Arabic form uses Persian, Pashto or Kurdish letters', () => {
    const uses = (row: NameVariant): boolean => row.arabic.some((form) => [...form].some((ch) => EXTENDED_ARABIC_LETTERS.has(ch)));
    const wrong = rows.filter((row) => uses(row) !== row.classes.includes('persian-letters')).map((row) => row.id);
    expect(wrong).toEqual([]);
  });

  test('lists each Arabic-script form in one row of its kind only', () => {
    for (const kind of ['given', 'family'] as const) {
      const forms = rows.filter((row) => row.kind === kind).flatMap((row) => row.arabic);
      const repeated = forms.filter((form, i) => forms.indexOf(form) !== i);
      expect(repeated, kind).toEqual([]);
    }
  });

  test('marks article rows only where an article or its Maghreb contraction is written', () => {
    const wrong = withClass('article').filter((row) => !row.arabic.some((form) => form.startsWith('ال') || form.startsWith('بل')));
    expect(wrong.map((row) => row.id)).toEqual([]);
  });

  test('keeps the spellings the search must bridge', () => {
    const cases: [arabic: string, latin: string[]][] = [
      ['عائشة', ['Aisha', 'Aicha', 'Ayşe', 'Aischa']],
      ['عيسى', ['Issa', 'Isa']],
      ['ليلى', ['Layla', 'Leila', 'Leyla']],
      ['علي', ['Ali']],
      ['عمر', ['Omar', 'Umar', 'Ömer']],
      ['إيمان', ['Iman', 'Imane']],
      ['أسامة', ['Osama', 'Usama', 'Oussama']],
      ['عثمان', ['Osman', 'Othman', 'Usman', 'Outhmane']],
      ['عبدالله', ['Abdullah', 'Abdallah', 'Abd Allah']],
      ['عبد الرحمن', ['Abdulrahman', 'Abderrahmane', 'Abdel Rahman', 'Abdurrahman']],
      ['نور الدين', ['Nour Eddine', 'Nureddin', 'Nuraddin']],
      ['أبو بكر', ['Abu Bakr', 'Aboubakar']],
      ['الخطيب', ['Al-Khatib', 'El Khatib', 'Al Khatib', 'Alkhatib', 'El-Khatib', 'Elkhatib']],
      ['طحان', ['Tahhan', 'Tahan']],
      ['شهاب', ['Shehab', 'Chehab']],
      ['ضاهر', ['Daher', 'Dahir']],
      ['دجاني', ['Dajani', 'Dejani']],
      ['جميلة', ['Jamila', 'Gamila']],
      ['جمال', ['Jamal', 'Gamal']],
      ['يوسف', ['Youcef', 'Youssef', 'Yusuf']],
      ['شريف', ['Chérif', 'Sharif', 'Şerif']],
      ['أحمد', ['Ahmed', 'Ahmet']],
      ['محمد', ['Mohammed', 'Muhammad', 'Mohamed', 'Mehmet', 'Muhammet', 'Mohd', 'Mhd']],
      ['مصطفى', ['Mustafa', 'Moustafa']],
      ['گل', ['Gul', 'Gol']],
      ['زرمینه', ['Zarmina']],
      ['احمدزی', ['Ahmadzai']],
      ['هێمن', ['Hêmin']],
      ['شیلان', ['Şîlan', 'Shilan']],
      ['ڕوژین', ['Rojîn', 'Rojin']],
      ['ئاسۆ', ['Aso']],
    ];
    for (const [arabic, latin] of cases) {
      const row = find(arabic);
      expect(row, arabic).toBeDefined();
      expect(row?.latin, arabic).toEqual(expect.arrayContaining(latin));
    }
  });

  test('writes Somali names in both their document and Somali spellings (c for ain, x for ha)', () => {
    const somali = withClass('somali');
    const latin = somali.flatMap((row) => row.latin);
    expect(latin).toEqual(expect.arrayContaining(['Abdirahman', 'Cabdi', 'Xasan']));
    expect(somali.filter((row) => row.latin.some((form) => /^[CX]|[cx]/.test(form))).length).toBeGreaterThanOrEqual(10);
  });

  test('includes Tigrinya names in their Latin document spellings', () => {
    const latin = withClass('tigrinya').flatMap((row) => row.latin);
    expect(latin).toEqual(expect.arrayContaining(['Tesfay', 'Tsegay', 'Mehari', 'Senait', 'Yohannes', 'Haile', 'Abrehet', 'Semhar']));
  });

  test('includes Kurmanji spellings with ş ç ê î û x', () => {
    const latin = withClass('kurdish').flatMap((row) => row.latin).join(' ');
    for (const letter of ['ş', 'ç', 'ê', 'î', 'x']) expect(latin.toLowerCase(), letter).toContain(letter);
  });
});

describe('name-variants loader: strict checks', () => {
  const header = 'id\tkind\tarabic\tlatin\tregions\tclasses';
  const good = 'g001\tgiven\tعلي\tAli|Aly\tSY|IQ\tcommon|short-skeleton';
  const problemAt = (text: string): { line: number; message: string } => {
    try {
      parseNameVariants(text, 'sample.tsv');
    } catch (error) {
      if (error instanceof NameVariantsError) return { line: error.lineNumber, message: error.message };
      throw error;
    }
    throw new Error('expected a NameVariantsError');
  };

  test('accepts a comment block, the header and well-formed rows', () => {
    const parsed = parseNameVariants(`# a comment\n${header}\n${good}\nf001\tfamily\t\tWarsame\tSO\tsomali\n`);
    expect(parsed).toEqual([
      { id: 'g001', kind: 'given', arabic: ['علي'], latin: ['Ali', 'Aly'], regions: ['SY', 'IQ'], classes: ['common', 'short-skeleton'], line: 3 },
      { id: 'f001', kind: 'family', arabic: [], latin: ['Warsame'], regions: ['SO'], classes: ['somali'], line: 4 },
    ]);
  });

  test.each([
    ['a missing column', `${header}\n${good}\ng002\tgiven\tعمر\tOmar\tSY\n`, 3, 'columns'],
    ['an unknown kind', `${header}\ng001\tfirst\tعلي\tAli\tSY\tcommon\n`, 2, 'kind'],
    ['an id that does not match its kind', `${header}\nf001\tgiven\tعلي\tAli\tSY\tcommon\n`, 2, 'does not match'],
    ['a repeated id', `${header}\n${good}\n${good}\n`, 3, 'used twice'],
    ['an unknown class', `${header}\ng001\tgiven\tعلي\tAli\tSY\tfamous\n`, 2, 'unknown class'],
    ['an unknown region', `${header}\ng001\tgiven\tعلي\tAli\tXX\tcommon\n`, 2, 'unknown code'],
    ['an empty Latin column', `${header}\ng001\tgiven\tعلي\t\tSY\tcommon\n`, 2, 'latin'],
    ['Latin letters in the Arabic column', `${header}\ng001\tgiven\tعلي|Ali\tAli\tSY\tcommon\n`, 2, 'arabic'],
    ['Arabic harakat in the Arabic column', `${header}\ng001\tgiven\tعَلي\tAli\tSY\tcommon\n`, 2, 'arabic'],
    ['Arabic letters in the Latin column', `${header}\ng001\tgiven\tعلي\tAli|علي\tSY\tcommon\n`, 2, 'latin'],
    ['digits in the Latin column', `${header}\ng001\tgiven\tعلي\tAli2\tSY\tcommon\n`, 2, 'latin'],
    ['a decomposed Latin spelling', `${header}\ng001\tgiven\tشريف\tChe\u0301rif\tDZ\tregional\n`, 2, 'NFC'],
    ['a spelling listed twice', `${header}\ng001\tgiven\tعلي\tAli|Ali\tSY\tcommon\n`, 2, 'twice'],
    ['spaces around a spelling', `${header}\ng001\tgiven\tعلي\tAli| Aly\tSY\tcommon\n`, 2, 'spaces'],
    ['a wrong header', `id\tkind\tarabic\tlatin\tregion\tclasses\n${good}\n`, 1, 'header'],
    ['a carriage return', `${header}\r\n${good}\n`, 1, 'carriage return'],
    ['a byte-order mark', `\uFEFF${header}\n${good}\n`, 1, 'byte-order mark'],
    ['an empty line', `${header}\n\n${good}\n`, 2, 'empty line'],
    ['a missing final line feed', `${header}\n${good}`, 2, 'line feed'],
  ])('rejects %s, naming the line', (_what, text, line, fragment) => {
    const problem = problemAt(text);
    expect(problem.line).toBe(line);
    expect(problem.message).toContain(`sample.tsv:${line}:`);
    expect(problem.message).toContain(fragment);
  });
});
