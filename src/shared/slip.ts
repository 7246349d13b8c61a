/** The registration slip (issue 15): what a person takes away from the desk, printed or as PDF. */
import { z } from 'zod';
import { LANGUAGES, type Language } from './languages';

export const SLIP_FORMATS = ['html', 'pdf'] as const;
export type SlipFormat = (typeof SLIP_FORMATS)[number];

export const slipRequestSchema = z.object({ id: z.number().int().positive(), format: z.enum(SLIP_FORMATS) }).strict();
export type SlipRequest = z.infer<typeof slipRequestSchema>;

/**
 * The language a slip is written in: the person's preferred language when it is (a variety of) one
 * the interface speaks ("ar-SY" is Arabic), else the clerk's interface language.
 */
export function slipLanguage(preferred: string | undefined, interfaceLanguage: Language): Language {
  const primary = preferred?.split('-')[0]?.toLowerCase();
  return LANGUAGES.find((language) => language === primary) ?? interfaceLanguage;
}
