/**
 * A path inside a sentence of any direction: first-strong isolate (U+2068) to pop (U+2069), so an
 * Arabic sentence does not reorder the slashes of a left-to-right path.
 */
export function isolated(path: string): string {
  return `\u2068${path}\u2069`;
}
