import { describe, expect, it } from 'vitest';
import {
  CONSENT_PURPOSES,
  DOCUMENT_TYPES,
  FIELD_KEYS,
  FIELDS,
  INTERPRETER_PREFERENCES,
  LISTED_PRONOUNS,
  NON_ANSWERS,
  RELATIONSHIPS,
  SECTIONS,
  SEX_ON_DOCUMENT,
  TIERS,
} from '../../src/shared/catalogue';
import { ERROR_CODES } from '../../src/shared/errors';
import { resources } from '../../src/shared/i18n';
import mainAr from '../../src/shared/i18n/locales/ar.json' with { type: 'json' };
import mainEn from '../../src/shared/i18n/locales/en.json' with { type: 'json' };
import mainFr from '../../src/shared/i18n/locales/fr.json' with { type: 'json' };
import statsAr from '../../src/shared/i18n/locales/stats/ar.json' with { type: 'json' };
import statsEn from '../../src/shared/i18n/locales/stats/en.json' with { type: 'json' };
import statsFr from '../../src/shared/i18n/locales/stats/fr.json' with { type: 'json' };
import { LANGUAGES } from '../../src/shared/languages';
import { STATS_LABELS } from '../../src/shared/stats';

type Tree = { readonly [key: string]: string | Tree };

/** 'a.b.c' → value, for every leaf. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') leaves.set(path, value);
    else for (const [leaf, text] of flatten(value, path)) leaves.set(leaf, text);
  }
  return leaves;
}

/**
 * A plural message is one message in as many forms as its language has (i18next's _one, _other…
 * suffixes, from Intl.PluralRules): English has two forms, French three, Arabic six. Keys are
 * compared by their base, each form stands under it, and the `other` form speaks for the message.
 */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
function byBase(leaves: Map<string, string>): { messages: Map<string, string>; forms: Map<string, string[]> } {
  const messages = new Map<string, string>();
  const forms = new Map<string, string[]>();
  for (const [key, text] of leaves) {
    const form = PLURAL_SUFFIX.exec(key)?.[1];
    if (form === undefined) {
      messages.set(key, text);
      continue;
    }
    const base = key.slice(0, -form.length - 1);
    forms.set(base, [...(forms.get(base) ?? []), form].sort());
    if (form === 'other') messages.set(base, text);
  }
  return { messages, forms };
}

const leaves = Object.fromEntries(LANGUAGES.map((language) => [language, byBase(flatten(resources[language].translation))]));
const messages = Object.fromEntries(LANGUAGES.map((language) => [language, leaves[language]!.messages]));
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();

describe('translation files', () => {
  for (const language of LANGUAGES) {
    for (const other of LANGUAGES) {
      if (other === language) continue;
      it(`${other} has every key that ${language} has`, () => {
        const missing = [...messages[language]!.keys()].filter((key) => !messages[other]!.has(key));
        expect(missing).toEqual([]);
      });
    }

    it(`${language} gives every plural message each form its language has, and no other`, () => {
      const categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
      const plurals = leaves[language]!.forms;
      expect(plurals.size).toBeGreaterThan(0);
      const wrong = [...plurals].filter(([, forms]) => forms.join() !== categories.join()).map(([base, forms]) => `${base}: ${forms.join()}`);
      expect(wrong).toEqual([]);
    });

    it(`${language} has a message for every error code`, () => {
      const missing = ERROR_CODES.filter((code) => !messages[language]!.has(`errors.${code}`));
      expect(missing).toEqual([]);
    });

    it(`${language} has no empty message`, () => {
      const empty = [...messages[language]!].filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty).toEqual([]);
    });

    it(`${language} uses the same {{placeholders}} as English`, () => {
      const differing = [...messages.en!]
        .filter(([key, text]) => {
          const translated = messages[language]!.get(key);
          return translated !== undefined && placeholders(translated).join() !== placeholders(text).join();
        })
        .map(([key]) => key);
      expect(differing).toEqual([]);
    });
  }
});

/**
 * The forms are generated from the field catalogue and look their words up by key: every field,
 * section, tier and choice the catalogue declares needs a message (the parity tests above carry
 * it to every language).
 */
describe('translation files cover the field catalogue', () => {
  const en = messages.en!;
  const choiceLists: Record<string, readonly string[]> = {
    pronouns: LISTED_PRONOUNS,
    answer: ['use-name', 'self-described', ...NON_ANSWERS],
    documentType: DOCUMENT_TYPES,
    sexOnDocument: SEX_ON_DOCUMENT,
    interpreter: INTERPRETER_PREFERENCES,
    relationship: RELATIONSHIPS,
  };
  for (const key of FIELD_KEYS) {
    const spec = FIELDS[key] as { choiceList?: string; choices?: readonly string[] };
    if (spec.choiceList && spec.choices) choiceLists[spec.choiceList] = [...(choiceLists[spec.choiceList] ?? []), ...spec.choices];
  }

  it('has a label and a help text for every field', () => {
    const missing = FIELD_KEYS.flatMap((key) => [`person.fields.${key}.label`, `person.fields.${key}.help`]).filter((key) => !en.has(key));
    expect(missing).toEqual([]);
  });

  it('names every section, tier and consent purpose', () => {
    const keys = [
      ...SECTIONS.map((section) => `person.sections.${section}`),
      ...TIERS.map((tier) => `person.tierNotes.${tier}`),
      ...CONSENT_PURPOSES.flatMap((purpose) => [`consent.purposes.${purpose}.label`, `consent.purposes.${purpose}.explanation`, `consents.withdrawBody.${purpose}`]),
    ];
    expect(keys.filter((key) => !en.has(key))).toEqual([]);
  });

  it('labels every choice', () => {
    const missing = Object.entries(choiceLists).flatMap(([list, values]) => values.map((value) => `choices.${list}.${value}`)).filter((key) => !en.has(key));
    expect(missing).toEqual([]);
  });

  it('has the gendered variants of text about the registered person, with a neutral default', () => {
    for (const language of LANGUAGES) {
      for (const key of ['record.registeredOn', 'record.registeredMessage']) {
        for (const variant of [key, `${key}_feminine`, `${key}_masculine`]) expect(messages[language]!.has(variant), `${language} ${variant}`).toBe(true);
      }
    }
    // French and Arabic really differ by gender; the neutral forms use the middle dot and the slash.
    expect(messages.fr!.get('record.registeredOn')).toContain('·');
    expect(messages.ar!.get('record.registeredOn')).toContain('/');
    expect(messages.fr!.get('record.registeredOn_feminine')).not.toBe(messages.fr!.get('record.registeredOn_masculine'));
    expect(messages.ar!.get('record.registeredOn_feminine')).not.toBe(messages.ar!.get('record.registeredOn_masculine'));
  });
});

/** The statistics words live in locales/stats/<language>.json and are merged into the same namespace. */
describe('statistics translation files', () => {
  const files = { en: [mainEn, statsEn], ar: [mainAr, statsAr], fr: [mainFr, statsFr] } as const;

  it('has every statistics label, in English with the text the exports default to', () => {
    const differing = Object.entries(STATS_LABELS).filter(([key, text]) => messages.en!.get(key) !== text).map(([key]) => key);
    expect(differing).toEqual([]);
  });

  for (const language of LANGUAGES) {
    it(`${language}: the statistics file adds keys without overriding or shadowing the main file`, () => {
      const [main, stats] = files[language];
      const mainKeys = [...flatten(main).keys()];
      const statsKeys = [...flatten(stats).keys()];
      const clashes = statsKeys.filter((key) => mainKeys.some((other) => other === key || other.startsWith(`${key}.`) || key.startsWith(`${other}.`)));
      expect(clashes).toEqual([]);
      expect(statsKeys.filter((key) => !messages[language]!.has(key))).toEqual([]);
    });
  }
});
