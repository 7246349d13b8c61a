import { useMemo } from 'react';
import { useCurrentLanguage } from '../components/LanguageSwitcher';

export type CodeKind = 'region' | 'language';

/**
 * Country and language codes named in the interface language, from the browser's own CLDR data
 * (Intl.DisplayNames), so no list of names is shipped or translated by hand.
 */
export function useCodeNames() {
  const language = useCurrentLanguage();
  return useMemo(() => {
    const namers: Record<CodeKind, Intl.DisplayNames> = {
      region: new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }),
      language: new Intl.DisplayNames([language], { type: 'language', fallback: 'none' }),
    };
    /** The name, or undefined when the code is not one the browser knows. */
    const nameOf = (kind: CodeKind, code: string): string | undefined => {
      try {
        const name = namers[kind].of(kind === 'region' ? code.toUpperCase() : code);
        return name && name !== code ? name : undefined;
      } catch {
        // A malformed code (such as "s y") makes DisplayNames throw: it is simply not known.
        return undefined;
      }
    };
    return {
      nameOf,
      /** "Syria (SY)"; the code alone when it is not known. */
      label: (kind: CodeKind, code: string): string => {
        const name = nameOf(kind, code);
        return name ? `${name} (${code})` : code;
      },
    };
  }, [language]);
}
