import { statfsSync } from 'node:fs';
import { AppError } from '../../shared/errors';

/** FAT32 holds no file of 4 GiB or more: 4 GiB - 1 bytes is the largest. */
export const FAT32_FILE_LIMIT = 2 ** 32 - 1;
/** Linux's MSDOS_SUPER_MAGIC: FAT12/16/32 (vfat, msdos). */
const MSDOS_SUPER_MAGIC = 0x4d44;

/**
 * Whether a folder may be on FAT32. Linux names the file system; elsewhere it cannot be told
 * reliably, so the limit is applied (a backup that large is refused rather than cut short).
 */
export function mayBeFat32(folder: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return true;
  try {
    return statfsSync(folder).type === MSDOS_SUPER_MAGIC;
  } catch {
    return true;
  }
}

/** Refuses a file that a FAT32 drive could not hold, naming the file and the limit. */
export function assertFitsOnTarget(file: string, bytes: number, fat32: boolean, limit: number = FAT32_FILE_LIMIT): void {
  if (fat32 && bytes > limit) throw new AppError('backup_too_large', { file, bytes, limit });
}
