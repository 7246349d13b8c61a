/**
 * What a referral call carries (issue 16): the input of a new referral, a referral as a screen
 * shows it, and who may refer. Main checks every rule; these schemas only bound the shapes.
 */
import { z } from 'zod';
import { FIELD_KEYS } from './catalogue';
import { LANGUAGES } from './languages';
import { ORGANISATION_TYPES, REFERRAL_STATUSES, SAFE_FOR, SERVICES, URGENCIES } from './referrals';
import type { Role } from './roles';
import { SLIP_FORMATS } from './slip';

const id = z.number().int().positive();
const isoDay = z.iso.date();
export const REFERRAL_REASON_MAX = 2000;

/**
 * A new referral. sharedFields starts empty and main never adds to it; referralConsent is the
 * person's "referral" consent, given for this referral (the form asks it); sensitiveConsent the
 * explicit tick, for this referral, that lets tier-2 fields be shared.
 */
export const referralInputSchema = z
  .object({
    personId: id,
    providerId: id,
    services: z.array(z.enum(SERVICES)).min(1).max(SERVICES.length),
    sharedFields: z.array(z.enum(FIELD_KEYS)).max(FIELD_KEYS.length),
    referralConsent: z.literal(true),
    sensitiveConsent: z.boolean(),
    urgency: z.enum(URGENCIES),
    reason: z.string().trim().max(REFERRAL_REASON_MAX),
    followUpOn: isoDay.optional(),
  })
  .strict();
export type ReferralInput = z.infer<typeof referralInputSchema>;

/** A provider's names as main sends them (each language present, maybe empty). */
const providerNamesSchema = z.object({ en: z.string(), ar: z.string(), fr: z.string() });

/** A provider as the Refer form offers it: what the person chooses by, nothing of the internal note. */
export const referralOptionSchema = z.object({
  id,
  names: providerNamesSchema,
  organisationType: z.enum(ORGANISATION_TYPES),
  services: z.array(z.enum(SERVICES)),
  safeFor: z.array(z.enum(SAFE_FOR)),
  languages: z.array(z.string()),
  area: z.string(),
  hours: z.string(),
  interpreter: z.boolean().nullable(),
});
export type ReferralOption = z.infer<typeof referralOptionSchema>;

export const referralEventSchema = z.object({
  status: z.enum(REFERRAL_STATUSES),
  happenedOn: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const referralViewSchema = z.object({
  id,
  number: z.string(),
  personId: id,
  provider: z.object({ id, names: providerNamesSchema, languages: z.array(z.string()) }),
  /** Without the sensitive services (SENSITIVE_SERVICES) for a reader who may not read tier 2 in the view mode in use. */
  services: z.array(z.enum(SERVICES)),
  /** Some services were left out for this reader. */
  servicesRestricted: z.boolean(),
  /** Field keys only: the values are read from the record when a slip is made. */
  sharedFields: z.array(z.enum(FIELD_KEYS)),
  sensitiveConsent: z.boolean(),
  urgency: z.enum(URGENCIES),
  /** The person's words, a tier-2 value: absent for a reader who may not read tier 2 in the view mode in use. */
  reason: z.string().optional(),
  followUpOn: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  open: z.boolean(),
  /** The "referral" consent it stands on was withdrawn: no slip shows shared data again. */
  consentWithdrawn: z.boolean(),
  events: z.array(referralEventSchema),
});
export type ReferralView = z.infer<typeof referralViewSchema>;

/** An open referral past its follow-up date: the number and dates, the record's number, nothing else of the person. */
export const overdueReferralSchema = z.object({
  id,
  number: z.string(),
  personId: id,
  registrationNumber: z.string(),
  providerNames: providerNamesSchema,
  status: z.enum(REFERRAL_STATUSES),
  followUpOn: z.string(),
});
export type OverdueReferral = z.infer<typeof overdueReferralSchema>;

export const REFERRAL_SLIP_KINDS = ['provider', 'person'] as const;
export type ReferralSlipKind = (typeof REFERRAL_SLIP_KINDS)[number];
export const referralSlipRequestSchema = z
  .object({
    id,
    kind: z.enum(REFERRAL_SLIP_KINDS),
    format: z.enum(SLIP_FORMATS),
    /** The provider's slip: one of the provider's languages the app speaks; the first such by default. */
    language: z.enum(LANGUAGES).optional(),
  })
  .strict();
export type ReferralSlipRequest = z.infer<typeof referralSlipRequestSchema>;

/** Protection officers refer; clerks too where the site allows it (setting clerksMayRefer). The one rule. */
export function mayRefer(role: Role, clerksMayRefer: boolean): boolean {
  return role === 'protection' || (role === 'clerk' && clerksMayRefer);
}

export { providerName } from './providers';
