/**
 * The printable report: one self-contained HTML page (no scripts, no external resources) with the
 * rules, every table, a simple bar chart per table in inline SVG, and the disclosure note. The
 * lead renders it to PDF with Chromium. Right to left, with its lang, when the language is Arabic.
 */
import { directionOf } from '../../shared/languages';
import { SUPPRESSED, type Cell, type PublishedTable, type StatsReport } from '../../shared/stats';
import { escapeHtml as escape, printPageHtml } from '../pdf/print-page';
import { REPORT_FONT_FAMILY } from '../pdf/report-fonts';
import { chartRows } from '../../shared/stats-text';
import { cellText, columnLabel, dimensionLabel, periodText, rowLabel, ruleLines, tableNote, tableTitle, type ExportOptions } from './layout';

/**
 * Text whose direction is its own: codes and ranges (2026-W47, 0–4) read left to right inside an
 * Arabic page instead of being reordered; words take the direction of their script.
 */
function isolate(text: string): string {
  return `<bdi dir="${/\p{L}/u.test(text) && !/^\d{4}-W?\d{2}/.test(text) ? 'auto' : 'ltr'}">${escape(text)}</bdi>`;
}

/** A CSS string literal: the page-number label goes into the stylesheet, not the markup. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"\n\r<]/g, (character) => `\\${character.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * Page numbers in the bottom margin of every printed page ("Page 2 / 5"), with CSS page-margin
 * boxes: Chromium prints them from version 131, headless (the CLI, the web host) and in Electron
 * alike, with no header or footer of the browser's own (no date, no file path).
 */
function pageStyle(options: ExportOptions): string {
  return `@page { size: A4; margin: 15mm 15mm 18mm; @bottom-center { content: ${cssString(`${options.label('stats.report.page')} `)} counter(page) " / " counter(pages); font-family: ${REPORT_FONT_FAMILY}; font-size: 8pt; color: #444; } }`;
}

const STYLE = `
  body { font-family: ${REPORT_FONT_FAMILY}; font-size: 10pt; color: #1a1a1a; margin: 0; }
  h1 { font-size: 18pt; margin-block: 0 4pt; }
  h2 { font-size: 12.5pt; margin-block: 14pt 4pt; }
  .period { margin-block: 0 10pt; color: #444; }
  section { break-inside: avoid; }
  table { border-collapse: collapse; width: 100%; margin-block: 4pt; }
  th, td { border: 0.6pt solid #999; padding: 2pt 5pt; }
  th { background: #eef0f3; font-weight: 600; text-align: start; }
  td.number { text-align: end; font-variant-numeric: tabular-nums; }
  td.suppressed { text-align: end; color: #666; font-style: italic; }
  tfoot td, tfoot th { font-weight: 700; }
  .note { color: #444; margin-block: 2pt; }
  .rules td:first-child { width: 45%; }
  figure { margin: 6pt 0 0; }
  figcaption { color: #555; font-size: 8.5pt; }
  footer { margin-block-start: 16pt; border-block-start: 0.8pt solid #999; padding-block-start: 6pt; color: #333; }
`;

function numberCell(cell: Cell | undefined, options: ExportOptions, tag: 'td' | 'th' = 'td'): string {
  const text = escape(cellText(cell, options.label));
  return `<${tag} class="${cell === SUPPRESSED ? 'suppressed' : 'number'}">${text}</${tag}>`;
}

function htmlTable(table: PublishedTable, options: ExportOptions): string {
  const multi = table.columns.length > 1 && table.rowTotals !== undefined;
  const head = [
    `<th scope="col">${escape(dimensionLabel(table, options.label))}</th>`,
    ...table.columns.map((column) => `<th scope="col">${escape(columnLabel(column, options.label))}</th>`),
    ...(multi ? [`<th scope="col">${escape(options.label('stats.total'))}</th>`] : []),
  ].join('');
  const body = table.rows
    .map((row, r) => {
      const cells = table.columns.map((_, c) => numberCell(table.cells[r]?.[c], options)).join('');
      const total = multi ? numberCell(table.rowTotals?.[r], options) : '';
      return `<tr><th scope="row">${isolate(rowLabel(table, row, options))}</th>${cells}${total}</tr>`;
    })
    .join('\n');
  const foot =
    table.total === undefined
      ? ''
      : `<tfoot><tr><th scope="row">${escape(options.label('stats.total'))}</th>${
          multi ? table.columns.map((_, c) => numberCell(table.columnTotals?.[c], options)).join('') : ''
        }${numberCell(table.total, options)}</tr></tfoot>`;
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody>${foot}</table>`;
}

/**
 * Horizontal bars of each row's total (or its only count); a suppressed total gets no bar, and a
 * row whose numbers are all suppressed or zero is left out (no chart when none is left).
 */
function chart(table: PublishedTable, options: ExportOptions): string {
  const rtl = directionOf(options.language) === 'rtl';
  const drawn = chartRows(table);
  if (drawn.length === 0) return '';
  const values: Cell[] = drawn.map((r) => (table.rowTotals && table.columns.length > 1 ? table.rowTotals[r] : table.cells[r]?.[0]) ?? 0);
  const largest = Math.max(1, ...values.map((value) => (value === SUPPRESSED ? 0 : value)));
  const [width, labelWidth, barHeight, gap] = [640, 190, 12, 5];
  const barArea = width - labelWidth - 80;
  const height = drawn.length * (barHeight + gap) + gap;
  const bars = drawn
    .map((rowIndex, r) => {
      const row = table.rows[rowIndex]!;
      const value = values[r] ?? 0;
      const y = gap + r * (barHeight + gap);
      const length = value === SUPPRESSED ? 0 : Math.round((value / largest) * barArea);
      const barStart = rtl ? width - labelWidth - 8 - length : labelWidth + 8;
      const valueX = rtl ? barStart - 4 : barStart + length + 4;
      const label = escape(rowLabel(table, row, options));
      const shown = escape(cellText(value, options.label));
      return [
        `<text x="${rtl ? width - labelWidth : labelWidth}" y="${y + barHeight - 2}" text-anchor="${rtl ? 'start' : 'end'}" direction="ltr">${label}</text>`,
        length > 0 ? `<rect x="${barStart}" y="${y}" width="${length}" height="${barHeight}" fill="#3b6ea5"/>` : '',
        `<text x="${valueX}" y="${y + barHeight - 2}" text-anchor="${rtl ? 'end' : 'start'}" direction="ltr" fill="#333">${shown}</text>`,
      ].join('');
    })
    .join('\n');
  const title = escape(`${options.label('stats.report.chart')}: ${tableTitle(table, options.label)}`);
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="9">\n${bars}\n</svg><figcaption>${escape(options.label('stats.report.suppressedNote'))}</figcaption></figure>`;
}

export function exportHtml(report: StatsReport, options: ExportOptions): string {
  // Rules with a value go in the table; the plain statements follow it as notes.
  const lines = ruleLines(report, options.label);
  const rules = lines
    .filter(([, value]) => value !== '')
    .map(([rule, value]) => `<tr><td>${escape(rule)}</td><td>${isolate(value)}</td></tr>`)
    .join('\n');
  const statements = lines
    .filter(([, value]) => value === '')
    .map(([statement]) => `<li>${escape(statement)}</li>`)
    .join('');
  const sections = report.tables
    .map((table) => {
      const note = tableNote(table, options.label);
      const threshold = `${options.label(table.sensitive ? 'stats.rules.kSensitive' : 'stats.rules.k')}: ${table.threshold}`;
      return `<section>
<h2>${escape(tableTitle(table, options.label))}</h2>
${note ? `<p class="note">${escape(note)}</p>` : ''}<p class="note">${escape(threshold)}</p>
${htmlTable(table, options)}
${chart(table, options)}
</section>`;
    })
    .join('\n');
  const footer = [
    options.label('stats.rules.suppression'),
    options.label('stats.rules.perturbation'),
    options.label('stats.rules.totals'),
    options.label('stats.rules.identifiers'),
    options.label('stats.rules.merged'),
  ]
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
  const body = `<header><h1>${escape(options.label('stats.title'))}</h1>${
    report.rules.siteName ? `<p class="period">${escape(options.label('stats.rules.siteName'))}: ${isolate(report.rules.siteName)}</p>` : ''
  }${
    report.rules.sitePrefix ? `<p class="period">${escape(options.label('stats.rules.sitePrefix'))}: ${isolate(report.rules.sitePrefix)}</p>` : ''
  }<p class="period">${escape(options.label('stats.rules.period'))}: ${isolate(periodText(report.rules))}</p></header>
<section class="rules"><h2>${escape(options.label('stats.rules.heading'))}</h2><table><thead><tr><th scope="col">${escape(options.label('stats.rules.rule'))}</th><th scope="col">${escape(options.label('stats.rules.value'))}</th></tr></thead><tbody>
${rules}
</tbody></table><ul class="statements">${statements}</ul></section>
${sections}
<footer>${footer}<p>${escape(options.label('stats.report.generated'))}</p></footer>`;
  return printPageHtml({ language: options.language, title: options.label('stats.title'), style: `${pageStyle(options)}\n${STYLE}`, body });
}
