/**
 * Anonymised statistics for supervisors: what the contract handlers and the CLI call. Every
 * export takes a report from produceStatistics, so nothing leaves without disclosure control.
 */
import type { StatsExportFormat, StatsReport } from '../../shared/stats';
import { exportCsv } from './export-csv';
import { exportHtml } from './export-html';
import { exportXlsx } from './export-xlsx';
import type { ExportOptions } from './layout';
import { isoWeekOf } from './period';

export { computeStatistics, parseStatsRequest, produceStatistics, type Statistics } from './statistics';
export { exportCsv } from './export-csv';
export { exportHtml } from './export-html';
export { exportXlsx } from './export-xlsx';
export { auditRelease, assessRelease, type CellBounds, type PublishedLike } from './audit';
export { linksOf } from './tables';
export { STATISTICS_INDEX_NAME, STATISTICS_INDEX_SQL } from './collect';
export type { ExportOptions } from './layout';

/** The formats made here; PDF is the HTML rendered by Chromium, which is Electron glue. */
export type StatsFileFormat = Exclude<StatsExportFormat, 'pdf'>;

export interface StatsFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

const MIME_TYPES: Record<StatsFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

/** A report as a file: the name says the period, never a day. */
export async function exportStatistics(report: StatsReport, format: StatsFileFormat, options: ExportOptions): Promise<StatsFile> {
  const { from, to, granularity } = report.rules;
  const span = granularity === 'month' ? `${from.slice(0, 7)}_${to.slice(0, 7)}` : `${isoWeekOf(from)}_${isoWeekOf(to)}`;
  const fileName = `statistics_${span}.${format}`;
  const bytes =
    format === 'xlsx'
      ? await exportXlsx(report, options)
      : new TextEncoder().encode(format === 'csv' ? exportCsv(report, options) : exportHtml(report, options));
  return { fileName, mimeType: MIME_TYPES[format], bytes };
}
