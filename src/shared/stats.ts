/**
 * Anonymised statistics: what a supervisor asks for, what is published, and the words used.
 * Every published table has been through disclosure control in main (primary and complementary
 * suppression, checked by an attacker's audit) before it takes this shape.
 */
import { z } from 'zod';
import { AppError } from './errors';
import { needLabelsSchema } from './catalogue/specific-needs';

/** No statistics office publishes cells below 3; neither do we, whatever the request says. */
export const STATS_K_MIN = 3;
export const STATS_K_DEFAULT = 5;
export const STATS_K_SENSITIVE_DEFAULT = 10;
/** Tier-2 breakdowns are never published below 10, whatever the request says. */
export const STATS_K_SENSITIVE_MIN = 10;
/**
 * A period (for tier-1 breakdowns) or each of its months (for tier-2 ones) with fewer people
 * than this publishes only the number registered. A supervisor may raise it, never lower it.
 */
export const STATS_MIN_POPULATION_DEFAULT = 50;
export const STATS_MIN_POPULATION_MAX = 100_000;
export const STATS_K_MAX = 100;
/** About ten years of weeks: enough for any report, small enough to print. */
export const STATS_MAX_PERIOD_DAYS = 3700;

export const GRANULARITIES = ['week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Thrown when a request would weaken disclosure control below what the rules allow. */
export class DisclosureRuleError extends AppError {
  constructor(
    readonly rule: 'k-minimum' | 'k-sensitive-minimum' | 'k-sensitive-below-k' | 'minimum-population' | 'period',
    params: Record<string, string | number>,
  ) {
    super('invalid_input', { rule, ...params });
    this.name = 'DisclosureRuleError';
  }
}

const isoDate = z.iso.date();

/** The request's fields, without the cross-field rules (zod cannot extend a refined object). */
export const statsRequestFields = z
  .object({
    /** First and last day of the period, inclusive; widened to whole weeks or months. */
    from: isoDate,
    to: isoDate,
    granularity: z.enum(GRANULARITIES).default('month'),
    /** Smallest count published; a supervisor may raise it, never below STATS_K_MIN. */
    k: z.number().int().min(STATS_K_MIN).max(STATS_K_MAX).default(STATS_K_DEFAULT),
    /** Smallest count published in tier-2 (sensitive) breakdowns; at least k and at least 10. Unset: the larger of k and 10. */
    kSensitive: z.number().int().min(STATS_K_SENSITIVE_MIN).max(STATS_K_MAX).optional(),
    /** Fewest people a period (tier 1) or each of its months (tier 2) needs for breakdowns; may be raised. */
    minPopulation: z.number().int().min(STATS_MIN_POPULATION_DEFAULT).max(STATS_MIN_POPULATION_MAX).default(STATS_MIN_POPULATION_DEFAULT),
    /** Round published counts to the nearest 5 (after suppression; totals rounded on their own). */
    roundTo5: z.boolean().default(false),
  })
  .strict();

export const STATS_MAX_PERIOD_YEARS = 10;

/**
 * kSensitive at least k (and following k when not given); a period that ends after it starts,
 * and not absurdly long. Each rule has a name the CLI and the form turn into words.
 */
function withRules<T extends z.ZodType<{ from: string; to: string; k: number; kSensitive?: number | undefined }>>(schema: T) {
  return schema
    .refine((request) => request.kSensitive === undefined || request.kSensitive >= request.k, {
      path: ['kSensitive'],
      message: 'kSensitive must be at least k',
      params: { rule: 'k_sensitive_below_k' },
    })
    .refine((request) => request.from <= request.to, { path: ['to'], message: 'the period ends before it starts', params: { rule: 'period_reversed' } })
    .refine((request) => request.from > request.to || daysBetween(request.from, request.to) <= STATS_MAX_PERIOD_DAYS, {
      path: ['to'],
      message: 'the period is too long',
      params: { rule: 'period_too_long', years: STATS_MAX_PERIOD_YEARS },
    })
    .transform((request) => ({ ...request, kSensitive: request.kSensitive ?? Math.max(request.k, STATS_K_SENSITIVE_DEFAULT) }));
}

export const statsRequestSchema = withRules(statsRequestFields);
export type StatsRequestInput = z.input<typeof statsRequestSchema>;
export type StatsRequest = z.output<typeof statsRequestSchema>;

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** The same rules as the schema, for callers that build a request in code rather than parse one. */
export function assertDisclosureRules(request: Pick<StatsRequest, 'k' | 'kSensitive' | 'from' | 'to'> & { minPopulation?: number | undefined }): void {
  if (!Number.isInteger(request.k) || request.k < STATS_K_MIN) throw new DisclosureRuleError('k-minimum', { minimum: STATS_K_MIN });
  if (!Number.isInteger(request.kSensitive) || request.kSensitive < STATS_K_SENSITIVE_MIN) {
    throw new DisclosureRuleError('k-sensitive-minimum', { minimum: STATS_K_SENSITIVE_MIN });
  }
  if (request.minPopulation !== undefined && (!Number.isInteger(request.minPopulation) || request.minPopulation < STATS_MIN_POPULATION_DEFAULT)) {
    throw new DisclosureRuleError('minimum-population', { minimum: STATS_MIN_POPULATION_DEFAULT });
  }
  if (!Number.isInteger(request.kSensitive) || request.kSensitive < request.k) {
    throw new DisclosureRuleError('k-sensitive-below-k', { minimum: request.k });
  }
  if (!(request.from <= request.to) || daysBetween(request.from, request.to) > STATS_MAX_PERIOD_DAYS) {
    throw new DisclosureRuleError('period', { maximumDays: STATS_MAX_PERIOD_DAYS });
  }
}

export const STATS_TABLE_IDS = [
  'registrations',
  'ageGender',
  'nationality',
  'specificNeeds',
  'familyUnits',
  'documentMismatch',
  'recordStatus',
  'unaccompaniedChildren',
  'sogiesc',
  'livelihood',
  'protectionNeeds',
  'referrals',
] as const;
export type StatsTableId = (typeof STATS_TABLE_IDS)[number];

/** PDF is the HTML report rendered by Chromium in main. */
export const STATS_EXPORT_FORMATS = ['csv', 'xlsx', 'html', 'pdf'] as const;
export type StatsExportFormat = (typeof STATS_EXPORT_FORMATS)[number];

export const statsExportRequestSchema = withRules(statsRequestFields.extend({ format: z.enum(STATS_EXPORT_FORMATS) }).strict());
export type StatsExportRequestInput = z.input<typeof statsExportRequestSchema>;

/** An exported file as it crosses the contract (JSON over the web host, so base64). */
export const statsFileSchema = z.object({ fileName: z.string(), mimeType: z.string(), dataBase64: z.string() });
export type StatsFileOutput = z.infer<typeof statsFileSchema>;

export const SUPPRESSED = 'suppressed' as const;
export const cellSchema = z.union([z.number().int().min(0), z.literal(SUPPRESSED)]);
export type Cell = z.infer<typeof cellSchema>;

/**
 * A row or column heading: a stable code (used in the HXL columns and by the audit) and, when it
 * is a word rather than a code such as 2026-W47 or SY, the label key for the reader's language.
 */
export const headingSchema = z.object({
  code: z.string(),
  labelKey: z.string().optional(),
  /** A site's own category (a specific need the site added), in the site's words. */
  label: needLabelsSchema.optional(),
});
export type Heading = z.infer<typeof headingSchema>;

export const publishedTableSchema = z.object({
  id: z.enum(STATS_TABLE_IDS),
  /** What the numbers count. */
  countOf: z.enum(['people', 'units', 'referrals']),
  /** Tier-2 breakdown: merged categories only, and the higher threshold. */
  sensitive: z.boolean(),
  /** The smallest count this table publishes (per cell: rows marked sensitive use kSensitive). */
  threshold: z.number().int(),
  /** What kind of thing the rows are: it decides the HXL column the row code goes in. */
  rowDimension: z.enum(['period', 'nationality', 'age', 'category']),
  rows: z.array(headingSchema.extend({ sensitive: z.boolean().optional() })),
  columns: z.array(headingSchema),
  cells: z.array(z.array(cellSchema)),
  /** Present when the table has more than one column and rows add up. */
  rowTotals: z.array(cellSchema).optional(),
  /** Present when the table has more than one column and columns add up. */
  columnTotals: z.array(cellSchema).optional(),
  /** Present when the rows add up to a total (absent where one person may be in several rows). */
  total: cellSchema.optional(),
});
export type PublishedTable = z.infer<typeof publishedTableSchema>;

/**
 * Why a report publishes fewer tables than all: weekly counting (breakdowns need whole months);
 * a month that has not ended; fewer people than the minimum in the period; or, for the tier-2
 * tables alone, in one of its months.
 */
export const WITHHELD_REASONS = ['weekly', 'not-ended', 'below-minimum', 'month-below-minimum'] as const;
export type WithheldReason = (typeof WITHHELD_REASONS)[number];
export const BREAKDOWNS = ['all', 'tier1', 'none'] as const;

export const statsRulesSchema = z.object({
  /** The period actually counted: whole ISO weeks (Monday to Sunday) or whole calendar months. */
  from: isoDate,
  to: isoDate,
  granularity: z.enum(GRANULARITIES),
  k: z.number().int(),
  kSensitive: z.number().int(),
  roundTo5: z.boolean(),
  minPopulation: z.number().int(),
  /** Which tables are published: all, tier 1 only, or the registrations alone. */
  breakdowns: z.enum(BREAKDOWNS),
  withheld: z.enum(WITHHELD_REASONS).optional(),
  /** The site's registration-number prefix when the report was made: names the site in every file. */
  sitePrefix: z.string().optional(),
  /** The site's name from Site settings, when a supervisor gave one. */
  siteName: z.string().optional(),
});
export type StatsRules = z.infer<typeof statsRulesSchema>;

export const statsReportSchema = z.object({
  rules: statsRulesSchema,
  tables: z.array(publishedTableSchema),
});
export type StatsReport = z.infer<typeof statsReportSchema>;

/**
 * Every label the statistics exports use, with the English text. The lead copies these into the
 * locale files; exporters take a `label(key)` function (i18next's t) and fall back to these.
 */
export const STATS_LABELS = {
  'stats.title': 'Anonymised statistics',
  'stats.total': 'Total',
  'stats.suppressed': 'suppressed',
  'stats.rules.suppressionHeading': 'Suppression',
  'stats.notRecorded': 'Not recorded',
  'stats.countOf.people': 'Number of people',
  'stats.countOf.units': 'Number of family units',
  'stats.countOf.referrals': 'Number of referrals',

  'stats.rules.heading': 'Rules applied',
  'stats.rules.sheet': 'Rules',
  'stats.rules.rule': 'Rule',
  'stats.rules.value': 'Value',
  'stats.rules.period': 'Period (registration dates)',
  'stats.rules.siteName': 'Site',
  'stats.rules.sitePrefix': 'Site (registration-number prefix)',
  'stats.rules.totals': 'Every number, totals included, is perturbed on its own: totals are not forced to add up to their parts.',
  'stats.rules.granularity': 'Registrations counted per',
  'stats.rules.k': 'Smallest count published',
  'stats.rules.kSensitive': 'Smallest count published in sensitive breakdowns',
  'stats.rules.rounding': 'Rounding',
  'stats.rules.roundingBase5': 'Published counts rounded to the nearest 5; totals rounded on their own, so they may not add up',
  'stats.rules.roundingNone': 'None: exact counts',
  'stats.rules.suppression':
    'Cells counting fewer people than the smallest count are suppressed, and further cells are suppressed so that no hidden value can be worked out from totals or from other tables. Zero is published, except in sensitive breakdowns, where it is suppressed like a small count.',
  'stats.rules.perturbationHeading': 'Perturbation',
  'stats.rules.perturbation':
    'Every published count, totals included, has had a small amount (at most 3) added or taken away, decided by the people it counts: the same people always give the same number. Totals are perturbed on their own, so they may not add up.',
  'stats.rules.minPopulation': 'Fewest people for breakdowns',
  'stats.rules.breakdownsHeading': 'Breakdowns',
  'stats.rules.breakdowns.all': 'All tables: the period is whole calendar months that have ended, each with at least the fewest people for breakdowns.',
  'stats.rules.breakdowns.tier1': 'No sensitive breakdowns: a month of the period has fewer people than the fewest for breakdowns.',
  'stats.rules.breakdowns.none': 'Registrations per period only.',
  'stats.withheld.weekly': 'Breakdowns are published only for whole calendar months: count per calendar month and choose whole months that have ended.',
  'stats.withheld.not-ended': 'Breakdowns are published only for whole calendar months that have ended: choose months up to the end of last month.',
  'stats.withheld.below-minimum': 'This period has fewer people than the fewest for breakdowns, so only the number registered is published: choose a longer period.',
  'stats.withheld.month-below-minimum': 'A month of this period has fewer people than the fewest for breakdowns, so sensitive breakdowns are left out: choose months that each have at least that many people.',
  'stats.rules.identifiers': 'No names, document details, free text or exact dates are included.',
  'stats.rules.ages': 'Age is the age at the registration date, from the date of birth, birth year or stated age.',
  'stats.rules.gender':
    'Gender is the answer to "gender for reporting": what the person said about themselves, never taken from documents or appearance. The gender identity a person describes is a separate, sensitive question and is not counted here.',
  'stats.rules.units': 'Family units are the current units of the people registered in the period; a person without a unit counts as a unit of one.',
  'stats.rules.merged': 'Sensitive information appears only in merged categories.',
  'stats.granularity.week': 'ISO week',
  'stats.granularity.month': 'Calendar month',

  'stats.tables.registrations.title': 'Registrations per period',
  'stats.tables.ageGender.title': 'People by age bracket and gender',
  'stats.tables.ageGender.note':
    'In an age bracket where fewer people answered "another gender" than the smallest count published in sensitive breakdowns, they are counted under "Gender not recorded", and "Another gender" shows 0 there.',
  'stats.tables.nationality.title': 'People by nationality',
  'stats.tables.nationality.note': 'First nationality listed. Nationalities with fewer people than the smallest count are merged into "Other nationalities".',
  'stats.tables.specificNeeds.title': 'People with specific needs, by category',
  'stats.tables.specificNeeds.note': 'A person may be counted in more than one category, so the rows do not add up.',
  'stats.tables.familyUnits.title': 'Family units by composition and size',
  'stats.tables.documentMismatch.title': 'Document mismatch',
  'stats.tables.recordStatus.title': 'People by record status',
  'stats.tables.recordStatus.note': 'Each person’s status at the end of the period (or today, if earlier): the latest change dated on or before that day.',
  'stats.tables.unaccompaniedChildren.title': 'Unaccompanied and separated children',
  'stats.tables.sogiesc.title': 'SOGIESC (merged, sensitive)',
  'stats.tables.sogiesc.note': 'Only what people said about themselves, with their consent.',
  'stats.tables.livelihood.title': 'Livelihood (merged, sensitive)',
  'stats.tables.protectionNeeds.title': 'Sensitive protection needs (merged)',
  'stats.tables.protectionNeeds.note': 'Survivors of sexual and gender-based violence or of torture, merged into one category.',
  'stats.tables.referrals.title': 'Referrals by service and month',
  'stats.tables.referrals.note':
    'A referral made for several services is counted in each, so the rows do not add up. Never counted by provider. Sensitive services use the higher smallest count and appear only with sensitive breakdowns.',

  'stats.dimension.period': 'Period',
  'stats.dimension.nationality': 'Nationality',
  'stats.dimension.age': 'Age bracket',
  'stats.dimension.category': 'Category',

  'stats.age.0-4': '0–4',
  'stats.age.5-11': '5–11',
  'stats.age.12-17': '12–17',
  'stats.age.18-59': '18–59',
  'stats.age.60+': '60 and over',
  'stats.age.18+': '18 and over',
  'stats.age.not-recorded': 'Age not recorded',

  'stats.gender.f': 'Women and girls',
  'stats.gender.m': 'Men and boys',
  'stats.gender.i': 'Another gender',
  'stats.gender.not-recorded': 'Gender not recorded',

  'stats.people': 'People',
  'stats.units': 'Family units',
  'stats.nationality.other': 'Other nationalities',

  'stats.needs.child-at-risk': 'Child at risk',
  'stats.needs.disability': 'Disability',
  'stats.needs.older-person-at-risk': 'Older person at risk',
  'stats.needs.family-unity': 'Family unity',
  'stats.needs.legal-and-physical-protection': 'Legal and physical protection',
  'stats.needs.pregnant-or-lactating': 'Pregnant or breastfeeding',
  'stats.needs.unaccompanied-or-separated-child': 'Unaccompanied or separated child',
  'stats.needs.serious-medical-condition': 'Serious medical condition',
  'stats.needs.single-parent-or-caregiver': 'Single parent or caregiver',
  'stats.needs.woman-at-risk': 'Woman at risk',

  'stats.family.single-adult': 'Single adult',
  'stats.family.couple': 'Couple without children',
  'stats.family.couple-with-children': 'Couple with children',
  'stats.family.single-caregiver': 'Single caregiver with children',
  'stats.family.same-gender-partners': 'Partners of the same gender, with or without children',
  'stats.family.child-headed': 'Child-headed unit',
  'stats.family.other': 'Other composition',
  'stats.family.size1': '1 person',
  'stats.family.size2': '2 people',
  'stats.family.size3': '3 people',
  'stats.family.size4': '4 people',
  'stats.family.size5': '5 people',
  'stats.family.size6+': '6 or more',

  'stats.mismatch.recorded': 'Document mismatch recorded',
  'stats.mismatch.not-recorded': 'No document mismatch recorded',
  'stats.recordStatus.active': 'Active',
  'stats.recordStatus.departed': 'Departed',
  'stats.recordStatus.relocated': 'Relocated',
  'stats.recordStatus.deceased': 'Deceased',
  'stats.recordStatus.closed': 'Closed',

  'stats.sogiesc.lgbtiq': 'LGBTIQ+ (self-identified)',
  'stats.sogiesc.other': 'SOGIESC recorded, not LGBTIQ+',
  'stats.sogiesc.not-recorded': 'SOGIESC not recorded',

  'stats.livelihood.sex-work': 'Sex work',
  'stats.livelihood.other': 'Another livelihood, or none',
  'stats.livelihood.not-recorded': 'Livelihood not recorded',

  'stats.protection.recorded': 'Sensitive protection need recorded',
  'stats.protection.not-recorded': 'No sensitive protection need recorded',

  'stats.service.health': 'Health',
  'stats.service.sexual-reproductive-health': 'Sexual and reproductive health',
  'stats.service.hiv': 'HIV',
  'stats.service.mental-health-psychosocial': 'Mental health and psychosocial support',
  'stats.service.legal-aid': 'Legal aid',
  'stats.service.legal-help-after-arrest': 'Legal help after an arrest',
  'stats.service.shelter-safe-housing': 'Shelter and safe housing',
  'stats.service.cash': 'Cash assistance',
  'stats.service.livelihoods': 'Livelihoods',
  'stats.service.education': 'Education',
  'stats.service.child-protection': 'Child protection',
  'stats.service.gbv-response': 'Gender-based violence response',
  'stats.service.documentation': 'Documentation',

  'stats.csv.table': 'Table',
  'stats.csv.tableCode': 'Table code',
  'stats.csv.row': 'Row',
  'stats.csv.categoryCode': 'Category code',

  'stats.report.generated': 'Produced by Reception Intake',
  'stats.report.chart': 'Chart',
  'stats.report.page': 'Page',
  'stats.report.suppressedNote': 'Suppressed values are not shown in the charts; rows whose numbers are all suppressed or zero are left out.',
} as const;
export type StatsLabelKey = keyof typeof STATS_LABELS;
export const STATS_LABEL_KEYS = Object.keys(STATS_LABELS) as StatsLabelKey[];

export type StatsLabel = (key: StatsLabelKey) => string;

/** The English text: the default label function, and the fallback when a translation is missing. */
export const englishStatsLabel: StatsLabel = (key) => STATS_LABELS[key];

export function isStatsLabelKey(key: string): key is StatsLabelKey {
  return Object.hasOwn(STATS_LABELS, key);
}
