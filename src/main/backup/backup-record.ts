import { z } from 'zod';
import type { Db } from '../db/connection';
import { DEFAULT_GENERATIONS, MAX_GENERATIONS } from './generations';

/**
 * What the vault remembers of its backups, in the encrypted settings table (rows apart from the
 * site settings): how many to keep, and the last verified backup and drill, by time and place.
 */
const KEYS = { generations: 'backup.generations', lastVerified: 'backup.lastVerified', lastDrill: 'backup.lastDrill' } as const;
const placeSchema = z.object({ at: z.string(), path: z.string() });
export type BackupPlace = z.infer<typeof placeSchema>;

export interface BackupStatus {
  generations: number;
  lastVerified?: BackupPlace;
  lastDrill?: BackupPlace;
}

function read(db: Db, key: string): unknown {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

function write(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function backupStatus(db: Db): BackupStatus {
  const generations = z.number().int().min(1).max(MAX_GENERATIONS).safeParse(read(db, KEYS.generations));
  const lastVerified = placeSchema.safeParse(read(db, KEYS.lastVerified));
  const lastDrill = placeSchema.safeParse(read(db, KEYS.lastDrill));
  return {
    generations: generations.success ? generations.data : DEFAULT_GENERATIONS,
    ...(lastVerified.success ? { lastVerified: lastVerified.data } : {}),
    ...(lastDrill.success ? { lastDrill: lastDrill.data } : {}),
  };
}

export function setGenerations(db: Db, generations: number): void {
  write(db, KEYS.generations, generations);
}

export function rememberBackup(db: Db, place: BackupPlace): void {
  write(db, KEYS.lastVerified, place);
}

export function rememberDrill(db: Db, place: BackupPlace): void {
  write(db, KEYS.lastDrill, place);
}
