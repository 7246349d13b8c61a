/**
 * A provider's slip quotes the person's own words as the slip's language quotes them, and isolates
 * them, so a name in another script keeps its order inside right-to-left text.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/main/referrals/referral-slip-html';
import { sharedValueText } from '../../../src/main/referrals/shared-values';

const ISOLATE = (text: string) => `\u2068${text}\u2069`;

describe('own words on a provider’s slip', () => {
  it('are quoted in the slip’s language: “…” in English, « … » in French, «…» in Arabic', () => {
    const text = (language: 'en' | 'fr' | 'ar') => sharedValueText('languagesOwnWords', ['Kurmanji of Afrin'], translator(language), language);
    expect(text('en')).toBe(`“${ISOLATE('Kurmanji of Afrin')}” (own words)`);
    expect(text('fr')).toMatch(new RegExp(`^«\u00a0${ISOLATE('Kurmanji of Afrin')}\u00a0» `));
    expect(text('ar')).toMatch(new RegExp(`^«${ISOLATE('Kurmanji of Afrin')}» `));
  });

  it('quote a self-described answer the same way', () => {
    const value = { kind: 'self-described', text: 'they/them in Arabic' };
    expect(sharedValueText('pronouns', value, translator('fr'), 'fr')).toContain(`«\u00a0${ISOLATE('they/them in Arabic')}\u00a0»`);
    expect(sharedValueText('pronouns', value, translator('en'), 'en')).not.toContain('«');
  });
});
