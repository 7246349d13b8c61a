import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { BundleRefused, parseBundleFileName, writeFileDurably } from './bundle-file';

/** The temporary name writeFileDurably gives a bundle while writing it. */
const TEMPORARY_NAME = /^(intake-bundle-.+\.bundle)\.[0-9a-f]{12}\.tmp$/;

/** A bundle a transport holds, by its name and what the name says (checked again when it is opened). */
export interface BundleRef {
  name: string;
  deskId: string;
  lastSeq: number;
}

/**
 * What carries bundles between the desks of a site: a folder (a stick, a share, a synced folder)
 * now, a replicated store later. It moves sealed bytes by name and knows nothing of what is in them:
 * every bundle it returns is still to be opened (openBundle), which refuses anything altered.
 */
export interface BundleTransport {
  /** The bundles there that other desks wrote, by desk then lastSeq; partial copies and other files are left out. */
  listFromOthers(): Promise<BundleRef[]>;
  /** The bytes of one listed bundle. */
  read(name: string): Promise<Buffer>;
  /** Leaves one of this desk's bundles there, whole or not at all. */
  write(name: string, bytes: Buffer): Promise<void>;
  /** This desk's own bundles there, by lastSeq. */
  listOwn(): Promise<BundleRef[]>;
  /** Takes away one of this desk's bundles (one a later bundle of this desk carries whole). */
  remove(name: string): Promise<void>;
}

/**
 * Bundles as files of one folder. A file counts only under a bundle's exact name
 * (intake-bundle-<desk>-<lastSeq>.bundle) and as a plain file: the temporary files a write leaves
 * when the stick is pulled, copies a synchroniser is still writing (.syncthing.*.tmp, ~syncthing~*),
 * its conflict copies, macOS's ._ files and anything else the folder holds are ignored.
 */
export class FolderTransport implements BundleTransport {
  constructor(
    private readonly folder: string,
    private readonly ownDeskId: string,
  ) {}

  async listFromOthers(): Promise<BundleRef[]> {
    return (await this.bundles()).filter((ref) => ref.deskId !== this.ownDeskId);
  }

  async listOwn(): Promise<BundleRef[]> {
    return (await this.bundles()).filter((ref) => ref.deskId === this.ownDeskId);
  }

  async remove(name: string): Promise<void> {
    const parsed = parseBundleFileName(name);
    if (!parsed || parsed.deskId !== this.ownDeskId) throw new Error(`Not a file name of this desk's bundles: ${name}`);
    await rm(join(this.folder, name), { force: true });
  }

  private async bundles(): Promise<BundleRef[]> {
    const refs: BundleRef[] = [];
    for (const entry of await this.folderEntries()) {
      if (!entry.isFile()) continue;
      const parsed = parseBundleFileName(entry.name);
      if (parsed) refs.push({ name: entry.name, ...parsed });
    }
    return refs.sort((a, b) => (a.deskId === b.deskId ? a.lastSeq - b.lastSeq : a.deskId < b.deskId ? -1 : 1));
  }

  async read(name: string): Promise<Buffer> {
    if (!parseBundleFileName(name)) throw new Error(`Not a bundle's file name: ${name}`);
    const path = join(this.folder, name);
    if (!(await lstat(path)).isFile()) throw new BundleRefused('not_a_bundle');
    return readFile(path);
  }

  async write(name: string, bytes: Buffer): Promise<void> {
    const parsed = parseBundleFileName(name);
    if (!parsed || parsed.deskId !== this.ownDeskId) throw new Error(`Not a file name of this desk's bundles: ${name}`);
    // What an earlier write of this desk left when it was cut off (a pulled stick, a power cut):
    // never read, only clutter. Other desks' temporary files may still be being written: left alone.
    for (const entry of await this.folderEntries()) {
      const temporary = TEMPORARY_NAME.exec(entry.name);
      if (entry.isFile() && temporary?.[1] && parseBundleFileName(temporary[1])?.deskId === this.ownDeskId) {
        await rm(join(this.folder, entry.name), { force: true });
      }
    }
    writeFileDurably(this.folder, name, bytes);
  }

  private async folderEntries() {
    try {
      return await readdir(this.folder, { withFileTypes: true });
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? error.code : undefined;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('exchange_folder_missing', { folder: this.folder });
      throw error;
    }
  }
}
