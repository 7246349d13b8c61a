/**
 * Placing virtualised rows without inline styles (the CSP allows none): sizes and offsets go in
 * data attributes, read by CSS attr(). attr() keeps about six significant digits, so rows are
 * placed in chunks: a chunk's offset is a multiple of 1000 × the (whole-pixel) row height, exact up
 * to a billion pixels, and a row's offset inside its chunk stays small.
 */
export const CHUNK_ROWS = 1000;

/** The smallest length at or above `px` that attr() keeps exactly (six significant digits). */
export function representable(px: number): number {
  const step = 10 ** Math.max(0, Math.ceil(Math.log10(px + 1)) - 6);
  return Math.ceil(px / step) * step;
}

export function chunksOf<R extends { index: number }>(rows: readonly R[]): [number, R[]][] {
  const chunks = new Map<number, R[]>();
  for (const row of rows) {
    const chunk = Math.floor(row.index / CHUNK_ROWS);
    chunks.set(chunk, [...(chunks.get(chunk) ?? []), row]);
  }
  return [...chunks];
}

/** A row height in whole pixels, from rems, so that offsets are exact without measuring each row. */
export function rowPixels(rem: number): number {
  return Math.round(rem * parseFloat(getComputedStyle(document.documentElement).fontSize || '16'));
}
