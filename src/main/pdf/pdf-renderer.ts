/** Turns a self-contained HTML page (no scripts, no remote resources) into PDF bytes with Chromium. */
export type PdfRenderer = (html: string) => Promise<Uint8Array>;
