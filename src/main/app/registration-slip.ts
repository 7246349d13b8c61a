import { slipLanguage, type SlipRequest } from '../../shared/slip';
import type { StatsFileOutput } from '../../shared/stats';
import { AppError } from '../../shared/errors';
import { fileOutput, pdfFile } from '../pdf/print-page';
import { slipFileName, slipHtml } from '../people/slip-html';
import type { IntakeCore } from './intake-core';

/**
 * A person's registration slip, as HTML to print or as PDF. The record is read as the restricted
 * screen reads it (tier 0 only), so no tier-1 or tier-2 value can reach the page whoever asks.
 */
export async function registrationSlip(core: IntakeCore, { id, format }: SlipRequest): Promise<StatsFileOutput> {
  const user = core.user;
  if (!user) throw new AppError('not_signed_in');
  const person = core.vault.people.view({ id: user.id, role: user.role }, id, 'restricted');
  const { sitePrefix, siteName } = core.vault.settings.get();
  const html = await slipHtml({
    language: slipLanguage(person.fields.preferredLanguage, user.language),
    registrationNumber: person.registrationNumber,
    chosenName: person.fields.chosenName ?? '',
    registeredAt: person.registeredAt,
    sitePrefix,
    ...(siteName ? { siteName } : {}),
  });
  const fileName = slipFileName(person.registrationNumber, format);
  if (format === 'pdf') return pdfFile(core.renderPdf, html, fileName);
  return fileOutput(fileName, 'text/html;charset=utf-8', new TextEncoder().encode(html));
}
