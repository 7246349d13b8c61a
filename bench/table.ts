/**
 * What the benches print and keep: a Markdown table of their results on stdout, and the results
 * as JSON in bench/results/<name>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A column: its heading, and whether it holds numbers (right-aligned) or words. */
export interface Column {
  heading: string;
  text?: boolean;
}

/** Prints the table after a blank line; an empty cell prints as a single space. */
export function printTable(columns: readonly Column[], rows: readonly (readonly (string | number)[])[]): void {
  const line = (cells: readonly (string | number)[]) => `|${cells.map((cell) => (cell === '' ? ' ' : ` ${cell} `)).join('|')}|`;
  console.log(`\n${line(columns.map((column) => column.heading))}`);
  console.log(`|${columns.map((column) => (column.text ? '---' : '---:')).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** Writes bench/results/<name>.json (when, on which Node, the results) and says where. */
export function writeResults(name: string, results: unknown): void {
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  const out = join(import.meta.dirname, 'results', `${name}.json`);
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}
