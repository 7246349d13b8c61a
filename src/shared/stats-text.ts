/**
 * The words of a published table in the reader's language: one set of choices for the statistics
 * screen and for every export, so the screen and the files read alike.
 */
import { siteNeedLabel } from './catalogue/specific-needs';
import type { Language } from './languages';
import type { PublishedTable, StatsLabel, StatsLabelKey, StatsReport } from './stats';

const DAY = 86_400_000;

export function tableTitle(table: PublishedTable, label: StatsLabel): string {
  return label(`stats.tables.${table.id}.title` as StatsLabelKey);
}

const NOTES: Partial<Record<PublishedTable['id'], StatsLabelKey>> = {
  ageGender: 'stats.tables.ageGender.note',
  nationality: 'stats.tables.nationality.note',
  specificNeeds: 'stats.tables.specificNeeds.note',
  sogiesc: 'stats.tables.sogiesc.note',
  protectionNeeds: 'stats.tables.protectionNeeds.note',
  referrals: 'stats.tables.referrals.note',
};

export function tableNote(table: PublishedTable, label: StatsLabel): string | undefined {
  const key = NOTES[table.id];
  return key ? label(key) : undefined;
}

/** Country names in the reader's language where the code is an ISO 3166 region code. */
function countryName(code: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function rowLabel(table: PublishedTable, row: PublishedTable['rows'][number], options: { label: StatsLabel; language: Language }): string {
  if (row.labelKey) return options.label(row.labelKey as StatsLabelKey);
  if (row.label) return siteNeedLabel(row.label, options.language);
  if (table.rowDimension === 'nationality') return countryName(row.code, options.language);
  return row.code;
}

export function columnLabel(column: PublishedTable['columns'][number], label: StatsLabel): string {
  return column.labelKey ? label(column.labelKey as StatsLabelKey) : column.code;
}

export function dimensionLabel(table: PublishedTable, label: StatsLabel): string {
  return label(`stats.dimension.${table.rowDimension}` as StatsLabelKey);
}

/**
 * The rows a chart draws: a row whose numbers (its cells and its total) are all suppressed or
 * zero has nothing to draw and is left out, so a chart never lines up a column of empty rows
 * beside a lone bar. Indexes into table.rows, in order.
 */
export function chartRows(table: PublishedTable): number[] {
  return table.rows.flatMap((_, row) => {
    const values = [...(table.cells[row] ?? []), ...(table.rowTotals ? [table.rowTotals[row]] : [])];
    return values.some((value) => typeof value === 'number' && value > 0) ? [row] : [];
  });
}

/** ISO 8601 week of a date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = new Date(ms + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period as its first and last week or month: never a day. */
export function periodText(rules: StatsReport['rules']): string {
  if (rules.granularity === 'month') return `${rules.from.slice(0, 7)} – ${rules.to.slice(0, 7)}`;
  return `${isoWeekOf(rules.from)} – ${isoWeekOf(rules.to)}`;
}

/** Which tables a report has and, when not all, the rule that left the others out and what to do. */
export function breakdownsText(rules: StatsReport['rules'], label: StatsLabel): string {
  const which = label(`stats.rules.breakdowns.${rules.breakdowns}`);
  return rules.withheld ? `${which} ${label(`stats.withheld.${rules.withheld}`)}` : which;
}
