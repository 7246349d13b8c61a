import type { FieldKey } from '../../../shared/catalogue';
import { sameValue, valueOf, type Draft, type FieldDraft } from './draft';

/** A draft as typed, without what the form adds by itself: document rows' ids and empty rows. */
function asTyped(draft: FieldDraft | undefined): unknown {
  if (!Array.isArray(draft)) return draft;
  return draft
    .map((item) => {
      if (typeof item !== 'object') return item;
      const { id: _id, ...rest } = item;
      return rest;
    })
    .filter((item) => typeof item !== 'object' || Object.values(item).some((value) => value !== ''));
}

/**
 * Whether a form holds changes worth asking about before they are thrown away: a field whose value
 * differs from where the form started. Values are compared as they would be saved (spaces around
 * a name, the order of an object's keys, an empty document row count for nothing); a value that
 * cannot be saved yet (a half-typed date) is compared as typed.
 */
export function draftChanged(before: Draft, after: Draft, keys: readonly FieldKey[]): boolean {
  return keys.some((key) => {
    const was = valueOf(key, before[key]);
    const now = valueOf(key, after[key]);
    if (!was.problem && !now.problem) return !sameValue(was.value, now.value);
    return !sameValue(asTyped(before[key]), asTyped(after[key]));
  });
}
