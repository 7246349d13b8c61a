import { AppError } from '../../shared/errors';
import type { Db } from '../db/connection';
import type { Provider } from '../../shared/providers';
import { prepareProviderRow, type PreparedProviderRow, type ProviderRowProblem } from './provider-csv';
import type { DirectoryActor, ProviderDirectory } from './provider-directory';

class RollBack extends Error {}

export interface ProviderImportResult {
  added: number;
  updated: number;
  rejected: ProviderRowProblem[];
}

/**
 * Imports directory entries from CSV rows, all or nothing: every row is checked first, then all
 * are written in one transaction; any problem (by line and column) and nothing is written. A row
 * whose `id` is an entry's global id updates that entry (an exported file imported again changes
 * entries, never doubles them); an `id` this desk does not know is a problem. A dry run checks
 * everything, writes in the transaction, and rolls it back. `record` writes the import's audit
 * entry inside its transaction.
 */
export function importProviders(
  db: Db,
  directory: ProviderDirectory,
  actor: DirectoryActor,
  rows: readonly { line: number; cells: Record<string, string> }[],
  options: { dryRun: boolean },
  record: (result: { rows: number; added: number; updated: number; dryRun: boolean }) => void,
): ProviderImportResult {
  const prepared: PreparedProviderRow[] = [];
  const rejected: ProviderRowProblem[] = [];
  const linesOfId = new Map<string, number>();
  for (const row of rows) {
    const result = prepareProviderRow(row, entryUpdatedBy(directory, actor, row));
    if (Array.isArray(result)) {
      rejected.push(...result);
      continue;
    }
    if (result.globalId !== undefined) {
      const earlier = linesOfId.get(result.globalId);
      if (earlier !== undefined) rejected.push({ line: row.line, column: 'id', reason: `the same entry as line ${earlier}` });
      else if (directory.idOfGlobal(result.globalId) === undefined) rejected.push({ line: row.line, column: 'id', reason: 'no entry with this id here (leave it empty to add a new entry)' });
      linesOfId.set(result.globalId, row.line);
    }
    prepared.push(result);
  }
  if (rejected.length > 0) return { added: 0, updated: 0, rejected };

  let added = 0;
  let updated = 0;
  try {
    db.transaction(() => {
      for (const row of prepared) {
        try {
          const existing = row.globalId !== undefined ? directory.idOfGlobal(row.globalId) : undefined;
          if (existing === undefined) {
            const made = directory.add(actor, row.entry);
            if (row.retired) directory.retire(actor, made.id);
            added += 1;
            continue;
          }
          const current = directory.get(actor, existing);
          // A retired entry is kept as it was; the row may only say it is retired.
          if (current.retiredAt !== null) continue;
          directory.update(actor, existing, row.entry);
          if (row.retired) directory.retire(actor, existing);
          updated += 1;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          rejected.push({ line: row.line, reason: error.code });
        }
      }
      if (rejected.length > 0 || options.dryRun) throw new RollBack();
      record({ rows: rows.length, added, updated, dryRun: false });
    })();
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    // A dry run changed nothing, but that it was run is logged.
    if (options.dryRun && rejected.length === 0) record({ rows: rows.length, added, updated, dryRun: true });
  }
  return rejected.length > 0 ? { added: 0, updated: 0, rejected } : { added, updated, rejected };
}

/**
 * The entry a row updates by its id, if this desk holds it: the row's absent columns keep its
 * values (a file of a few columns changes those, never empties the rest, such as the focal point
 * and the note a keeper left out of a file meant for others). A column present and empty empties it.
 */
function entryUpdatedBy(directory: ProviderDirectory, actor: DirectoryActor, row: { cells: Record<string, string> }): Provider | undefined {
  const globalId = row.cells['id']?.trim().toLowerCase() ?? '';
  const existing = /^[0-9a-f]{32}$/.test(globalId) ? directory.idOfGlobal(globalId) : undefined;
  return existing === undefined ? undefined : directory.get(actor, existing);
}
