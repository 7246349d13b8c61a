import type { Method, MethodInput, MethodOutput } from '../../shared/contract';
import type { DuplicatePair, MergeResult } from '../../shared/people';
import { english } from './messages';
import { UsageError } from './stdin-secrets';

type Call = <M extends Method>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/** A registration number the CLI could not turn into a record of its own (not found, or merged). */
export class RecordNumberError extends Error {}

export const DUPLICATES_USAGE = `  duplicates  --data-dir D --user PROTECTION --password-stdin [--json] [--limit N]
              Likely duplicate pairs across the register, strongest first (protection officers).
  duplicates merge KEPT_NUMBER MERGED_NUMBER | undo MERGED_NUMBER | not-same NUMBER NUMBER
              The same person: merge the second record into the first (undo puts it back);
              or two people: the pair is never listed again. Each is audited.`;

/**
 * `intake duplicates`: the review screen's list and decisions, by registration number. The
 * records are found through search, as the user may read them, so a number of a record merged
 * into another names that (it finds the record kept).
 */
export async function runDuplicates(call: Call, positionals: readonly string[], options: { json?: boolean; limit?: number }, write: (text: string) => void): Promise<void> {
  const [action = 'list', ...numbers] = positionals;
  const expect = (count: number): string[] => {
    if (numbers.length !== count) throw new UsageError(`duplicates ${action} takes ${count === 1 ? 'one registration number' : `${count} registration numbers`}.`);
    return numbers;
  };
  switch (action) {
    case 'list': {
      expect(0);
      const pairs = await call('duplicates.list', { limit: options.limit ?? 100 });
      write(options.json ? `${JSON.stringify(pairs, null, 2)}\n` : pairs.map(pairLine).join(''));
      if (!options.json && pairs.length === 0) write(`${english('duplicateReview.none')}\n`);
      return;
    }
    case 'merge': {
      const [keptNumber = '', mergedNumber = ''] = expect(2);
      const result = await call('duplicates.merge', { keptId: await ownRecord(call, keptNumber), mergedId: await ownRecord(call, mergedNumber) });
      write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${mergeLine('Merged', result)}\n`);
      return;
    }
    case 'undo': {
      const [mergedNumber = ''] = expect(1);
      const result = await call('duplicates.undoMerge', { mergedNumber });
      write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${mergeLine('Undid the merge of', result)}\n`);
      return;
    }
    case 'not-same': {
      const [first = '', second = ''] = expect(2);
      const result = await call('duplicates.notSame', { firstId: await ownRecord(call, first), secondId: await ownRecord(call, second) });
      write(options.json ? `${JSON.stringify(result)}\n` : `${english('duplicateReview.dismissed')}\n`);
      return;
    }
    default:
      throw new UsageError('duplicates takes list (the default), merge, undo or not-same.');
  }
}

function pairLine(pair: DuplicatePair): string {
  return `${pair.score.toFixed(2)}\t${pair.first.registrationNumber}\t${pair.second.registrationNumber}\t${pair.reasons.join(',')}\t${pair.first.chosenName}\t${pair.second.chosenName}\n`;
}

function mergeLine(verb: string, result: MergeResult): string {
  const { documents, consents, history, memberships, referrals } = result.moved;
  return `${verb} ${result.merged.registrationNumber} into ${result.kept.registrationNumber}: ${documents} document(s), ${consents} consent(s), ${history} history entries, ${memberships} family membership(s), ${referrals} referral(s) moved.`;
}

async function searchNumber(call: Call, number: string) {
  const wanted = number.trim().toLowerCase();
  if (!wanted) throw new UsageError('A registration number is empty.');
  // Every record, whatever its status: a number names one record.
  const found = await call('people.search', { query: number, limit: 5, show: 'all' });
  return { wanted, found };
}

/** The record that has this number itself (not one it was merged into). */
async function ownRecord(call: Call, number: string): Promise<number> {
  const { wanted, found } = await searchNumber(call, number);
  const own = found.find((person) => person.registrationNumber.toLowerCase() === wanted);
  if (own) return own.id;
  const kept = found[0];
  if (kept) throw new RecordNumberError(english('errors.person_merged', { registrationNumber: number, keptNumber: kept.registrationNumber }));
  throw new RecordNumberError(`No record has the registration number ${number}.`);
}
