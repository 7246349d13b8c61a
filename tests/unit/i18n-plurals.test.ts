/**
 * Counts read as the language says them: "1 person", not "1 people"; in Arabic the forms for one,
 * two, three to ten, eleven to ninety-nine and a hundred differ, and in French one is singular.
 */
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../src/shared/i18n';

describe('counts in words', () => {
  const say = (language: 'en' | 'fr' | 'ar', key: 'counts.people' | 'counts.auditEntries' | 'counts.days', count: number) => initI18n(language).t(key, { count });

  it('in English, one is singular', () => {
    expect([0, 1, 2, 7].map((n) => say('en', 'counts.people', n))).toEqual(['0 people', '1 person', '2 people', '7 people']);
    expect(say('en', 'counts.auditEntries', 1)).toBe('1 audit entry');
    expect(say('en', 'counts.days', 1)).toBe('1 day');
  });

  it('in French, zero and one are singular', () => {
    expect([0, 1, 2, 1_000_000].map((n) => say('fr', 'counts.people', n))).toEqual(['0 personne', '1 personne', '2 personnes', '1000000 de personnes']);
  });

  it('in Arabic, one, two, three to ten, eleven to ninety-nine and a hundred each have their form', () => {
    expect([1, 2, 3, 11, 100].map((n) => say('ar', 'counts.days', n))).toEqual(['يوم واحد', 'يومين', '3 أيام', '11 يومًا', '100 يوم']);
    expect([1, 2, 5, 40].map((n) => say('ar', 'counts.people', n))).toEqual(['شخص واحد', 'شخصان', '5 أشخاص', '40 شخصًا']);
  });

  it('fill the backup message whole, in every language', () => {
    for (const language of ['en', 'fr', 'ar'] as const) {
      const t = initI18n(language).t;
      const text = t('backups.done', { people: t('counts.people', { count: 1 }), entries: t('counts.auditEntries', { count: 2 }), path: '/media/stick' });
      expect(text).not.toMatch(/\{\{|counts\./);
    }
    const en = initI18n('en').t;
    expect(en('backups.done', { people: en('counts.people', { count: 1 }), entries: en('counts.auditEntries', { count: 2 }), path: '/media/stick' })).toBe(
      'Backup verified: 1 person and 2 audit entries, in /media/stick.',
    );
  });
});
