/**
 * The service directory and referrals (issue 16): the codes a provider entry and a referral are
 * made of. Stored as these codes (migration 15); every screen, slip, CSV and statistic names them
 * through i18next (`referrals.service.<code>` and so on).
 */

/** Who runs a provider. The community-led kinds come first in the guidance: they are often the safest. */
export const ORGANISATION_TYPES = ['public', 'ngo', 'lgbtiq-led', 'sex-worker-led', 'women-led', 'refugee-led'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const SERVICES = [
  'health',
  'sexual-reproductive-health',
  'hiv',
  'mental-health-psychosocial',
  'legal-aid',
  'legal-help-after-arrest',
  'shelter-safe-housing',
  'cash',
  'livelihoods',
  'education',
  'child-protection',
  'gbv-response',
  'documentation',
] as const;
export type Service = (typeof SERVICES)[number];

/** Who a provider is known to be safe and competent for: the directory's "safe for" marks. */
export const SAFE_FOR = ['lgbtiq', 'trans', 'sex-workers', 'children', 'survivors'] as const;
export type SafeFor = (typeof SAFE_FOR)[number];

export const URGENCIES = ['routine', 'soon', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** A referral's follow-up. The first three are open; the others close it. */
export const REFERRAL_STATUSES = ['sent', 'accepted', 'seen', 'closed', 'declined-by-person', 'not-reachable'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['sent', 'accepted', 'seen'];

/** An entry not checked for this many days is flagged as stale in the directory and on the leaflet. */
export const PROVIDER_STALE_AFTER_DAYS = 180;

/**
 * Services whose referral says something sensitive of the person (their health, an arrest, what
 * they survived): in the statistics these rows take the higher threshold, hide zeros, and are left
 * out of a report without sensitive breakdowns.
 */
export const SENSITIVE_SERVICES: readonly Service[] = ['sexual-reproductive-health', 'hiv', 'legal-help-after-arrest', 'gbv-response'];
