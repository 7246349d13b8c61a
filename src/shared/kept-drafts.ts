import { z } from 'zod';

/**
 * A kept draft's size limit, as UTF-8 bytes of its JSON: a registration with every field and
 * several documents filled in is well under 64 KiB; the notes alone may take 20,000 characters.
 * A larger draft is refused with draft_too_large (what is on screen stays, and can still be saved).
 */
export const KEPT_DRAFT_MAX_BYTES = 256 * 1024;

/** What a draft is of: a new registration, or the edit of one record. */
export const keptDraftSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('registration') }).strict(),
  z.object({ kind: z.literal('edit'), personId: z.number().int().positive() }).strict(),
]);
export type KeptDraftSubject = z.infer<typeof keptDraftSubjectSchema>;

/**
 * The form's own state, as the renderer holds it (strings as typed): main keeps it as it is, bounds
 * its size, and gives it back only to its author. The form checks it again when it is put back.
 */
export const keptDraftContentSchema = z.record(z.string(), z.unknown());
export type KeptDraftContent = z.infer<typeof keptDraftContentSchema>;

export const keptDraftSummarySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('registration'), savedAt: z.string() }),
  z.object({ kind: z.literal('edit'), personId: z.number().int(), registrationNumber: z.string(), savedAt: z.string() }),
]);
export type KeptDraftSummary = z.infer<typeof keptDraftSummarySchema>;
