import { describe, expect, it } from 'vitest';
import { draftOf, valueOf, type InterpreterDraft } from '../../../src/renderer/src/registration/draft';

describe('the interpreter’s language in the form (issue 15)', () => {
  it('comes back as recorded: a listed code, or the person’s own words instead of it', () => {
    for (const recorded of [
      { language: 'ku', preferences: ['woman'] },
      { languageOwnWords: ['Feyli Kurdish'], preferences: [] },
    ]) {
      expect(valueOf('interpreter', draftOf('interpreter', recorded))).toEqual({ value: recorded });
    }
  });

  it('keeps no empty words, and a draft kept before there were own words still reads', () => {
    const typed: InterpreterDraft = { language: 'ar', languageOwnWords: ['  '], preferences: [] };
    expect(valueOf('interpreter', typed)).toEqual({ value: { language: 'ar', preferences: [] } });
    const kept = { language: 'ar', preferences: ['woman'] } as InterpreterDraft;
    expect(valueOf('interpreter', kept)).toEqual({ value: { language: 'ar', preferences: ['woman'] } });
    expect(valueOf('interpreter', { language: '', languageOwnWords: [], preferences: [] })).toEqual({});
  });
});
