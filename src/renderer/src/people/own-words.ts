/**
 * Whether what the clerk typed in a picker can be added in the person's own words (issue 15): the
 * words the list does not hold, kept as text beside the codes, never as a code. Main checks each
 * entry again with the same schema.
 */
import { OWN_WORDS_MAX_ENTRIES, ownWordsEntrySchema, type CodeKind } from '../../../shared/catalogue';
import type { Language } from '../../../shared/languages';
import { fold } from '../../../shared/text/normalise';
import { codeOptions, matchingOptions } from './code-options';

/** Why typed words cannot be added: too long, the field full, or a character that cannot be kept. */
export type OwnWordsRefusal = 'tooLong' | 'full' | 'unusable';

export type OwnWordsOffer = { offer: string } | { refused: OwnWordsRefusal } | null;

/**
 * What the picker offers for the typed words: to add them (trimmed), why it cannot, or nothing.
 * Only when no listed option matches them, chosen already or not: a listed language is picked from
 * the list, and the arrow keys never slip from a match onto words that would be kept as text.
 * Nothing either when the same words are added already.
 */
export function ownWordsOffer(kind: CodeKind, typed: string, entries: readonly string[], language: Language): OwnWordsOffer {
  const text = typed.trim();
  if (text === '' || matchingOptions(codeOptions(kind), text, language, 1).length > 0) return null;
  if (entries.some((entry) => fold(entry) === fold(text))) return null;
  if (entries.length >= OWN_WORDS_MAX_ENTRIES) return { refused: 'full' };
  const parsed = ownWordsEntrySchema.safeParse(text);
  if (parsed.success) return { offer: parsed.data };
  return { refused: parsed.error.issues.some((issue) => issue.code === 'too_big') ? 'tooLong' : 'unusable' };
}
