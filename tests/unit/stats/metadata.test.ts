/**
 * Export files do not date themselves to the minute nor name the software versions of the laptop
 * they came from (issue 11), and every file names the site (its registration-number prefix), the
 * period and that totals are perturbed and need not add up. The PDF has page numbers.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishStatsLabel, type StatsReport } from '../../../src/shared/stats';
import { seedPeople } from '../../../src/main/seed/seeder';
import { exportCsv, exportHtml, exportXlsx, produceStatistics } from '../../../src/main/stats';
import { chromiumPdf } from '../../../src/main/pdf/chromium-pdf';
import { neutralPdfMetadata } from '../../../src/main/pdf/pdf-metadata';
import { SettingsService } from '../../../src/main/services/settings';
import { peopleFixture, type PeopleFixture } from '../people/people-db';

const TODAY = '2026-11-25T10:00:00.000Z';
const LATER = new Date('2026-12-02T10:00:00.000Z');
const OPTIONS = { label: englishStatsLabel, language: 'en' } as const;
const HAS_CHROMIUM = existsSync(process.env.INTAKE_CHROMIUM ?? '/usr/bin/chromium');
const HAS_PDFTOTEXT = existsSync('/usr/bin/pdftotext');

/** The Info dictionary's entries of a PDF, as a reader would list them. */
function pdfInfo(pdf: Uint8Array): Map<string, string> {
  const text = Buffer.from(pdf).toString('latin1');
  const info = new Map<string, string>();
  for (const match of text.matchAll(/\/(Title|Author|Subject|Creator|Producer|CreationDate|ModDate)\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/g)) info.set(match[1]!, match[2]!);
  return info;
}

describe('what the export files say about themselves', () => {
  let fixture: PeopleFixture;
  let report: StatsReport;
  beforeAll(() => {
    fixture = peopleFixture(TODAY);
    new SettingsService(fixture.db).update({ sitePrefix: 'GZT', siteName: 'Gaziantep reception desk' });
    seedPeople(fixture.db, fixture.protection, { count: 400, seed: 7, today: new Date(TODAY) }, () => undefined);
    report = produceStatistics(fixture.db, { from: '2026-06-01', to: '2026-10-31', granularity: 'month' }, LATER);
  });
  afterAll(() => fixture.close());

  it('CSV, XLSX and HTML name the site and its prefix, the period, and that totals are perturbed and need not add up', async () => {
    const csv = exportCsv(report, OPTIONS);
    const html = exportHtml(report, OPTIONS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await exportXlsx(report, OPTIONS)) as unknown as ArrayBuffer);
    const rulesSheet = workbook.worksheets[0]!.getSheetValues().flat().join('\n');
    expect(report.rules).toMatchObject({ sitePrefix: 'GZT', siteName: 'Gaziantep reception desk' });
    for (const file of [csv, html, rulesSheet]) {
      expect(file).toContain(englishStatsLabel('stats.rules.sitePrefix'));
      expect(file).toContain('GZT');
      expect(file).toContain(englishStatsLabel('stats.rules.siteName'));
      expect(file).toContain('Gaziantep reception desk');
      expect(file).toContain('2026-06 – 2026-10');
      expect(file).toContain(englishStatsLabel('stats.rules.totals'));
    }
  });

  it('XLSX: created and modified on the day, at 00:00, and every file in the archive dated 1980-01-01 00:00', async () => {
    const bytes = await exportXlsx(report, OPTIONS, new Date('2026-12-02T14:37:21.000Z'));
    const zip = await JSZip.loadAsync(bytes);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-12-02T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-12-02T00:00:00Z</dcterms:modified>');
    expect(core).not.toMatch(/14:37|T14/);
    const entries = Object.values(zip.files);
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      // JSZip reads the DOS time as local time.
      expect([entry.name, entry.date.getFullYear(), entry.date.getMonth(), entry.date.getDate(), entry.date.getHours(), entry.date.getMinutes()]).toEqual([entry.name, 1980, 0, 1, 0, 0]);
    }
    // Still a workbook that opens, with the same sheets.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(report.tables.length + 1);
  });

  it('PDF metadata: no creator or producer (browser and version), dates cut to the day, every offset kept', () => {
    const printed = Buffer.from(
      "%PDF-1.4\n1 0 obj\n<</Title (Anonymised statistics) /Creator (Mozilla/5.0 \\(X11; Linux x86_64\\) HeadlessChrome/156.0.0.0) /Producer (Skia/PDF m156) /CreationDate (D:20261202143721+00'00') /ModDate (D:20261202143721+00'00')>>\nendobj\n",
      'latin1',
    );
    const neutral = neutralPdfMetadata(new Uint8Array(printed));
    expect(neutral.length).toBe(printed.length);
    const info = pdfInfo(neutral);
    expect(info.get('Creator')).toBeUndefined();
    expect(info.get('Producer')).toBeUndefined();
    expect(info.get('CreationDate')).toBe('(D:20261202)');
    expect(info.get('ModDate')).toBe('(D:20261202)');
    expect(info.get('Title')).toBe('(Anonymised statistics)');
    expect(Buffer.from(neutral).toString('latin1')).not.toMatch(/Chrome|Skia|156|1437/);
  });

  it.skipIf(!HAS_CHROMIUM)('PDF from Chromium: page numbers on every page, and no browser version or time of day in its metadata', async () => {
    const pdf = neutralPdfMetadata(await chromiumPdf(exportHtml(report, OPTIONS)));
    const info = pdfInfo(pdf);
    expect(info.has('Title')).toBe(true);
    expect(info.get('Creator')).toBeUndefined();
    expect(info.get('Producer')).toBeUndefined();
    for (const key of ['CreationDate', 'ModDate']) expect(info.get(key) ?? '(D:00000000)').toMatch(/^\(D:\d{8}\)$/);
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).not.toMatch(/HeadlessChrome|Skia\/PDF|Chromium\/|Electron\//);
    if (!HAS_PDFTOTEXT) return;
    const dir = mkdtempSync(join(tmpdir(), 'intake-pdf-test-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), pdf);
      const pages = execFileSync('/usr/bin/pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter((page) => page.trim() !== '');
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} / ${pages.length}`));
      const pdfinfo = execFileSync('/usr/bin/pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' });
      expect(pdfinfo).not.toMatch(/Creator|Producer/);
      // A reader shows the day at midnight: no time of day.
      for (const line of pdfinfo.split('\n').filter((entry) => /^(CreationDate|ModDate):/.test(entry))) expect(line).toMatch(/ 00:00:00 /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
