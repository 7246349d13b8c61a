import { useTranslation } from 'react-i18next';
import {
  FIELDS,
  grammaticalGenderOf,
  isListedPronoun,
  pronounIn,
  type Birth,
  type FieldKey,
  type IdentityDocument,
  type PersonFields,
} from '../../../shared/catalogue';
import type { PersonSummary } from '../../../shared/people';
import { formatMoment } from '../../../shared/i18n';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { controlOf } from '../registration/draft';
import { useCatalogueText } from './catalogue-text';
import { IsolatedList, useCodeNames } from './code-names';

/** The i18next context for text about the person, from the pronouns they gave; neutral when not known. */
export function genderContextOf(fields: PersonFields): 'feminine' | 'masculine' | undefined {
  const pronouns = fields.pronouns;
  const gender = grammaticalGenderOf(pronouns?.kind === 'listed' ? pronouns.value : undefined);
  return gender === 'neutral' ? undefined : gender;
}

export function useDateFormat() {
  const language = useCurrentLanguage();
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    /** A timestamp from main (ISO 8601), in local time. */
    moment: (iso: string): string => formatMoment(iso, language),
    /** A calendar date (YYYY-MM-DD) as typed: no time zone may move it to another day. */
    day: (isoDay: string): string => day.format(new Date(`${isoDay}T00:00:00Z`)),
    /** A timestamp from main, as the day only. */
    dayOf: (iso: string): string => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso)),
  };
}

/** Names are shown as entered, in any script, isolated from the text around them. */
export function PersonName({ name }: { name: string }) {
  return <bdi className="person-name">{name}</bdi>;
}

/** Registration numbers read left to right in every language. */
export function RegistrationNumber({ value }: { value: string }) {
  return <bdi className="registration-number">{value}</bdi>;
}

export function AgeText({ age }: { age: PersonSummary['age'] }) {
  const { t } = useTranslation();
  if (!age) return <span className="muted">{t('person.ageUnknown')}</span>;
  return <>{age.estimated ? t('person.ageAbout', { years: age.years }) : t('person.ageExact', { years: age.years })}</>;
}

/** What a field holds, in words: listed answers by their label, the person's own words as they gave them. */
export function FieldValue({ fieldKey, value }: { fieldKey: FieldKey; value: unknown }) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const dates = useDateFormat();
  const language = useCurrentLanguage();
  const codeNames = useCodeNames();
  const spec = FIELDS[fieldKey];
  const codeKind = 'codes' in spec ? spec.codes : undefined;
  // History entries carry values from older records: show only what still fits the catalogue.
  if (!spec.schema.safeParse(value).success) return <span className="muted">{t('person.valueUnreadable')}</span>;
  const list = (items: string[]): string => new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
  const choice = (item: string): string => ('choiceList' in spec && spec.choiceList ? text.choiceLabel(spec.choiceList, item) : item);

  if (codeKind) {
    const codes = Array.isArray(value) ? (value as string[]) : [value as string];
    return <IsolatedList items={codes.map((code) => codeNames.label(codeKind, code))} />;
  }

  switch (controlOf(fieldKey)) {
    case 'text':
    case 'longtext':
      return (
        // Phone numbers read left to right in every language; other text takes its own direction.
        <bdi className={controlOf(fieldKey) === 'longtext' ? 'long-text' : undefined} dir={fieldKey === 'phone' ? 'ltr' : 'auto'}>
          {value as string}
        </bdi>
      );
    case 'date':
      return <>{dates.day(value as string)}</>;
    case 'choice':
      return <>{choice(value as string)}</>;
    case 'choices':
      return <>{list((value as string[]).map(choice))}</>;
    case 'boolean':
      return <>{value === true ? t('person.yes') : t('person.no')}</>;
    case 'list':
      return <bdi dir="ltr">{(value as string[]).join(', ')}</bdi>;
    case 'own-words':
      return <OwnWordsValue entries={value as string[]} />;
    case 'birth':
      return <BirthValue birth={value as Birth} />;
    case 'pronouns':
    case 'self-described':
      return <AnswerValue answer={value as { kind: string; value?: string; text?: string }} choiceList={fieldKey === 'pronouns' ? 'pronouns' : (spec as { choiceList?: string }).choiceList ?? ''} />;
    case 'documents':
      return <DocumentsValue documents={value as IdentityDocument[]} />;
    case 'interpreter': {
      const interpreter = value as { language?: string; languageOwnWords?: string[]; preferences: string[] };
      const ownWords = interpreter.languageOwnWords ?? [];
      const hasLanguage = interpreter.language !== undefined || ownWords.length > 0;
      return (
        <>
          {interpreter.language && <bdi dir="auto">{codeNames.label('language', interpreter.language)}</bdi>}
          {/* The language the list does not hold, in the person's own words: where the code would be, marked. */}
          {ownWords.length > 0 && <OwnWordsValue entries={ownWords} />}
          {hasLanguage && interpreter.preferences.length > 0 && ' · '}
          {list(interpreter.preferences.map((preference) => text.choiceLabel('interpreter', preference)))}
        </>
      );
    }
  }
}

function BirthValue({ birth }: { birth: Birth }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  switch (birth.precision) {
    case 'exact':
      return <>{dates.day(birth.date)}</>;
    case 'year':
      return <>{t('person.birthYearOnly', { year: birth.year })}</>;
    case 'age':
      return <>{t('person.birthAgeOn', { age: birth.age, date: dates.day(birth.asOf) })}</>;
  }
}

/**
 * What the list does not hold, in the person's own words: each entry as given, quoted and marked,
 * so that it is never read as one of the listed names.
 */
function OwnWordsValue({ entries }: { entries: readonly string[] }) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const mark = t('person.picker.ownWords.mark');
  const parts = new Intl.ListFormat(language, { type: 'conjunction' }).formatToParts(entries);
  return (
    <span className="own-words-value">
      {parts.map((part, index) =>
        part.type === 'element' ? (
          <span key={index} className="own-words-entry">
            <q>
              <bdi dir="auto">{part.value}</bdi>
            </q>{' '}
            <span className="own-words-mark">{mark}</span>
          </span>
        ) : (
          part.value
        ),
      )}
    </span>
  );
}

/** The person's answer: a listed one, their own words, or the distinct "not asked" and "prefers not to say". */
function AnswerValue({ answer, choiceList }: { answer: { kind: string; value?: string; text?: string }; choiceList: string }) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const language = useCurrentLanguage();
  switch (answer.kind) {
    case 'listed': {
      const value = answer.value ?? '';
      // Pronouns in the interface language where a set maps (she/her shown as هي on the Arabic screen).
      const shown = choiceList === 'pronouns' && isListedPronoun(value) ? pronounIn(language, value) : value;
      return <>{text.choiceLabel(choiceList, shown)}</>;
    }
    case 'self-described':
      return (
        <>
          {t('person.ownWords')}{' '}
          <q>
            <bdi dir="auto">{answer.text}</bdi>
          </q>
        </>
      );
    default:
      return <span className="non-answer">{text.choiceLabel('answer', answer.kind)}</span>;
  }
}

function DocumentsValue({ documents }: { documents: IdentityDocument[] }) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const codeNames = useCodeNames();
  const dates = useDateFormat();
  return (
    <ul className="documents-list">
      {documents.map((document) => (
        <li key={document.id}>
          <span className="document-type">{text.choiceLabel('documentType', document.type)}</span>
          <dl className="document-details">
            {document.nameOnDocument && (
              <div>
                <dt>{t('person.document.nameOnDocument')}</dt>
                <dd>
                  <bdi dir="auto">{document.nameOnDocument}</bdi>
                </dd>
              </div>
            )}
            {document.number && (
              <div>
                <dt>{t('person.document.number')}</dt>
                <dd>
                  <bdi dir="ltr">{document.number}</bdi>
                </dd>
              </div>
            )}
            {document.issuingCountry && (
              <div>
                <dt>{t('person.document.issuingCountry')}</dt>
                <dd>
                  <bdi dir="auto">{codeNames.label('region', document.issuingCountry)}</bdi>
                </dd>
              </div>
            )}
            {document.sexOnDocument && (
              <div>
                <dt>{t('person.document.sexOnDocument')}</dt>
                <dd>{text.choiceLabel('sexOnDocument', document.sexOnDocument)}</dd>
              </div>
            )}
            {document.issuedOn && (
              <div>
                <dt>{t('person.document.issuedOn')}</dt>
                <dd>{dates.day(document.issuedOn)}</dd>
              </div>
            )}
            {document.expiresOn && (
              <div>
                <dt>{t('person.document.expiresOn')}</dt>
                <dd>{dates.day(document.expiresOn)}</dd>
              </div>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** A name inside a translated sentence, isolated so its script's direction does not reorder the sentence. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
