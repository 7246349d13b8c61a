import { describe, expect, it } from 'vitest';
import { initI18n } from '../../src/shared/i18n';

describe('a time carried in an error is shown in the interface language', () => {
  const createdAt = '2026-11-30T10:00:00.000Z';

  it('names the date as each language writes it, never as ISO text', () => {
    for (const [language, month] of [
      ['en', 'Nov'],
      ['fr', 'nov'],
      ['ar', '/11'],
    ] as const) {
      const message = initI18n(language).t('errors.backup_wrong_credentials', { createdAt });
      expect(message).not.toContain('2026-11-30T');
      expect(message).toContain(month);
    }
    expect(initI18n('ar').t('errors.key_slots_outdated', { rotatedAt: createdAt })).toContain('/11');
  });

  it('leaves text that is not a time as it is', () => {
    expect(initI18n('en').t('errors.key_slots_outdated', { rotatedAt: 'unknown' })).toContain('changed on unknown');
  });
});
