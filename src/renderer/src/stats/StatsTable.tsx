import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/languages';
import type { Cell, PublishedTable } from '../../../shared/stats';
import { chartRows, columnLabel, dimensionLabel, rowLabel, tableNote, tableTitle } from '../../../shared/stats-text';
import { hasRowTotals, isCode, isSuppressed, rowValue, useStatsLabel } from './labels';

/** The marker for a hidden number; screen readers hear the word instead. */
export const SUPPRESSED_MARKER = '—';

function Count({ cell }: { cell: Cell | undefined }) {
  const { t } = useTranslation();
  if (cell === undefined) return <td className="stats-number" />;
  if (isSuppressed(cell)) {
    return (
      <td className="stats-number stats-suppressed">
        <span aria-hidden="true">{SUPPRESSED_MARKER}</span>
        <span className="visually-hidden">{t('stats.suppressed')}</span>
      </td>
    );
  }
  return <td className="stats-number">{cell}</td>;
}

/** A row heading: words take their script's direction, codes and ranges stay left to right. */
function Label({ text }: { text: string }) {
  return <bdi dir={isCode(text) ? 'ltr' : 'auto'}>{text}</bdi>;
}

/**
 * Bars of each row's total (or its only count), beside the table. The bars repeat the table, so
 * assistive technology reads the table and skips them; a suppressed total has no bar, and a row
 * whose numbers are all suppressed or zero is left out (no chart when none is left).
 */
function StatsChart({ table, language }: { table: PublishedTable; language: Language }) {
  const { t } = useTranslation();
  const label = useStatsLabel();
  const drawn = chartRows(table);
  const values = drawn.map((row) => rowValue(table, row));
  const largest = Math.max(1, ...values.map((value) => (isSuppressed(value) ? 0 : value)));
  if (drawn.length === 0) return null;
  return (
    <figure className="stats-chart">
      <figcaption>
        {t('stats.report.chart')}. {t('stats.report.suppressedNote')}
      </figcaption>
      <ul aria-hidden="true">
        {drawn.map((rowIndex, index) => {
          const row = table.rows[rowIndex]!;
          const value = values[index] ?? 0;
          const length = isSuppressed(value) ? 0 : (value / largest) * 100;
          return (
            <li key={row.code}>
              <span className="stats-chart-label">
                <Label text={rowLabel(table, row, { label, language })} />
              </span>
              <svg className="stats-bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                {length > 0 && <rect x="0" y="0" width={length} height="10" fill="currentColor" />}
              </svg>
              <span className="stats-chart-value">{isSuppressed(value) ? SUPPRESSED_MARKER : value}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** One published table: caption, column and row headers, row and column totals, and its chart. */
export function StatsTable({ table, language, kSensitive }: { table: PublishedTable; language: Language; kSensitive: number }) {
  const { t } = useTranslation();
  const label = useStatsLabel();
  const id = useId();
  const title = tableTitle(table, label);
  const note = tableNote(table, label);
  const multiColumn = table.columns.length > 1;
  const withRowTotals = hasRowTotals(table);
  const withFooter = table.total !== undefined || (multiColumn && table.columnTotals !== undefined);
  const ruleValue = (rule: 'stats.rules.k' | 'stats.rules.kSensitive', value: number): string => t('stats.screen.ruleValue', { rule: t(rule), value });
  const threshold = ruleValue(table.sensitive ? 'stats.rules.kSensitive' : 'stats.rules.k', table.threshold);
  // A row of a sensitive breakdown inside an ordinary table (partners of the same gender) has the higher threshold.
  const sensitiveRows = !table.sensitive && table.rows.some((row) => row.sensitive);
  return (
    <section className="stats-section" aria-labelledby={`${id}-title`} data-table={table.id}>
      <h3 id={`${id}-title`}>{title}</h3>
      {note && (
        <p id={`${id}-note`} className="hint">
          {note}
        </p>
      )}
      <p id={`${id}-threshold`} className="hint">
        {threshold}
        {table.sensitive && ` · ${t('stats.screen.sensitive')}`}
        {sensitiveRows && ` · ${ruleValue('stats.rules.kSensitive', kSensitive)}`}
      </p>
      <div className={table.columns.length > 2 ? 'stats-table-and-chart stats-wide' : 'stats-table-and-chart'}>
        {/* Focusable, so a keyboard can scroll a table wider than the screen. */}
        <div className="table-scroll" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
          <table className="stats-table" aria-describedby={note ? `${id}-note ${id}-threshold` : `${id}-threshold`}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{dimensionLabel(table, label)}</th>
                {table.columns.map((column) => (
                  <th scope="col" key={column.code} className="stats-number">
                    {columnLabel(column, label)}
                  </th>
                ))}
                {withRowTotals && (
                  <th scope="col" className="stats-number">
                    {t('stats.total')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={row.code} data-sensitive={row.sensitive || table.sensitive ? '' : undefined}>
                  <th scope="row">
                    <Label text={rowLabel(table, row, { label, language })} />
                  </th>
                  {table.columns.map((column, c) => (
                    <Count key={column.code} cell={table.cells[r]?.[c]} />
                  ))}
                  {withRowTotals && <Count cell={table.rowTotals?.[r]} />}
                </tr>
              ))}
            </tbody>
            {withFooter && (
              <tfoot>
                <tr>
                  <th scope="row">{t('stats.total')}</th>
                  {multiColumn && table.columns.map((column, c) => <Count key={column.code} cell={table.columnTotals?.[c]} />)}
                  {(!multiColumn || withRowTotals) && <Count cell={table.total} />}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
        <StatsChart table={table} language={language} />
      </div>
    </section>
  );
}
