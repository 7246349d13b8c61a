/**
 * An XLSX file is a ZIP archive, and ZIP stores a modification time for every file in it: the
 * library writing the workbook stamps each with the second it was written, which would date the
 * export to the second. This sets every entry's time to ZIP's earliest (1980-01-01 00:00), as
 * reproducible builds do, in place: the times sit in the headers, outside the compressed data and
 * its checksum, so nothing else changes.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const EXTENDED_TIMESTAMP = 0x5455;
/** MS-DOS date 1980-01-01 (day 1, month 1, year 0) and time 00:00:00. */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;

function neutralExtraFields(view: DataView, start: number, length: number): void {
  let at = start;
  while (at + 4 <= start + length) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    // The Unix extended timestamp: flags, then up to three 32-bit times.
    if (id === EXTENDED_TIMESTAMP) for (let t = at + 5; t + 4 <= at + 4 + size; t += 4) view.setUint32(t, 0, true);
    at += 4 + size;
  }
}

/** The archive with every entry's modification time set to 1980-01-01 00:00; refuses what is not a ZIP. */
export function neutralZipTimes(zip: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL_HEADER) throw new Error('not a ZIP archive: damaged central directory');
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    neutralExtraFields(view, at + 46 + nameLength, extraLength);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error('not a ZIP archive: damaged local header');
    view.setUint16(local + 10, DOS_TIME, true);
    view.setUint16(local + 12, DOS_DATE, true);
    neutralExtraFields(view, local + 30 + view.getUint16(local + 26, true), view.getUint16(local + 28, true));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return bytes;
}
