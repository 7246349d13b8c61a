import type { ConsentPurpose, PersonFields, Relationship } from '../../shared/catalogue';
import { ORIGINS, type NameForms, type NameGender, type Origin } from './names';
import { SeededRandom } from './random';

/**
 * Synthetic households for tests, demos and benchmarks: realistic family units (partners of any
 * gender, children of every kind, chosen family, child-headed units, unaccompanied children),
 * names in Arabic script and varied Latin spellings, and every field in plausible proportions,
 * SOGIESC data and document mismatches included. Deterministic for a seed.
 */
export interface PlannedMember {
  fields: PersonFields;
  consents: ConsentPurpose[];
  /** Relationship to the household's first member; undefined for the first member. */
  relationship?: Relationship;
}

export type Household = PlannedMember[];

type Gender = 'woman' | 'man' | 'non-binary';
interface Sketch {
  gender: Gender;
  /** Sex on documents; differs from gender for some trans people. */
  documentSex: 'F' | 'M' | 'X';
  age: number;
  relationship?: Relationship;
}

export class HouseholdGenerator {
  private readonly random: SeededRandom;
  private documentCounter = 0;

  constructor(
    seed: number,
    private readonly today: Date,
  ) {
    this.random = new SeededRandom(seed);
  }

  next(): Household {
    const origin = this.random.weighted(ORIGINS.map((o) => [o, o.weight] as const));
    const familyName = this.random.pick(origin.pool.family);
    const arrival = this.isoDaysAgo(this.random.int(0, 700));
    return this.sketchHousehold().map((sketch) => this.member(sketch, origin, familyName, arrival));
  }

  private sketchHousehold(): Sketch[] {
    const r = this.random;
    const adult = (gender?: Gender): Sketch => this.person(gender, r.int(18, 75));
    const child = (relationship: Relationship): Sketch => ({ ...this.person(undefined, r.int(0, 17)), relationship });
    const kind = r.weighted([
      ['single', 30],
      ['couple', 12],
      ['couple-children', 30],
      ['single-parent', 12],
      ['extended', 8],
      ['chosen-family', 3],
      ['child-headed', 2],
      ['unaccompanied', 3],
    ] as const);
    const childKinds: readonly (readonly [Relationship, number])[] = [
      ['child-biological', 80],
      ['child-adopted', 5],
      ['child-foster', 4],
      ['child-step', 6],
      ['dependant-non-biological', 5],
    ];
    const children = (count: number) => Array.from({ length: count }, () => child(r.weighted(childKinds)));
    switch (kind) {
      case 'single':
        return [adult()];
      case 'couple':
      case 'couple-children': {
        const first = adult();
        const sameGender = r.chance(0.06);
        const partnerGender: Gender = sameGender ? first.gender : first.gender === 'woman' ? 'man' : 'woman';
        const partner = { ...adult(partnerGender), relationship: r.chance(0.1) ? 'co-parent' : 'partner' } as Sketch;
        return kind === 'couple' ? [first, partner] : [first, partner, ...children(r.int(1, 5))];
      }
      case 'single-parent':
        return [adult(), ...children(r.int(1, 4))];
      case 'extended':
        return [
          adult(),
          { ...adult(), relationship: 'partner' },
          { ...this.person(undefined, r.int(60, 85)), relationship: r.pick(['parent', 'grandparent'] as const) },
          { ...adult(), relationship: 'sibling' },
          ...children(r.int(0, 3)),
        ];
      case 'chosen-family':
        return [adult(), ...Array.from({ length: r.int(1, 3) }, () => ({ ...adult(), relationship: 'chosen-family' as const }))];
      case 'child-headed':
        return [this.person(undefined, r.int(14, 17)), ...Array.from({ length: r.int(1, 3) }, () => child('sibling'))];
      case 'unaccompanied':
        return [this.person(undefined, r.int(10, 17))];
    }
  }

  private person(gender: Gender | undefined, age: number): Sketch {
    const r = this.random;
    const chosen: Gender = gender ?? r.weighted([['woman', 49], ['man', 49], ['non-binary', 2]] as const);
    const trans = age >= 16 && r.chance(0.03);
    const documentSex =
      chosen === 'non-binary' ? r.pick(['F', 'M', 'X'] as const) : trans ? (chosen === 'woman' ? 'M' : 'F') : chosen === 'woman' ? 'F' : 'M';
    return { gender: chosen, documentSex, age };
  }

  private member(sketch: Sketch, origin: Origin, familyName: NameForms, arrival: string): PlannedMember {
    const r = this.random;
    const nameGender: NameGender = sketch.gender === 'woman' ? 'f' : sketch.gender === 'man' ? 'm' : 'u';
    const givenPool = origin.pool.given.filter((n) => n.gender === nameGender || n.gender === 'u');
    const given = r.pick(givenPool.length > 0 ? givenPool : origin.pool.given);
    // Family members do not share a family name by assumption; most here do.
    const family = r.chance(0.8) ? familyName : r.pick(origin.pool.family);
    const inArabic = given.ar !== undefined && family.ar !== undefined && r.chance(0.5);
    const chosenName = inArabic ? `${given.ar} ${family.ar}` : `${r.pick(given.latin)} ${r.pick(family.latin)}`;
    const documentSex = sketch.documentSex;
    const mismatch = documentSex !== (sketch.gender === 'woman' ? 'F' : sketch.gender === 'man' ? 'M' : 'X');
    // The name on documents: another spelling, or a former name for some trans people.
    const formerGiven = mismatch ? r.pick(origin.pool.given.filter((n) => n.gender === (documentSex === 'F' ? 'f' : 'm'))) : given;
    const nameOnDocument = `${r.pick(formerGiven.latin)} ${r.pick(family.latin)}`;

    const consents: ConsentPurpose[] = ['register'];
    const sogiesc = sketch.age >= 16 && r.chance(0.08);
    if (sogiesc) consents.push('sogiesc');
    if (r.chance(0.1)) consents.push('referral');

    const fields: PersonFields = {
      chosenName,
      languages: [...origin.languages],
      preferredLanguage: origin.languages[0],
      arrivalDate: arrival,
      birth: this.birth(sketch.age),
      nationalities: r.chance(0.03) ? [] : [origin.nationality],
      countryOfOrigin: origin.nationality,
      pronouns: this.pronouns(sketch),
    };
    if (r.chance(0.85)) {
      this.documentCounter += 1;
      fields.documents = [
        {
          id: `doc-${this.documentCounter}`,
          type: sketch.age < 16 ? 'birth-certificate' : r.weighted([['passport', 50], ['national-id', 40], ['refugee-card', 10]] as const),
          // Unique, as a document's number is (the counter), with the draw kept so that every
          // later draw, and so every seeded person, stays as it was. Six random digits alone gave
          // two namesakes one passport number hundreds of times in a million people, and the
          // duplicates bench counted those pairs, indistinguishable from one person, as wrong.
          number: `${origin.nationality}${String(this.documentCounter).padStart(7, '0')}${String(r.int(100000, 999999) % 100).padStart(2, '0')}`,
          issuingCountry: origin.nationality,
          nameOnDocument,
          sexOnDocument: documentSex,
        },
      ];
    }
    if (mismatch && fields.documents) {
      fields.documentMismatch = true;
      fields.mismatchReason = 'Documents issued before the person transitioned.';
    }
    if (sketch.age >= 16 && r.chance(0.7)) {
      fields.phone = `+90 5${r.int(10, 99)} ${r.int(100, 999)} ${r.int(1000, 9999)}`;
      fields.phoneSafeToCall = r.weighted([['yes', 70], ['no', 10], ['not-asked', 20]] as const);
      fields.phoneSafeToLeaveMessage = r.weighted([['yes', 50], ['no', 25], ['not-asked', 25]] as const);
    }
    // Gender for reporting is asked of everyone; set from the sketch without drawing randomness,
    // so every seed still gives the same people it gave before the field existed.
    fields.genderForReporting = sketch.gender === 'woman' ? 'woman-or-girl' : sketch.gender === 'man' ? 'man-or-boy' : 'another';
    fields.genderIdentity = r.chance(0.15)
      ? { kind: r.pick(['not-asked', 'prefers-not-to-say'] as const) }
      : sketch.gender === 'non-binary' && r.chance(0.3)
        ? { kind: 'self-described', text: 'genderqueer' }
        : { kind: 'listed', value: sketch.gender };
    if (sogiesc) {
      fields.sexualOrientation = r.chance(0.85)
        ? { kind: 'listed', value: r.weighted([['heterosexual', 55], ['gay', 12], ['lesbian', 12], ['bisexual', 14], ['queer', 7]] as const) }
        : { kind: r.pick(['prefers-not-to-say', 'not-asked'] as const) };
      if (r.chance(0.5)) fields.sexCharacteristics = { kind: 'listed', value: r.chance(0.04) ? 'intersex' : 'not-intersex' };
    }
    if (sketch.age >= 18 && r.chance(0.5)) {
      fields.livelihood = { kind: 'listed', value: r.weighted([['none', 45], ['informal-work', 30], ['employment', 20], ['sex-work', 5]] as const) };
    }
    const needs = this.specificNeeds(sketch);
    if (needs.length > 0) fields.specificNeeds = needs;
    if (r.chance(0.03)) fields.protectionNeeds = [r.pick(['sgbv', 'torture'] as const)];
    if (r.chance(0.05)) fields.accommodationPreferences = [r.pick(['single-room', 'according-to-gender-identity', 'with-family-unit'] as const)];
    if (r.chance(0.1)) fields.notes = 'Asked for a follow-up appointment.';
    return { fields, consents, ...(sketch.relationship ? { relationship: sketch.relationship } : {}) };
  }

  private specificNeeds(sketch: Sketch): NonNullable<PersonFields['specificNeeds']> {
    const r = this.random;
    const needs: NonNullable<PersonFields['specificNeeds']> = [];
    if (sketch.age < 18 && sketch.relationship === undefined) needs.push('unaccompanied-or-separated-child');
    if (r.chance(0.05)) needs.push('disability');
    if (sketch.age >= 60 && r.chance(0.3)) needs.push('older-person-at-risk');
    if (sketch.gender === 'woman' && sketch.age >= 18 && sketch.age < 45 && r.chance(0.06)) needs.push('pregnant-or-lactating');
    if (r.chance(0.03)) needs.push('serious-medical-condition');
    return needs;
  }

  private pronouns(sketch: Sketch): NonNullable<PersonFields['pronouns']> {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.3) return { kind: 'not-asked' };
    if (roll < 0.38) return { kind: 'prefers-not-to-say' };
    if (roll < 0.42) return { kind: 'use-name' };
    if (sketch.gender === 'non-binary') return { kind: 'listed', value: r.pick(['they', 'iel'] as const) };
    return { kind: 'listed', value: sketch.gender === 'woman' ? r.pick(['she', 'elle', 'hiya'] as const) : r.pick(['he', 'il', 'huwa'] as const) };
  }

  private birth(age: number): NonNullable<PersonFields['birth']> {
    const r = this.random;
    const year = this.today.getUTCFullYear() - age;
    const kind = r.weighted([['exact', 60], ['year', 25], ['age', 15]] as const);
    if (kind === 'year') return { precision: 'year', year };
    if (kind === 'age') return { precision: 'age', age, asOf: this.isoDaysAgo(r.int(0, 60)) };
    const month = r.int(1, 12);
    const day = r.int(1, 28);
    const candidate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    // Keep the stated age: a birthday later this year means one year earlier.
    const birthdayPassed = candidate.slice(5) <= this.today.toISOString().slice(5, 10);
    return { precision: 'exact', date: birthdayPassed ? candidate : `${year - 1}${candidate.slice(4)}` };
  }

  private isoDaysAgo(days: number): string {
    return new Date(this.today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  }
}
