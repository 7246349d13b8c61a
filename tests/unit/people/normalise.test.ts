import { describe, expect, it } from 'vitest';
import { fold, skeleton, skeletons, words } from '../../../src/shared/text/normalise';

describe('search normalisation', () => {
  it('unifies alef and hamza forms, taa marbuta, alef maqsura, and drops diacritics and tatweel', () => {
    expect(fold('إبراهيم')).toBe(fold('ابراهيم'));
    expect(fold('أحمد')).toBe(fold('احمد'));
    expect(fold('آمنة')).toBe(fold('امنه'));
    expect(fold('ليلى')).toBe(fold('ليلي'));
    expect(fold('مُحَمَّد')).toBe(fold('محمد'));
    expect(fold('محـــمد')).toBe(fold('محمد'));
    expect(fold('مؤمن')).toBe(fold('مومن'));
    expect(fold('٠٥٣٢')).toBe('0532');
  });

  it('folds case and accents in Latin scripts', () => {
    expect(fold('HÉLÈNE')).toBe('helene');
    expect(fold('François')).toBe('francois');
    expect(fold('Straße')).toBe('strasse');
    expect(words('Jean-Baptiste  N’Diaye')).toEqual(['jean', 'baptiste', 'n', 'diaye']);
  });

  it('gives an Arabic name and its usual Latin spellings the same skeleton', () => {
    const same = (names: string[]) => new Set(names.map((name) => skeleton(fold(name)))).size;
    expect(same(['محمد', 'Mohammed', 'Muhammad', 'Mohamed', 'Mohamad'])).toBe(1);
    expect(same(['فاطمة', 'Fatima', 'Fatma', 'Fatimah'])).toBe(1);
    expect(same(['يوسف', 'Youssef', 'Yusuf'])).toBe(1);
    expect(same(['خالد', 'Khaled', 'Khalid'])).toBe(1);
    expect(same(['إبراهيم', 'Ibrahim', 'Brahim'])).toBe(1);
    expect(skeleton(fold('Omar'))).not.toBe(skeleton(fold('Amal')));
  });

  it('also finds a name without its article', () => {
    expect(skeletons(fold('الحسن'))).toContain(skeleton(fold('Hassan')));
    expect(skeletons(fold('Al-Hassan'))).toContain(skeleton(fold('حسن')));
    expect(skeletons(fold('Ali'))).toEqual([skeleton('ali')]);
  });
});
