import { z } from 'zod';
import { BACKUP_GENERATIONS_MAX, BACKUP_REMINDER_DAYS_DEFAULT, BACKUP_REMINDER_DAYS_MAX, BACKUP_REMINDER_DAYS_MIN } from '../../shared/contract';
import type { Db } from '../db/connection';
import { DEFAULT_GENERATIONS } from './generations';

/**
 * What the vault remembers of its backups, in the encrypted settings table (rows apart from the
 * site settings): how many to keep, the folder and reminder a supervisor chose, and the last
 * verified backup and drill, by time and place.
 */
const KEYS = {
  generations: 'backup.generations',
  folder: 'backup.folder',
  reminderDays: 'backup.reminderDays',
  lastVerified: 'backup.lastVerified',
  lastDrill: 'backup.lastDrill',
} as const;
const placeSchema = z.object({ at: z.string(), path: z.string() });
export type BackupPlace = z.infer<typeof placeSchema>;

export interface BackupRecord {
  generations: number;
  folder?: string;
  reminderDays: number;
  lastVerified?: BackupPlace;
  lastDrill?: BackupPlace;
}

function read<T>(db: Db, key: string, schema: z.ZodType<T>): T | undefined {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
  if (!row) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function write(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function backupRecord(db: Db): BackupRecord {
  const folder = read(db, KEYS.folder, z.string().min(1));
  const lastVerified = read(db, KEYS.lastVerified, placeSchema);
  const lastDrill = read(db, KEYS.lastDrill, placeSchema);
  return {
    generations: read(db, KEYS.generations, z.number().int().min(1).max(BACKUP_GENERATIONS_MAX)) ?? DEFAULT_GENERATIONS,
    reminderDays: read(db, KEYS.reminderDays, z.number().int().min(BACKUP_REMINDER_DAYS_MIN).max(BACKUP_REMINDER_DAYS_MAX)) ?? BACKUP_REMINDER_DAYS_DEFAULT,
    ...(folder ? { folder } : {}),
    ...(lastVerified ? { lastVerified } : {}),
    ...(lastDrill ? { lastDrill } : {}),
  };
}

export function setBackupOptions(db: Db, options: { generations?: number | undefined; reminderDays?: number | undefined; folder?: string | undefined }): void {
  if (options.generations !== undefined) write(db, KEYS.generations, options.generations);
  if (options.reminderDays !== undefined) write(db, KEYS.reminderDays, options.reminderDays);
  if (options.folder !== undefined) write(db, KEYS.folder, options.folder);
}

export function rememberBackup(db: Db, place: BackupPlace): void {
  write(db, KEYS.lastVerified, place);
}

export function rememberDrill(db: Db, place: BackupPlace): void {
  write(db, KEYS.lastDrill, place);
}
