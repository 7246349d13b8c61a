import { initI18n } from '../../shared/i18n';
import type { Language } from '../../shared/languages';
import { STATS_LABELS, type StatsExportRequestInput, type StatsLabel, type StatsFileOutput } from '../../shared/stats';
import { fileOutput, pdfFile } from '../pdf/print-page';
import { exportHtml, exportStatistics, produceStatistics } from '../stats';
import type { IntakeCore } from './intake-core';

/** The supervisor's own language for every label in the file; English where a key is missing. */
export function statsLabels(language: Language): StatsLabel {
  const i18n = initI18n(language);
  return (key) => {
    const text = i18n.t(key, { defaultValue: STATS_LABELS[key] });
    return typeof text === 'string' ? text : STATS_LABELS[key];
  };
}

/** One export, always from a report that went through disclosure control. */
export async function exportStatisticsFile(core: IntakeCore, request: StatsExportRequestInput): Promise<StatsFileOutput> {
  const { format, ...reportRequest } = request;
  const report = produceStatistics(core.vault.db, reportRequest, new Date());
  const language = core.user?.language ?? 'en';
  const options = { label: statsLabels(language), language };
  if (format === 'pdf') {
    const html = await exportStatistics(report, 'html', options);
    return pdfFile(core.renderPdf, exportHtml(report, options), html.fileName.replace(/\.html$/, '.pdf'));
  }
  const file = await exportStatistics(report, format, options);
  return fileOutput(file.fileName, file.mimeType, file.bytes);
}
