import { BrowserWindow, session } from 'electron';
import type { PdfRenderer } from '../pdf/pdf-renderer';

/**
 * Electron's printToPDF for the statistics report and the registration slip, in a hidden window of its own session with
 * JavaScript off: the page is self-contained HTML (tables and inline SVG), nothing to run or fetch.
 */
export const electronPdf: PdfRenderer = async (html) => {
  const pdfSession = session.fromPartition('intake-pdf');
  pdfSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  pdfSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { session: pdfSession, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    // The page's own @page size (A4 for the report, A5 for the registration slip), A4 where it sets none.
    const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
  }
};
