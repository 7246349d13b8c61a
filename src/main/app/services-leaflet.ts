import type { LeafletRequest } from '../../shared/providers';
import type { StatsFileOutput } from '../../shared/stats';
import { AppError } from '../../shared/errors';
import { fileOutput, pdfFile } from '../pdf/print-page';
import { leafletFileName, leafletHtml } from '../referrals/leaflet-html';
import { ProviderDirectory } from '../referrals/provider-directory';
import type { IntakeCore } from './intake-core';

/**
 * The leaflet of services, as HTML to print or as PDF: the entries not retired that the service
 * and area filters keep, read as a clerk reads them (no focal point, no note), whoever asks.
 */
export async function servicesLeaflet(core: IntakeCore, request: LeafletRequest): Promise<StatsFileOutput & { entries: number }> {
  const user = core.user;
  if (!user) throw new AppError('not_signed_in');
  const entries = new ProviderDirectory(core.vault.db).list(
    { id: user.id, role: 'clerk' },
    { ...(request.service ? { service: request.service } : {}), ...(request.area ? { area: request.area } : {}) },
  );
  const html = leafletHtml(request.language, entries);
  const fileName = leafletFileName(request.language, new Date(), request.format);
  const file = request.format === 'pdf' ? await pdfFile(core.renderPdf, html, fileName) : fileOutput(fileName, 'text/html;charset=utf-8', new TextEncoder().encode(html));
  return { ...file, entries: entries.length };
}
