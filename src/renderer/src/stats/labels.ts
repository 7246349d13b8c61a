/**
 * The words and numbers of a published table, in the reader's language. The same choices as the
 * exports (src/main/stats/layout.ts), so the screen and the files read alike.
 */
import type { TFunction } from 'i18next';
import { siteNeedLabel } from '../../../shared/catalogue';
import type { Language } from '../../../shared/languages';
import { SUPPRESSED, type Cell, type PublishedTable, type StatsLabelKey, type StatsReport } from '../../../shared/stats';

type Row = PublishedTable['rows'][number];

export function tableTitle(t: TFunction, table: PublishedTable): string {
  return t(`stats.tables.${table.id}.title` satisfies StatsLabelKey);
}

const NOTES: Partial<Record<PublishedTable['id'], StatsLabelKey>> = {
  nationality: 'stats.tables.nationality.note',
  specificNeeds: 'stats.tables.specificNeeds.note',
  sogiesc: 'stats.tables.sogiesc.note',
  protectionNeeds: 'stats.tables.protectionNeeds.note',
};

export function tableNote(t: TFunction, table: PublishedTable): string | undefined {
  const key = NOTES[table.id];
  return key ? t(key) : undefined;
}

/** Country names in the reader's language where the code is an ISO 3166 region code. */
function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function rowLabel(t: TFunction, table: PublishedTable, row: Row, language: Language): string {
  if (row.labelKey) return t(row.labelKey as StatsLabelKey);
  if (row.label) return siteNeedLabel(row.label, language);
  if (table.rowDimension === 'nationality') return countryName(row.code, language);
  return row.code;
}

/** Codes such as 2026-W47 and ranges such as 0–4 read left to right inside Arabic text. */
export function isCode(text: string): boolean {
  return !/\p{L}/u.test(text) || /^\d{4}-W?\d{2}/.test(text);
}

export function columnLabel(t: TFunction, column: PublishedTable['columns'][number]): string {
  return column.labelKey ? t(column.labelKey as StatsLabelKey) : column.code;
}

export function dimensionLabel(t: TFunction, table: PublishedTable): string {
  return t(`stats.dimension.${table.rowDimension}` satisfies StatsLabelKey);
}

/** A table with several columns whose rows add up shows a total column. */
export function hasRowTotals(table: PublishedTable): boolean {
  return table.columns.length > 1 && table.rowTotals !== undefined;
}

/** What a row's bar shows: its total, or its only count. */
export function rowValue(table: PublishedTable, row: number): Cell {
  return (hasRowTotals(table) ? table.rowTotals?.[row] : table.cells[row]?.[0]) ?? 0;
}

export function isSuppressed(cell: Cell | undefined): cell is typeof SUPPRESSED {
  return cell === SUPPRESSED;
}

/** ISO 8601 week of a date (YYYY-MM-DD), as 2026-W47. */
export function isoWeekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  // The Thursday of the same week decides the year.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The period as its first and last week or month: never a day (as in the exported files). */
export function periodText(rules: StatsReport['rules']): string {
  if (rules.granularity === 'month') return `${rules.from.slice(0, 7)} – ${rules.to.slice(0, 7)}`;
  return `${isoWeekOf(rules.from)} – ${isoWeekOf(rules.to)}`;
}
