import type { Db } from '../db/connection';
import { NEED_FIELDS, type PersonFields } from '../../shared/catalogue';
import { PeopleService, type Actor } from '../people/people-service';
import { SpecificNeedsCatalogue } from '../services/specific-needs';
import { HouseholdGenerator } from './generator';

const BATCH = 200;

/** The people one committed batch registered, for its audit entry. */
export interface PeopleBatch {
  firstPersonId: number;
  lastPersonId: number;
  count: number;
}

/**
 * Registers `count` synthetic people in households through the same PeopleService the desk uses
 * (validation of rights and consent, history, search index), with registration dates spread
 * over the months before `today`. Each batch commits with its own audit entry (`recordBatch`, called
 * inside the batch's transaction), so a crash midway leaves whole batches, each accounted for.
 * Returns how many people and units were written.
 */
export function seedPeople(
  db: Db,
  actor: Actor,
  options: { count: number; seed: number; today: Date },
  recordBatch: (batch: PeopleBatch) => void,
): { people: number; households: number } {
  let clock = options.today;
  const people = new PeopleService(db, () => clock);
  const generator = new HouseholdGenerator(options.seed, options.today);
  const offered = new Set(new SpecificNeedsCatalogue(db).list().flatMap((need) => (need.offered ? [need.code] : [])));
  let written = 0;
  let households = 0;
  const span = 540 * 86_400_000;
  while (written < options.count) {
    db.transaction(() => {
      const before = written;
      let firstPersonId: number | undefined;
      let lastPersonId = 0;
      for (let i = 0; i < BATCH && written < options.count; i++) {
        const household = generator.next().slice(0, options.count - written);
        // Spread registrations over the last eighteen months, oldest first.
        clock = new Date(options.today.getTime() - span * (1 - written / options.count));
        let firstId: number | undefined;
        for (const member of household) {
          const family = firstId !== undefined && member.relationship ? { withPersonId: firstId, relationship: member.relationship } : undefined;
          const fields = onlyOffered(member.fields, offered);
          const id = people.registerId(actor, { fields, consents: member.consents, ...(family ? { family } : {}) });
          firstId ??= id;
          firstPersonId ??= id;
          lastPersonId = id;
          written += 1;
        }
        households += 1;
      }
      if (firstPersonId !== undefined) recordBatch({ firstPersonId, lastPersonId, count: written - before });
    })();
  }
  return { people: written, households };
}

/** Synthetic people have only the specific needs the site offers, as real ones registered here would. */
function onlyOffered(fields: PersonFields, offered: ReadonlySet<string>): PersonFields {
  const kept: PersonFields = { ...fields };
  for (const field of NEED_FIELDS) {
    const needs = kept[field]?.filter((need) => offered.has(need));
    if (needs && needs.length > 0) kept[field] = needs;
    else delete kept[field];
  }
  return kept;
}
