import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every regular file under dir (recursively), with its bytes, keyed by relative path. */
export function readAllFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stats = statSync(path);
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile()) out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

/** The encodings a string could sit on disk in: UTF-8 and UTF-16LE (SQLite's two text encodings). */
export function encodingsOf(text: string): { encoding: string; bytes: Buffer }[] {
  return [
    { encoding: 'utf8', bytes: Buffer.from(text, 'utf8') },
    { encoding: 'utf16le', bytes: Buffer.from(text, 'utf16le') },
  ];
}

/** Every (file, needle, encoding) where the needle occurs in a file's bytes; empty when none. */
export function plaintextHits(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const [file, content] of readAllFiles(dir)) {
    for (const needle of needles) {
      for (const { encoding, bytes } of encodingsOf(needle)) {
        if (content.includes(bytes)) hits.push(`${file} contains ${JSON.stringify(needle)} (${encoding})`);
      }
    }
  }
  return hits;
}

export function sha256OfFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A fingerprint of every file in dir: name → sha256. */
export function fingerprintDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, content] of readAllFiles(dir)) out[file] = createHash('sha256').update(content).digest('hex');
  return out;
}
