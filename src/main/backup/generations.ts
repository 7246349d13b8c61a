import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, readManifest } from './manifest';

/**
 * Backups inside the folder a supervisor picks: one folder per backup, named by its time
 * (`intake-backup-2026-11-30T08-45-12-345Z`, which sorts by time), written first as a hidden
 * `.partial` folder and renamed only once verified. A folder cut short stays `.partial`.
 */
const PREFIX = 'intake-backup-';
const NAME = /^intake-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d+)?$/;
const PARTIAL = /^\.intake-backup-.*\.partial$/;
export const DEFAULT_GENERATIONS = 5;

/** A name for a backup made at `at` that is not taken in `folder`. */
export function generationName(folder: string, at: Date): string {
  const stem = `${PREFIX}${at.toISOString().replace(/[:.]/g, '-')}`;
  let name = stem;
  for (let n = 2; existsSync(join(folder, name)) || existsSync(join(folder, partialName(name))); n += 1) name = `${stem}-${n}`;
  return name;
}

export function partialName(name: string): string {
  return `.${name}.partial`;
}

/** The whole backups in `folder` (named as ours, with a manifest), oldest first. */
export function listGenerations(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => NAME.test(name) && existsSync(join(folder, name, MANIFEST_FILE)))
    .sort();
}

/** Whether the backup in `folder` is of this site (a drive may hold the backups of several laptops). */
function ofSite(folder: string, site: { createdAt: string; prefix: string }): boolean {
  try {
    const manifest = readManifest(folder);
    return manifest.site.createdAt === site.createdAt && manifest.site.prefix === site.prefix;
  } catch {
    // Not readable as ours: never removed.
    return false;
  }
}

/**
 * Keeps the newest `keep` backups of this site (the one just verified among them) and removes its
 * older ones, and any `.partial` folder left by a backup cut short; another site's backups in the
 * same folder are left alone. Called only after the new backup was verified.
 */
export function pruneGenerations(folder: string, keep: number, current: string, site: { createdAt: string; prefix: string }): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(folder)) {
    if (PARTIAL.test(name) && name !== partialName(current)) {
      rmSync(join(folder, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  const whole = listGenerations(folder).filter((name) => ofSite(join(folder, name), site));
  for (const name of whole.slice(0, Math.max(0, whole.length - keep))) {
    if (name === current) continue;
    rmSync(join(folder, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
