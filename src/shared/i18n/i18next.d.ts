import 'i18next';
import type { Messages } from './index';

// Typed keys: t('signIn.titel') is a compile error, and so is a missing errors.<code>.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
    returnNull: false;
  }
}
