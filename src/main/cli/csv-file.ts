import { readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { UsageError } from './stdin-secrets';

/** Reads a UTF-8 CSV (a byte-order mark is fine) into rows keyed by header, with their line numbers. */
export function readCsvRows(path: string): { line: number; cells: Record<string, string> }[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${path}.`);
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, columns: true, skip_empty_lines: true, trim: true, info: true });
  } catch (error) {
    // The parser's message can quote a cell; say only where and what kind of problem.
    const where = error instanceof CsvError && error.lines ? ` near line ${error.lines}` : '';
    throw new UsageError(`${path} is not valid CSV${where} (${error instanceof CsvError ? error.code : 'unreadable'}).`);
  }
  return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
}
