import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditDetails as AuditDetailsComponent } from '../../../src/renderer/src/audit/AuditDetails';
import type { AuditEntry } from '../../../src/shared/audit';
import { initI18n, resources } from '../../../src/shared/i18n';
import type { Language } from '../../../src/shared/languages';

let AuditDetails: typeof AuditDetailsComponent;

beforeAll(async () => {
  // The renderer's modules reach for the preload bridge when loaded; a static render never calls it.
  vi.stubGlobal('window', { intake: { call: () => new Promise(() => undefined) } });
  ({ AuditDetails } = await import('../../../src/renderer/src/audit/AuditDetails'));
});

afterAll(() => {
  vi.unstubAllGlobals();
});

/** An entry's details as the supervisor's audit screen shows them, in one interface language. */
function shown(language: Language, action: AuditEntry['action'], details: AuditEntry['details']): string {
  const i18n = initI18n(language, initReactI18next);
  const entry: AuditEntry = { id: 1, at: '2026-11-30T10:00:00.000Z', action, details };
  const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(AuditDetails, { entry })));
  // The words a reader sees, without the markup.
  return html.replace(/<[^>]+>/g, '|');
}

describe('the audit screen names what an entry is about', () => {
  for (const language of ['en', 'ar', 'fr'] as const) {
    const words = resources[language].translation;

    it(`in ${language}: a category added on the settings screen reads as the category, its field and "Category added", not as code`, () => {
      const text = shown(language, 'setting-change', { specificNeed: 'child-at-risk', change: 'add', field: 'specificNeeds' });
      expect(text).toContain(`|${words.settings.needs.category}|`);
      expect(text).toContain(`|${words.choices.specificNeeds['child-at-risk']}|`);
      expect(text).toContain(`|${words.audit.changes.add}|`);
      expect(text).toContain(`|${words.person.fields.specificNeeds.label}|`);
      for (const code of ['specificNeed', 'child-at-risk', '|add|', 'specificNeeds']) expect(text).not.toContain(code);
    });

    it(`in ${language}: a changed setting is named as on the settings screen`, () => {
      const text = shown(language, 'setting-change', { sitePrefix: 'AMM1', siteName: 'Camp east', offered: false });
      expect(text).toContain(`|${words.settings.sitePrefix}|`);
      expect(text).toContain(`|${words.settings.siteName}|`);
      expect(text).toContain(`|${words.settings.needs.offered}|`);
      expect(text).toContain('AMM1');
      expect(text).not.toContain('sitePrefix');
      expect(text).not.toContain('siteName');
    });

    it(`in ${language}: a registration slip reads as printed or saved as PDF, not as a format code`, () => {
      expect(shown(language, 'slip-print', { format: 'html' })).toContain(`|${words.audit.values.slipFormats.html}|`);
      const pdf = shown(language, 'slip-print', { format: 'pdf' });
      expect(pdf).toContain(`|${words.audit.values.slipFormats.pdf}|`);
      expect(pdf).not.toContain('|pdf|');
    });
  }

  it('a key or a change this version has no words for still reads as words, and nothing breaks', () => {
    const text = shown('en', 'setting-change', { someNewSetting: 3, change: 'keep-apart', 'odd_key-name': true });
    expect(text).toContain('|Some new setting|');
    expect(text).toContain('|Keep apart|');
    expect(text).toContain('|Odd key name|');
  });
});
