/**
 * How one person or family unit falls into the published categories. Only self-identification
 * counts: gender from what the person said, never from documents; SOGIESC only as given with
 * consent. Nothing here sees a name, a document or a free-text answer's words.
 */
import type { Birth, Relationship } from '../../shared/catalogue';

export const AGE_BRACKETS = ['0-4', '5-11', '12-17', '18-59', '60+', 'not-recorded'] as const;
export type AgeBracket = (typeof AGE_BRACKETS)[number];

export const GENDER_COLUMNS = ['f', 'm', 'i', 'not-recorded'] as const;
export type GenderColumn = (typeof GENDER_COLUMNS)[number];

export const SOGIESC_CLASSES = ['lgbtiq', 'other', 'not-recorded'] as const;
export type SogiescClass = (typeof SOGIESC_CLASSES)[number];

export const LIVELIHOOD_CLASSES = ['sex-work', 'other', 'not-recorded'] as const;
export type LivelihoodClass = (typeof LIVELIHOOD_CLASSES)[number];

export const COMPOSITIONS = [
  'single-adult',
  'couple',
  'couple-with-children',
  'single-caregiver',
  'same-gender-partners',
  'child-headed',
  'other',
] as const;
export type Composition = (typeof COMPOSITIONS)[number];

export const UNIT_SIZES = ['size1', 'size2', 'size3', 'size4', 'size5', 'size6+'] as const;
export type UnitSize = (typeof UNIT_SIZES)[number];

/** A self-described answer as stored: its kind and, for a listed answer, the value. */
export interface Answer {
  kind: string | null;
  value: string | null;
}

const ADULT = 18;

export function ageBracketOf(years: number | undefined): AgeBracket {
  if (years === undefined) return 'not-recorded';
  if (years < 5) return '0-4';
  if (years < 12) return '5-11';
  if (years < ADULT) return '12-17';
  if (years < 60) return '18-59';
  return '60+';
}

/** A calendar day as numbers: statistics compute ages for a million people, without Date objects. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/** The day of an ISO date or timestamp (its first ten characters). */
export function dayOf(iso: string): Day {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

function wholeYears(from: Day, to: Day): number {
  const beforeBirthday = to.month < from.month || (to.month === from.month && to.day < from.day);
  return Math.max(0, to.year - from.year - (beforeBirthday ? 1 : 0));
}

/**
 * Whole years on a day, from an exact date, a birth year or an age stated on a date: the same
 * rules as the desk's ageOf (people/age.ts), which a test holds this to.
 */
export function ageOn(birth: Birth | null, on: Day): number | undefined {
  if (!birth) return undefined;
  switch (birth.precision) {
    case 'exact':
      return wholeYears(dayOf(birth.date), on);
    case 'year':
      return Math.max(0, on.year - birth.year);
    case 'age':
      return birth.age + wholeYears(dayOf(birth.asOf), on);
  }
}

/**
 * The age-by-gender column of a person: their gender for reporting (tier 1), as they gave it.
 * "Another" is its own column until disclosure control merges it (tables.ts); not asked,
 * prefers not to say and no answer are "not recorded". Nothing is taken from documents.
 */
export function reportingGenderColumnOf(value: string | null | undefined): GenderColumn {
  if (value === 'woman-or-girl') return 'f';
  if (value === 'man-or-boy') return 'm';
  if (value === 'another') return 'i';
  return 'not-recorded';
}

/** The self-described gender identity (tier 2) as a column: only the SOGIESC class reads it. */
export function genderColumnOf(gender: Answer): GenderColumn {
  if (gender.kind === 'listed') {
    if (gender.value === 'woman') return 'f';
    if (gender.value === 'man') return 'm';
    if (gender.value === 'non-binary') return 'i';
  }
  if (gender.kind === 'self-described') return 'i';
  return 'not-recorded';
}

const LGBTIQ_ORIENTATIONS: ReadonlySet<string> = new Set(['lesbian', 'gay', 'bisexual', 'queer']);

/**
 * LGBTIQ+ only by self-identification: a listed lesbian, gay, bisexual or queer orientation or
 * another orientation in the person's words; a non-binary or self-described gender identity; a
 * listed intersex variation or sex characteristics in the person's words. Trans is never inferred
 * (a document's sex differing from the gender identity is not an answer to any question).
 */
export function sogiescClassOf(gender: Answer, orientation: Answer, sexCharacteristics: Answer): SogiescClass {
  const lgbtiq =
    (orientation.kind === 'listed' && orientation.value !== null && LGBTIQ_ORIENTATIONS.has(orientation.value)) ||
    orientation.kind === 'self-described' ||
    genderColumnOf(gender) === 'i' ||
    (sexCharacteristics.kind === 'listed' && sexCharacteristics.value === 'intersex') ||
    sexCharacteristics.kind === 'self-described';
  if (lgbtiq) return 'lgbtiq';
  if (orientation.kind === 'listed' || sexCharacteristics.kind === 'listed') return 'other';
  return 'not-recorded';
}

/** Sex work is livelihood information, counted only merged: sex work, any other answer, or none given. */
export function livelihoodClassOf(livelihood: Answer): LivelihoodClass {
  if (livelihood.kind === 'listed') return livelihood.value === 'sex-work' ? 'sex-work' : 'other';
  if (livelihood.kind === 'self-described') return 'other';
  return 'not-recorded';
}

export interface UnitMember {
  relationship: Relationship;
  /** Age at the unit's reference date; undefined when no birth information was recorded. */
  age: number | undefined;
  /** Gender for reporting, as a column: only "woman or girl" and "man or boy" make partners of the same gender. */
  gender: GenderColumn;
}

export function unitSizeOf(size: number): UnitSize {
  return UNIT_SIZES[Math.min(size, UNIT_SIZES.length) - 1] ?? 'size1';
}

const PARTNER_RELATIONSHIPS: ReadonlySet<Relationship> = new Set<Relationship>(['partner', 'co-parent']);

/**
 * The composition of a family unit, from its members' relationships to the focal point and their
 * ages. A unit with any member of unknown age is "other": nothing is guessed. A lone child is a
 * child-headed unit of one.
 */
export function compositionOf(members: readonly UnitMember[]): Composition {
  if (members.length === 0 || members.some((member) => member.age === undefined)) return 'other';
  const isAdult = (member: UnitMember) => (member.age ?? 0) >= ADULT;
  if (!members.some(isAdult)) return 'child-headed';
  const focal = members.length === 1 ? members[0] : members.find((member) => member.relationship === 'focal-point');
  if (!focal || !isAdult(focal)) return 'other';
  const partners = members.filter((member) => member !== focal && PARTNER_RELATIONSHIPS.has(member.relationship));
  const others = members.filter((member) => member !== focal && !partners.includes(member));
  const onlyChildren = others.every((member) => !isAdult(member));
  const [partner] = partners;
  if (partners.length === 1 && partner && isAdult(partner)) {
    if ((focal.gender === 'f' || focal.gender === 'm') && focal.gender === partner.gender) return 'same-gender-partners';
    if (others.length === 0) return 'couple';
    return onlyChildren ? 'couple-with-children' : 'other';
  }
  if (partners.length === 0) {
    if (others.length === 0) return 'single-adult';
    if (onlyChildren) return 'single-caregiver';
  }
  return 'other';
}
