/**
 * The service directory (issue 16): one provider entry as it crosses the contract. Kept by
 * supervisors and protection officers; every signed-in desk role reads it, without the focal point
 * and the internal note unless it keeps it (PROVIDER_KEEPERS). The codes are src/shared/referrals.ts.
 */
import { z } from 'zod';
import { isWellFormedCode, normaliseCode } from './catalogue/codes';
import { LANGUAGES } from './languages';
import { ORGANISATION_TYPES, PROVIDER_STALE_AFTER_DAYS, SAFE_FOR, SENSITIVE_SERVICES, SERVICES } from './referrals';
import type { Role } from './roles';

/** Who keeps the directory, and reads an entry's focal point and internal note. */
export const PROVIDER_KEEPERS: readonly Role[] = ['supervisor', 'protection'];
export function keepsDirectory(role: Role): boolean {
  return PROVIDER_KEEPERS.includes(role);
}

/** Whether an interpreter is available: stored as 1, 0 or NULL (not known). */
export const INTERPRETER_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type InterpreterAnswer = (typeof INTERPRETER_ANSWERS)[number];

export const PROVIDER_TEXT_MAX = 500;
export const PROVIDER_NOTE_MAX = 2000;

// No control or format characters (a right-to-left override in a name would reorder a leaflet).
const plain = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}\p{Cf}]*$/u);
// A note may hold lines.
const note = z
  .string()
  .trim()
  .max(PROVIDER_NOTE_MAX)
  .regex(/^(?:[^\p{Cc}\p{Cf}]|\n)*$/u);

/** A list of codes, each known, none twice. */
const codes = <T extends readonly [string, ...string[]]>(known: T) =>
  z.array(z.enum(known)).max(known.length).refine((list) => new Set(list).size === list.length, { message: 'repeated code' });

const languageCode = z
  .string()
  .trim()
  .max(35)
  .refine((code) => isWellFormedCode('language', code), { message: 'not a language code' })
  .transform((code) => normaliseCode('language', code));

const day = z.iso.date();

export const providerNamesSchema = z
  .object({ en: plain(200).default(''), ar: plain(200).default(''), fr: plain(200).default('') })
  .strict()
  .refine((names) => names.en !== '' || names.ar !== '' || names.fr !== '', { message: 'a name in at least one language', path: ['en'] });
export type ProviderNames = z.infer<typeof providerNamesSchema>;

/** What a keeper writes: a new entry, or every field of an entry changed. */
export const providerEntrySchema = z
  .object({
    names: providerNamesSchema,
    organisationType: z.enum(ORGANISATION_TYPES),
    services: codes(SERVICES).refine((list) => list.length > 0, { message: 'at least one service' }),
    safeFor: codes(SAFE_FOR).default([]),
    languages: z.array(languageCode).max(30).default([]),
    area: plain(200).default(''),
    address: plain(PROVIDER_TEXT_MAX).default(''),
    hours: plain(PROVIDER_TEXT_MAX).default(''),
    contact: plain(PROVIDER_TEXT_MAX).default(''),
    interpreter: z.enum(INTERPRETER_ANSWERS).default('unknown'),
    focalPoint: plain(200).default(''),
    /** The day the entry was last checked; null when it never was (then it is stale). */
    checkedOn: day.nullable().default(null),
    note: note.default(''),
  })
  .strict();
export type ProviderEntry = z.infer<typeof providerEntrySchema>;
export type ProviderEntryInput = z.input<typeof providerEntrySchema>;

/** An entry as read: the focal point and the note only for a keeper of the directory. */
export const providerSchema = z.object({
  id: z.number().int(),
  /** The global id every desk knows the entry by, in hex: the CSV's `id` column. */
  globalId: z.string(),
  names: z.object({ en: z.string(), ar: z.string(), fr: z.string() }),
  organisationType: z.enum(ORGANISATION_TYPES),
  services: z.array(z.enum(SERVICES)),
  safeFor: z.array(z.enum(SAFE_FOR)),
  languages: z.array(z.string()),
  area: z.string(),
  address: z.string(),
  hours: z.string(),
  contact: z.string(),
  interpreter: z.enum(INTERPRETER_ANSWERS),
  focalPoint: z.string().optional(),
  checkedOn: z.string().nullable(),
  note: z.string().optional(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  /** Never checked, or checked more than PROVIDER_STALE_AFTER_DAYS days ago. */
  stale: z.boolean(),
});
export type Provider = z.infer<typeof providerSchema>;

export const providerFilterSchema = z
  .object({
    service: z.enum(SERVICES).optional(),
    /** Entries whose area is this one (case and surrounding spaces aside). */
    area: plain(200).optional(),
    safeFor: z.enum(SAFE_FOR).optional(),
    includeRetired: z.boolean().default(false),
  })
  .strict();
export type ProviderFilter = z.infer<typeof providerFilterSchema>;

/** The leaflet of services (issue 16): a language, a format, and the filters it is made with. */
export const leafletRequestSchema = z
  .object({
    language: z.enum(LANGUAGES),
    format: z.enum(['html', 'pdf']),
    // A leaflet of only the providers of a sensitive service says, found on someone, what they may need.
    service: z
      .enum(SERVICES)
      .refine((service) => !SENSITIVE_SERVICES.includes(service), { message: 'a leaflet is never made for a sensitive service', params: { rule: 'sensitive_service' } })
      .optional(),
    area: plain(200).optional(),
  })
  .strict();
export type LeafletRequest = z.infer<typeof leafletRequestSchema>;

const DAY_MS = 86_400_000;

/** The one staleness rule: never checked, or checked more than PROVIDER_STALE_AFTER_DAYS days before `today`. */
export function isStale(checkedOn: string | null, today: Date): boolean {
  if (!checkedOn) return true;
  const checked = Date.parse(`${checkedOn}T00:00:00Z`);
  if (Number.isNaN(checked)) return true;
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return midnight - checked > PROVIDER_STALE_AFTER_DAYS * DAY_MS;
}

/** The name of an entry in a language, or the first it has in another. */
export function providerName(names: ProviderNames, language: (typeof LANGUAGES)[number]): string {
  return names[language] || names.en || names.fr || names.ar;
}

/**
 * An entry's own values as a keeper writes them: what the edit form starts from, and what a CSV row
 * updating the entry keeps where a column is absent. The focal point and the note are empty for a
 * reader who was not given them.
 */
export function entryOfProvider(provider: Provider): ProviderEntry {
  return {
    names: { ...provider.names },
    organisationType: provider.organisationType,
    services: [...provider.services],
    safeFor: [...provider.safeFor],
    languages: [...provider.languages],
    area: provider.area,
    address: provider.address,
    hours: provider.hours,
    contact: provider.contact,
    interpreter: provider.interpreter,
    focalPoint: provider.focalPoint ?? '',
    checkedOn: provider.checkedOn,
    note: provider.note ?? '',
  };
}
