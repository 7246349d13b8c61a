// First: before any module's schema is built or used.
import './zod-without-eval';
import '@fontsource/noto-sans';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans-arabic';
import '@fontsource/noto-sans-arabic/600.css';
import './styles/base.css';
import './styles/forms.css';
import './styles/layout.css';
import './styles/accounts.css';
import './styles/people.css';
import './styles/registration.css';
import './styles/record.css';
import './styles/restricted.css';
import './styles/audit.css';
import './styles/duplicates.css';
import './styles/exchange.css';
import './styles/work-lists.css';
import './styles/directory.css';
import './styles/referrals.css';
import './styles/print.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { initI18n } from '../../shared/i18n';
import { App } from './App';
import { followLanguage } from './document-language';

const i18n = initI18n(undefined, initReactI18next);
followLanguage(i18n);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}
