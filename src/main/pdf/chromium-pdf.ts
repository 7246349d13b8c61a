import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { PdfRenderer } from './pdf-renderer';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

function chromiumPath(): string | undefined {
  const fromEnv = process.env.INTAKE_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/**
 * Outside Electron (the web host and the CLI), headless Chromium prints the report, so Arabic is
 * shaped as in the app. The page holds only published statistics, never a person's data; it is
 * written to a private temporary folder that is removed at once.
 */
export const chromiumPdf: PdfRenderer = async (html) => {
  const binary = chromiumPath();
  if (!binary) throw new AppError('pdf_unavailable');
  const dir = await mkdtemp(join(tmpdir(), 'intake-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    await writeFile(page, html, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      execFile(
        binary,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          `--user-data-dir=${join(dir, 'profile')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${pdf}`,
          `file://${page}`,
        ],
        { timeout: 60_000 },
        (error) => (error ? reject(new AppError('pdf_unavailable')) : resolve()),
      );
    });
    return new Uint8Array(await readFile(pdf));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
