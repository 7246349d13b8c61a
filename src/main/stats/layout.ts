/**
 * What every export shares: headings in the reader's language, the rules stated in words, and
 * the HXL hashtags (docs/statistics.md explains each one).
 */
import type { Language } from '../../shared/languages';
import { breakdownsText, periodText } from '../../shared/stats-text';
import { SUPPRESSED, type Cell, type PublishedTable, type StatsLabel, type StatsReport } from '../../shared/stats';

export { breakdownsText, columnLabel, dimensionLabel, periodText, rowLabel, tableNote, tableTitle } from '../../shared/stats-text';

export interface ExportOptions {
  /** i18next's t, or englishStatsLabel. */
  label: StatsLabel;
  language: Language;
}

export function cellText(cell: Cell | undefined, label: StatsLabel): string {
  if (cell === undefined) return '';
  return cell === SUPPRESSED ? label('stats.suppressed') : String(cell);
}

/** The rules, as [rule, value] lines: every export states them in the file itself. */
export function ruleLines(report: StatsReport, label: StatsLabel): [string, string][] {
  const { rules } = report;
  return [
    ...(rules.siteName ? [[label('stats.rules.siteName'), rules.siteName] as [string, string]] : []),
    ...(rules.sitePrefix ? [[label('stats.rules.sitePrefix'), rules.sitePrefix] as [string, string]] : []),
    [label('stats.rules.period'), periodText(report.rules)],
    [label('stats.rules.granularity'), label(`stats.granularity.${rules.granularity}`)],
    [label('stats.rules.k'), String(rules.k)],
    [label('stats.rules.kSensitive'), String(rules.kSensitive)],
    [label('stats.rules.rounding'), label(rules.roundTo5 ? 'stats.rules.roundingBase5' : 'stats.rules.roundingNone')],
    [label('stats.rules.suppressionHeading'), label('stats.rules.suppression')],
    [label('stats.rules.perturbationHeading'), label('stats.rules.perturbation')],
    [label('stats.rules.minPopulation'), String(rules.minPopulation)],
    [label('stats.rules.breakdownsHeading'), breakdownsText(rules, label)],
    [label('stats.rules.totals'), ''],
    [label('stats.rules.identifiers'), ''],
    [label('stats.rules.merged'), ''],
    [label('stats.rules.ages'), ''],
    [label('stats.rules.gender'), ''],
    [label('stats.rules.units'), ''],
  ];
}

/** HXL: the hashtag for a table's row dimension. */
export function rowTag(table: PublishedTable, granularity: StatsReport['rules']['granularity']): string {
  switch (table.rowDimension) {
    case 'period':
      return `#date+${granularity}`;
    case 'nationality':
      return '#country+code';
    case 'age':
      return '#group+age+code';
    case 'category':
      return '#group+code';
  }
}

/** HXL: the hashtag for a value column, by the column's code and what the table counts. */
export function valueTag(table: PublishedTable, columnCode: string | 'total'): string {
  // Referrals are a service delivered, not people affected; their columns are months.
  if (table.countOf === 'referrals') return columnCode === 'total' ? '#output+referrals' : `#output+referrals+month_${hxlAttribute(columnCode)}`;
  const base = table.countOf === 'units' ? '#affected+hh' : '#affected';
  if (columnCode === 'total' || columnCode === 'people' || columnCode === 'units') return `${base}+total`;
  if (columnCode === 'not-recorded') return `${base}+gender_not_recorded`;
  return `${base}+${hxlAttribute(columnCode)}`;
}

/** A code as an HXL attribute (lower case letters, digits and underscores): size6+ → size6_plus. */
export function hxlAttribute(code: string): string {
  return code.toLowerCase().replace(/\+/g, '_plus').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** Row codes in HXL form: age brackets as the attribute-style age0_4 … age60_plus. */
export function rowCode(table: PublishedTable, code: string): string {
  if (table.rowDimension !== 'age') return code;
  return code === 'not-recorded' ? 'age_not_recorded' : `age${hxlAttribute(code)}`;
}
