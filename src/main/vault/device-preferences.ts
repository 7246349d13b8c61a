import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../shared/languages';
import { readJson, writeJsonAtomic } from './atomic-file';

/** What the device shows before anyone signs in. Holds nothing about a person or an account. */
const FILE = 'device.json';
const schema = z.object({ language: z.enum(LANGUAGES) });

export function readDeviceLanguage(dataDir: string): Language {
  const parsed = schema.safeParse(readJson(join(dataDir, FILE)));
  return parsed.success ? parsed.data.language : DEFAULT_LANGUAGE;
}

export function writeDeviceLanguage(dataDir: string, language: Language): void {
  writeJsonAtomic(join(dataDir, FILE), { language });
}
