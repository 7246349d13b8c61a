/**
 * A shared field's value in words, in the slip's language, as plain text (escaped by the page).
 * Listed answers by their label, the person's own words as given, codes by their names.
 */
import { FIELDS, isListedPronoun, pronounIn, type Birth, type FieldKey, type IdentityDocument } from '../../shared/catalogue';
import type { Language } from '../../shared/languages';

type Translate = (key: string, options?: Record<string, unknown>) => string;

function codeName(kind: 'language' | 'region', code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: kind, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function day(isoDay: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

/** The value as text; undefined when it does not fit the catalogue (an older record's shape). */
export function sharedValueText(key: FieldKey, value: unknown, t: Translate, language: Language): string | undefined {
  const spec = FIELDS[key];
  if (!spec.schema.safeParse(value).success) return undefined;
  const list = (items: string[]): string => new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  const choiceList = 'choiceList' in spec ? spec.choiceList : undefined;
  // A site's own specific need is named by its code here: the slip never guesses a label.
  // Quoted as the slip's language quotes (“…”, « … », «…»), isolated so a name in another script keeps its order.
  const ownWordsEntry = (entry: string): string => `${t('person.quoted', { text: entry })} ${t('person.picker.ownWords.mark')}`;
  const choice = (item: string): string => (choiceList && !item.startsWith('site-') ? t(`choices.${choiceList}.${item}`) : item);
  if ('codes' in spec && spec.codes) {
    const kind = spec.codes;
    return list((Array.isArray(value) ? (value as string[]) : [value as string]).map((code) => codeName(kind, code, language)));
  }
  switch (spec.control) {
    case 'text':
    case 'longtext':
      return value as string;
    case 'date':
      return day(value as string, language);
    case 'choice':
      return choice(value as string);
    case 'choices':
      return list((value as string[]).map(choice));
    case 'boolean':
      return t(value === true ? 'person.yes' : 'person.no');
    case 'birth': {
      const birth = value as Birth;
      if (birth.precision === 'exact') return day(birth.date, language);
      if (birth.precision === 'year') return t('person.birthYearOnly', { year: birth.year });
      return t('person.birthAgeOn', { age: birth.age, date: day(birth.asOf, language) });
    }
    case 'pronouns':
    case 'self-described': {
      const answer = value as { kind: string; value?: string; text?: string };
      const answerList = key === 'pronouns' ? 'pronouns' : (choiceList ?? '');
      if (answer.kind === 'listed') {
        const listed = answer.value ?? '';
        return t(`choices.${answerList}.${key === 'pronouns' && isListedPronoun(listed) ? pronounIn(language, listed) : listed}`);
      }
      if (answer.kind === 'self-described') return `${t('person.ownWords')} ${t('person.quoted', { text: answer.text ?? '' })}`;
      return t(`choices.answer.${answer.kind}`);
    }
    case 'own-words':
      return list((value as string[]).map(ownWordsEntry));
    case 'documents':
      return (value as IdentityDocument[])
        .map((document) => [t(`choices.documentType.${document.type}`), document.number, document.issuingCountry && codeName('region', document.issuingCountry, language)].filter(Boolean).join(' · '))
        .join('; ');
    case 'interpreter': {
      const interpreter = value as { language?: string; languageOwnWords?: string[]; preferences: string[] };
      return [
        interpreter.language && codeName('language', interpreter.language, language),
        interpreter.languageOwnWords && list(interpreter.languageOwnWords.map(ownWordsEntry)),
        list(interpreter.preferences.map((p) => t(`choices.interpreter.${p}`))),
      ]
        .filter(Boolean)
        .join(' · ');
    }
  }
}
