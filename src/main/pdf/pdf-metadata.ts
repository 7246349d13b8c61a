/**
 * What a PDF says about how and when it was made. Chromium (headless, or Electron's printToPDF)
 * writes the browser's user agent as /Creator ("HeadlessChrome/156…", "Electron/…"), its PDF
 * library's version as /Producer ("Skia/PDF m156") and the second it printed as /CreationDate and
 * /ModDate. An exported report should not date itself to the minute nor name the software
 * versions of the laptop it came from, so the entries are rewritten in place: Creator and
 * Producer removed, dates cut to the day. Every change keeps the file's length and every byte
 * offset (the cross-reference table points into the file by offset), replacing removed text with
 * spaces, which PDF's syntax ignores between tokens.
 */

const REMOVED_KEYS = ['Creator', 'Producer'] as const;
const DATE_KEYS = ['CreationDate', 'ModDate'] as const;

/** The end (exclusive) of the PDF string starting at `start`: a literal (…) with escapes and nesting, or a hex <…>. */
function stringEnd(text: string, start: number): number | undefined {
  const first = text[start];
  if (first === '<') {
    const end = text.indexOf('>', start);
    return end === -1 ? undefined : end + 1;
  }
  if (first !== '(') return undefined;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const character = text[i];
    if (character === '\\') i++;
    else if (character === '(') depth++;
    else if (character === ')' && --depth === 0) return i + 1;
  }
  return undefined;
}

/** Each `/Key <string>` entry in the file: where the key starts, where its value starts and ends. */
function entries(text: string, key: string): { keyStart: number; valueStart: number; valueEnd: number }[] {
  const found: { keyStart: number; valueStart: number; valueEnd: number }[] = [];
  const pattern = new RegExp(`/${key}(?![A-Za-z0-9])[\\0\\t\\n\\f\\r ]*`, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const valueStart = match.index + match[0].length;
    const valueEnd = stringEnd(text, valueStart);
    if (valueEnd !== undefined) found.push({ keyStart: match.index, valueStart, valueEnd });
  }
  return found;
}

/** A PDF date "(D:YYYYMMDDHHmmSS…)" as the same-length "(D:YYYYMMDD)" and spaces. */
function dayOnly(value: string): string | undefined {
  const day = /^\(D:(\d{8})/.exec(value)?.[1];
  if (!day) return undefined;
  const kept = `(D:${day})`;
  return kept.length <= value.length ? kept.padEnd(value.length, ' ') : undefined;
}

/** The PDF with no Creator or Producer and its dates cut to the day; the same length, offsets unchanged. */
export function neutralPdfMetadata(pdf: Uint8Array): Uint8Array {
  // latin1 maps each byte to one character and back, so positions in the text are byte offsets.
  const text = Buffer.from(pdf).toString('latin1');
  const out = Buffer.from(pdf);
  for (const key of REMOVED_KEYS) {
    for (const entry of entries(text, key)) out.fill(0x20, entry.keyStart, entry.valueEnd);
  }
  for (const key of DATE_KEYS) {
    for (const entry of entries(text, key)) {
      const value = text.slice(entry.valueStart, entry.valueEnd);
      const replaced = dayOnly(value);
      if (replaced) out.write(replaced, entry.valueStart, 'latin1');
      // A date in another form (hex, say) is removed rather than kept to the second.
      else out.fill(0x20, entry.keyStart, entry.valueEnd);
    }
  }
  return new Uint8Array(out);
}
