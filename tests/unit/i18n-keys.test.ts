import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/errors';
import { resources } from '../../src/shared/i18n';
import { LANGUAGES } from '../../src/shared/languages';

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

const messages = Object.fromEntries(LANGUAGES.map((language) => [language, flatten(resources[language].translation)]));
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
