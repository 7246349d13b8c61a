import type { i18n } from 'i18next';
import { isLanguage } from '../../shared/i18n';
import { DEFAULT_LANGUAGE, directionOf } from '../../shared/languages';

/**
 * Keeps <html lang dir> and the window title in step with the interface language.
 * The title is only ever the app's name: never a person's or an account's.
 */
export function followLanguage(instance: i18n): void {
  const apply = (): void => {
    const language = isLanguage(instance.resolvedLanguage) ? instance.resolvedLanguage : DEFAULT_LANGUAGE;
    document.documentElement.lang = language;
    document.documentElement.dir = directionOf(language);
    document.title = instance.t('app.name');
  };
  instance.on('languageChanged', apply);
  apply();
}
