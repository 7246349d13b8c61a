/**
 * An erasure takes a value out of the operations logs and leaves the desk's chain whole, with nothing
 * to test a guess of the erased value against (operation-seals.ts).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS, fieldSpec } from '../../../src/shared/catalogue';
import { ERASED_BEFORE_SEALS, eraseValues, valueDigest, type SealedValue } from '../../../src/main/exchange/operation-seals';

const SALT = '0123456789abcdef0123456789abcdef';
const making: SealedValue = {
  entity: 'person',
  field: '',
  value: JSON.stringify({ registration_number: 'ATH-000001', tier0: { chosenName: 'Basma' }, tier2: { sexualOrientation: { kind: 'listed', value: 'lesbian' }, genderIdentity: 'woman' } }),
  seal: JSON.stringify({ s: SALT }),
};
const change: SealedValue = { entity: 'person', field: 'tier2.sexualOrientation', value: '{"kind":"listed","value":"bisexual"}', seal: JSON.stringify({ s: SALT }) };

describe('seals of erasable values', () => {
  it('keep the digest of a making operation and of a change through an erasure, and forget the erased salt', () => {
    for (const op of [making, change]) {
      const before = valueDigest(op);
      expect(before).toMatch(/^[0-9a-f]{64}$/);
      const erased = { ...op, ...eraseValues(op, ['tier2.sexualOrientation']) };
      expect(valueDigest(erased)).toBe(before);
      expect(JSON.stringify(erased)).not.toMatch(/lesbian|bisexual/);
      // The operation's own salt is gone: from what is left, no value's salt can be derived again.
      expect(erased.seal).not.toContain(SALT);
      const seal = JSON.parse(erased.seal ?? '{}') as { l: Record<string, string>; d: Record<string, string> };
      expect(Object.keys(seal.l)).not.toContain('tier2.sexualOrientation');
      expect(Object.keys(seal.d)).toEqual(['tier2.sexualOrientation']);
      // A second erasure (of the other value too) still keeps the digest.
      const again = { ...erased, ...eraseValues(erased, ['tier2.genderIdentity']) };
      expect(valueDigest(again)).toBe(before);
    }
  });

  it('leave no plain hash of an erased value: a guess hashed without the forgotten salt matches nothing kept', () => {
    const erased = { ...change, ...eraseValues(change, ['tier2.sexualOrientation']) };
    const guesses = ['{"kind":"listed","value":"bisexual"}', '"bisexual"', 'bisexual'].map((guess) => createHash('sha256').update(guess).digest('hex'));
    for (const guess of guesses) expect(erased.seal).not.toContain(guess);
  });

  it('tell a changed value, a value without its salt, or a digest beside its value', () => {
    const before = valueDigest(making);
    expect(valueDigest({ ...making, value: making.value?.replace('Basma', 'Planted') ?? null })).not.toBe(before);
    const erased = { ...change, ...eraseValues(change, ['tier2.sexualOrientation']) };
    expect(valueDigest({ ...erased, value: '"restored"' })).toBeUndefined();
    expect(valueDigest({ ...making, seal: '{"s":"short"}' })).toBeUndefined();
    // Not erasable: hashed as it is, seal or none.
    expect(valueDigest({ entity: 'account', field: 'role', value: '"clerk"', seal: null })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('operations made before seals', () => {
  it('are chained without the values a withdrawn consent erases, and those are the catalogue\'s consent-bound fields', () => {
    const consentBound = FIELD_KEYS.filter((key) => fieldSpec(key).consent !== undefined).map((key) => `tier${fieldSpec(key).tier}.${key}`);
    expect([...ERASED_BEFORE_SEALS].sort()).toEqual(consentBound.sort());
    const legacy = { ...making, seal: null };
    const before = valueDigest(legacy);
    // Erased (json_remove at one desk, not yet at another): the same digest.
    const erased = { ...legacy, value: JSON.stringify({ registration_number: 'ATH-000001', tier0: { chosenName: 'Basma' }, tier2: { genderIdentity: 'woman' } }) };
    expect(valueDigest(erased)).toBe(before);
    // Anything else changed: another digest.
    expect(valueDigest({ ...legacy, value: legacy.value?.replace('Basma', 'Planted') ?? null })).not.toBe(before);
    expect(valueDigest({ ...legacy, value: legacy.value?.replace('woman', 'man') ?? null })).not.toBe(before);
    expect(valueDigest({ ...change, seal: null, value: null })).toBe(valueDigest({ ...change, seal: null }));
    // The form is the operation's own: a seal taken off changes the digest.
    expect(valueDigest(legacy)).not.toBe(valueDigest(making));
  });
});
