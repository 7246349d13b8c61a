import { Fragment, useMemo } from 'react';
import { isWellFormedCode, normaliseCode, type CodeKind } from '../../../shared/catalogue';
import type { Language } from '../../../shared/languages';
import { useCurrentLanguage } from '../components/LanguageSwitcher';

type Namers = Record<CodeKind, Intl.DisplayNames>;
const namersByLanguage = new Map<Language, Namers>();

function namersFor(language: Language): Namers {
  let namers = namersByLanguage.get(language);
  if (!namers) {
    namers = {
      region: new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }),
      language: new Intl.DisplayNames([language], { type: 'language', fallback: 'none' }),
    };
    namersByLanguage.set(language, namers);
  }
  return namers;
}

/**
 * Country and language codes named in the interface language, from the browser's own CLDR data
 * (Intl.DisplayNames), so no list of names is shipped or translated by hand.
 */
export function useCodeNames() {
  const language = useCurrentLanguage();
  return useMemo(() => {
    const namers = namersFor(language);
    /** The name, or undefined for a code that is malformed or that CLDR does not name. */
    const nameOf = (kind: CodeKind, code: string): string | undefined => {
      if (!isWellFormedCode(kind, code)) return undefined;
      try {
        const normalised = normaliseCode(kind, code);
        const name = namers[kind].of(normalised);
        return name && name !== normalised ? name : undefined;
      } catch {
        return undefined;
      }
    };
    return {
      nameOf,
      /** "Syria (SY)"; the code alone when it has no name. */
      label: (kind: CodeKind, code: string): string => {
        const name = nameOf(kind, code);
        return name ? `${name} (${normaliseCode(kind, code)})` : code;
      },
    };
  }, [language]);
}

/**
 * Items joined as the language joins a list ("A, B and C", "A وB"), each isolated so that a Latin
 * code inside Arabic text (or the reverse) cannot reorder the sentence around it.
 */
export function IsolatedList({ items, type = 'conjunction' }: { items: readonly string[]; type?: 'conjunction' | 'unit' }) {
  const language = useCurrentLanguage();
  const parts = new Intl.ListFormat(language, { type }).formatToParts(items);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>{part.type === 'element' ? <bdi>{part.value}</bdi> : part.value}</Fragment>
      ))}
    </>
  );
}
