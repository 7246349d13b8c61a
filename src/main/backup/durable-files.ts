import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, renameSync, writeSync } from 'node:fs';

/**
 * Files written so that a pulled stick or a power cut never leaves one that looks whole: under a
 * temporary name, synced, renamed, and the folder synced so the rename itself is on the media.
 */
const CHUNK = 1024 * 1024;

/** SHA-256 and size of a file, read back from the disk in chunks (a database may be gigabytes). */
export function hashFile(path: string): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(CHUNK);
  const fd = openSync(path, 'r');
  let bytes = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      bytes += read;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** POSIX syncs a folder through a read-only descriptor; Windows has no folder sync to call (see atomic-file.ts). */
export function syncFolder(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Copies a file to `<to>.tmp`, syncs it, and renames it to `to`; the caller syncs the folder. */
export function copyDurably(from: string, to: string): void {
  const temporary = `${to}.tmp`;
  const source = openSync(from, 'r');
  try {
    const target = openSync(temporary, 'w', 0o600);
    try {
      const buffer = Buffer.alloc(CHUNK);
      for (;;) {
        const read = readSync(source, buffer, 0, CHUNK, null);
        if (read === 0) break;
        let written = 0;
        while (written < read) written += writeSync(target, buffer, written, read - written);
      }
      fsyncSync(target);
    } finally {
      closeSync(target);
    }
  } finally {
    closeSync(source);
  }
  renameSync(temporary, to);
}

/** Writes text to `<to>.tmp`, syncs it, and renames it to `to`; the caller syncs the folder. */
export function writeDurably(to: string, text: string): void {
  const temporary = `${to}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, to);
}
