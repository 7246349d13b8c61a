/**
 * The interface's words, one JSON file per language. The renderer turns them on with
 * `initI18n(language, initReactI18next)`; plain-Node code (a CLI, tests) can call `initI18n(language)`
 * or read `resources` directly, so nothing here pulls React in.
 */
import i18next, { type i18n, type Module } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../languages';
import ar from './locales/ar.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import statsAr from './locales/stats/ar.json' with { type: 'json' };
import statsEn from './locales/stats/en.json' with { type: 'json' };
import statsFr from './locales/stats/fr.json' with { type: 'json' };

/** The interface's words: the main file per language, with the statistics words (locales/stats) merged in. */
export type Messages = typeof en & typeof statsEn;

type MessageTree = { readonly [key: string]: string | MessageTree };

/**
 * One language's files deep-merged into one tree, so every key lives in the same `translation`
 * namespace. Keys never overlap (a unit test checks); if they did, the later file would win.
 */
function mergeMessages<A extends MessageTree, B extends MessageTree>(base: A, extra: B): A & B {
  const merged: Record<string, string | MessageTree> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const existing = merged[key];
    merged[key] = typeof existing === 'object' && typeof value === 'object' ? mergeMessages(existing, value) : value;
  }
  return merged as A & B;
}

export const resources = {
  en: { translation: mergeMessages(en, statsEn) },
  ar: { translation: mergeMessages(ar, statsAr) },
  fr: { translation: mergeMessages(fr, statsFr) },
} as const satisfies Record<Language, { translation: Messages }>;

/** Each language named in itself, so a person can find their own in a list they cannot read. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  ar: 'العربية',
  fr: 'Français',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A separate i18next instance, ready at once (the resources are bundled, nothing loads). */
export function initI18n(language: Language = DEFAULT_LANGUAGE, ...modules: Module[]): i18n {
  const instance = i18next.createInstance();
  for (const module of modules) instance.use(module);
  void instance.init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    returnNull: false,
    // React escapes what it renders; the CLI prints plain text.
    interpolation: { escapeValue: false },
  });
  instance.services.formatter?.add('moment', formatMoment);
  return instance;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/u;

/**
 * A time from main (ISO 8601) as the interface language writes a date and time, in local time: on
 * screens (useDateFormat) and in messages as `{{createdAt, moment}}`. Anything else is left as it is.
 */
export function formatMoment(value: unknown, language: string | undefined): string {
  const text = String(value);
  const time = Date.parse(text);
  if (typeof value !== 'string' || !ISO_TIME.test(text) || Number.isNaN(time)) return text;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** A day from main (ISO 8601) as the language writes it in full, in local time: "3 March 2026", "٣ مارس ٢٠٢٦". */
export function formatDay(value: string, language: string): string {
  const time = Date.parse(value);
  if (!ISO_TIME.test(value) || Number.isNaN(time)) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(time);
}
