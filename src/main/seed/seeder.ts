import type { Db } from '../db/connection';
import { PeopleService, type Actor } from '../people/people-service';
import { HouseholdGenerator } from './generator';

const BATCH = 200;

/**
 * Registers `count` synthetic people in households through the same PeopleService the desk uses
 * (validation of rights and consent, history, search index), with registration dates spread
 * over the months before `today`. Returns how many people and units were written.
 */
export function seedPeople(
  db: Db,
  actor: Actor,
  options: { count: number; seed: number; today: Date },
): { people: number; households: number } {
  let clock = options.today;
  const people = new PeopleService(db, () => clock);
  const generator = new HouseholdGenerator(options.seed, options.today);
  let written = 0;
  let households = 0;
  const span = 540 * 86_400_000;
  while (written < options.count) {
    db.transaction(() => {
      for (let i = 0; i < BATCH && written < options.count; i++) {
        const household = generator.next().slice(0, options.count - written);
        // Spread registrations over the last eighteen months, oldest first.
        clock = new Date(options.today.getTime() - span * (1 - written / options.count));
        let firstId: number | undefined;
        for (const member of household) {
          const family = firstId !== undefined && member.relationship ? { withPersonId: firstId, relationship: member.relationship } : undefined;
          const id = people.registerId(actor, { fields: member.fields, consents: member.consents, ...(family ? { family } : {}) });
          firstId ??= id;
          written += 1;
        }
        households += 1;
      }
    })();
  }
  return { people: written, households };
}
