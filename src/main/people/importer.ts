import { AppError } from '../../shared/errors';
import type { Db } from '../db/connection';
import { prepareRow, type ImportRow, type PreparedRow, type RowProblem } from './import-rows';
import type { Actor, PeopleService } from './people-service';
import type { PeopleBatch } from '../seed/seeder';
import { importDuplicates, type ImportDuplicate } from './import-duplicates';

class RollBack extends Error {}

/**
 * Imports people from CSV rows: every row is checked first, then all are registered in one
 * transaction through the same service as the desk (rights, consent, history, search index).
 * Any rejected row means nothing is imported; a dry run checks everything and keeps nothing.
 * Likely duplicates (against the register, or within the file) are listed, and nothing is
 * imported until the importer has seen them and allows them (`allowDuplicates`).
 * `recordBatch` writes the import's audit entry inside its transaction: with it, or not at all.
 */
export function importPeople(
  db: Db,
  people: PeopleService,
  actor: Actor,
  rows: readonly ImportRow[],
  options: { dryRun: boolean; allowDuplicates?: boolean },
  recordBatch: (batch: PeopleBatch | { count: number }, dryRun: boolean) => void,
): { imported: number; rejected: RowProblem[]; duplicates: ImportDuplicate[] } {
  const prepared: PreparedRow[] = [];
  const rejected: RowProblem[] = [];
  for (const row of rows) {
    const result = prepareRow(row);
    if (Array.isArray(result)) rejected.push(...result);
    else prepared.push(result);
  }
  if (rejected.length > 0) return { imported: 0, rejected, duplicates: [] };
  const duplicates = importDuplicates(prepared, people, actor);
  if (duplicates.length > 0 && !options.allowDuplicates) return { imported: 0, rejected: [], duplicates };

  let imported = 0;
  let firstPersonId: number | undefined;
  let lastPersonId = 0;
  try {
    db.transaction(() => {
      const focalPoints = new Map<string, number>();
      for (const row of prepared) {
        const focal = row.household ? focalPoints.get(row.household) : undefined;
        const family =
          focal === undefined
            ? undefined
            : {
                withPersonId: focal,
                relationship: row.relationship ?? 'other',
                ...(row.relationshipText ? { relationshipText: row.relationshipText } : {}),
              };
        try {
          const id = people.registerId(actor, { fields: row.input.fields, consents: row.input.consents, ...(family ? { family } : {}) });
          if (row.household && focal === undefined) focalPoints.set(row.household, id);
          firstPersonId ??= id;
          lastPersonId = id;
          imported += 1;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const column = typeof error.params?.field === 'string' ? error.params.field : undefined;
          rejected.push({ line: row.line, ...(column ? { column } : {}), reason: error.code });
        }
      }
      if (rejected.length > 0 || options.dryRun) throw new RollBack();
      if (firstPersonId !== undefined) recordBatch({ firstPersonId, lastPersonId, count: imported }, false);
    })();
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    // A dry run changed nothing, but that it was run (and how many rows passed) is logged.
    if (options.dryRun && rejected.length === 0) recordBatch({ count: imported }, true);
  }
  return { imported: rejected.length > 0 ? 0 : imported, rejected, duplicates };
}
