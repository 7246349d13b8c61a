/**
 * How the statistics screen lays out a published table; its words come from
 * src/shared/stats-text.ts, as the exports' do.
 */
import { useTranslation } from 'react-i18next';
import { SUPPRESSED, type Cell, type PublishedTable, type StatsLabel } from '../../../shared/stats';

/** The statistics words in the interface language, in the shape the shared helpers take. */
export function useStatsLabel(): StatsLabel {
  const { t } = useTranslation();
  return (key) => t(key);
}

/** Codes such as 2026-W47 and ranges such as 0–4 read left to right inside Arabic text. */
export function isCode(text: string): boolean {
  return !/\p{L}/u.test(text) || /^\d{4}-W?\d{2}/.test(text);
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
