/**
 * The site's catalogue of specific needs: UNHCR's categories as shipped, which a supervisor may
 * stop offering, and categories of the site's own, labelled by the site in each language. Codes
 * are stable and never reused, so records and statistics keep their meaning when the list changes.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from '../languages';
import { SENSITIVE_SPECIFIC_NEEDS, SPECIFIC_NEEDS } from './choices';

/** The two fields a specific need is recorded in: tier 1, or tier 2 for the sensitive ones. */
export const NEED_FIELDS = ['specificNeeds', 'protectionNeeds'] as const;
export type NeedField = (typeof NEED_FIELDS)[number];

/** A site's own category: `site-` and a number main hands out in order. */
export const SITE_NEED_CODE = /^site-[1-9]\d{0,5}$/;
export const SITE_NEEDS_MAX = 200;
const siteNeedCode = z.string().regex(SITE_NEED_CODE);

export const specificNeedCodeSchema = z.union([z.enum(SPECIFIC_NEEDS), siteNeedCode]);
export const protectionNeedCodeSchema = z.union([z.enum(SENSITIVE_SPECIFIC_NEEDS), siteNeedCode]);
export const needCodeSchema = z.union([z.enum(SPECIFIC_NEEDS), z.enum(SENSITIVE_SPECIFIC_NEEDS), siteNeedCode]);

const label = z.string().trim().min(1).max(80);
/** A site category's name in each interface language; at least one is required. */
export const needLabelsSchema = z
  .object({ en: label.optional(), ar: label.optional(), fr: label.optional() })
  .strict()
  .refine((labels) => LANGUAGES.some((language) => labels[language] !== undefined), { message: 'a label in at least one language' });
export type NeedLabels = z.infer<typeof needLabelsSchema>;

export const specificNeedEntrySchema = z.object({
  code: needCodeSchema,
  /** Where a value of this category is stored: the sensitive ones are tier 2. */
  field: z.enum(NEED_FIELDS),
  origin: z.enum(['unhcr', 'site']),
  /** Offered on the registration form; values already recorded stay either way. */
  offered: z.boolean(),
  /** Site categories only: shipped ones are labelled by the locale files. */
  labels: needLabelsSchema.optional(),
});
export type SpecificNeedEntry = z.infer<typeof specificNeedEntrySchema>;

export const addSpecificNeedSchema = z.object({ labels: needLabelsSchema, field: z.enum(NEED_FIELDS) }).strict();
export const changeSpecificNeedSchema = z
  .object({ code: needCodeSchema, offered: z.boolean().optional(), labels: needLabelsSchema.optional() })
  .strict();

/** The shipped categories, offered until a supervisor says otherwise. */
export const SHIPPED_NEEDS: readonly SpecificNeedEntry[] = [
  ...SPECIFIC_NEEDS.map((code): SpecificNeedEntry => ({ code, field: 'specificNeeds', origin: 'unhcr', offered: true })),
  ...SENSITIVE_SPECIFIC_NEEDS.map((code): SpecificNeedEntry => ({ code, field: 'protectionNeeds', origin: 'unhcr', offered: true })),
];

/**
 * A site category's name in the reader's language, or in the first language the site gave it, so
 * a category named only in Arabic still reads as itself in an English report.
 */
export function siteNeedLabel(labels: NeedLabels, language: Language): string {
  return labels[language] ?? LANGUAGES.map((other) => labels[other]).find((text) => text !== undefined) ?? '';
}
