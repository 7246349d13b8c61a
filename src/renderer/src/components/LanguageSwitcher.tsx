import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES } from '../../../shared/i18n';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../../shared/languages';
import { problemOf, type Problem } from '../problems';
import { SelectField } from './Fields';
import { ErrorAlert } from './Messages';

export const LANGUAGE_OPTIONS = LANGUAGES.map((language) => ({
  value: language,
  label: LANGUAGE_NAMES[language],
  lang: language,
}));

export function useCurrentLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

/** Switches the interface language once main has remembered the choice (for the device or the user). */
export function LanguageSwitcher({ remember }: { remember: (language: Language) => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const current = useCurrentLanguage();
  const [problem, setProblem] = useState<Problem | null>(null);

  async function change(language: Language): Promise<void> {
    setProblem(null);
    try {
      await remember(language);
      await i18n.changeLanguage(language);
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  return (
    <div className="language-switcher no-print">
      <SelectField label={t('language.label')} value={current} options={LANGUAGE_OPTIONS} onChange={(language) => void change(language)} />
      <ErrorAlert problem={problem} />
    </div>
  );
}
