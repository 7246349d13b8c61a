import { describe, expect, it } from 'vitest';
import { formatDay, initI18n } from '../../src/shared/i18n';

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

describe('a day on the registration slip is written in full in its language', () => {
  it('with the month named, never as ISO text; anything else is left as it is', () => {
    const registeredAt = '2026-11-15T10:00:00.000Z';
    expect(formatDay(registeredAt, 'en')).toContain('November');
    expect(formatDay(registeredAt, 'fr')).toContain('novembre');
    expect(formatDay(registeredAt, 'ar')).toContain('نوفمبر');
    for (const language of ['en', 'fr', 'ar']) expect(formatDay(registeredAt, language)).not.toContain('2026-11');
    expect(formatDay('unknown', 'en')).toBe('unknown');
  });
});
