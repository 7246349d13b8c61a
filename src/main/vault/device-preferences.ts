import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../shared/languages';
import { readJsonFile, writeJsonAtomic } from './atomic-file';

/** What the device shows before anyone signs in. Holds nothing about a person or an account. */
export const DEVICE_FILE = 'device.json';
const schema = z.object({ language: z.enum(LANGUAGES) });

/**
 * The sign-in screen's language. A damaged file (cut short, garbage, or an unknown shape or
 * language) is nothing worth keeping: the default language is written over it, and the next
 * person at the desk picks theirs again.
 */
export function readDeviceLanguage(dataDir: string): Language {
  const read = readJsonFile(join(dataDir, DEVICE_FILE));
  if (read.status === 'missing') return DEFAULT_LANGUAGE;
  const parsed = read.status === 'read' ? schema.safeParse(read.value) : undefined;
  if (parsed?.success) return parsed.data.language;
  writeDeviceLanguage(dataDir, DEFAULT_LANGUAGE);
  return DEFAULT_LANGUAGE;
}

export function writeDeviceLanguage(dataDir: string, language: Language): void {
  writeJsonAtomic(join(dataDir, DEVICE_FILE), { language });
}
