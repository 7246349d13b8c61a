/** Downloads in end-to-end tests: the file a button saves, and what a PDF says without a PDF library. */
import { readFile } from 'node:fs/promises';
import { constants, inflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';

/** Clicks a button that saves a file (an export, a slip) and returns the downloaded file. */
export async function download(page: Page, name: string): Promise<{ fileName: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  const path = await file.path();
  return { fileName: file.suggestedFilename(), bytes: await readFile(path) };
}

const utf16 = (hex: string): string => {
  let text = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return text;
};

/**
 * What a PDF says about its text without a PDF library: the embedded fonts' names, and every
 * character its ToUnicode maps (which Chromium writes for each font subset, so text can be copied
 * and searched) map glyphs to.
 */
export function pdfText(pdf: Buffer): { fontNames: string[]; characters: Set<string> } {
  const raw = pdf.toString('latin1');
  const fontNames = [...raw.matchAll(/\/FontName\s*\/([^\s/<>[\]()]+)/g)].map((match) => match[1] ?? '');
  const characters = new Set<string>();
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) continue;
    let inflated: string;
    try {
      inflated = inflateSync(pdf.subarray(start, end), { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1');
    } catch {
      continue; // not a Flate stream: images, fonts stored otherwise
    }
    for (const [, body = ''] of inflated.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, , to = ''] of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) for (const character of utf16(to)) characters.add(character);
    }
    // Shaped Arabic: Chromium maps each cluster back to its letters with an ActualText span (a
    // letter drawn as a dotless base and its dots has no one glyph to map in ToUnicode).
    for (const [, hex = ''] of inflated.matchAll(/\/ActualText\s*<FEFF([0-9A-Fa-f]*)>/g)) for (const character of utf16(hex)) characters.add(character);
    for (const [, body = ''] of inflated.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, low = '0', high = '0', first = '0'] of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        for (let i = 0; i <= parseInt(high, 16) - parseInt(low, 16); i++) characters.add(String.fromCharCode(parseInt(first, 16) + i));
      }
    }
  }
  return { fontNames, characters };
}

/** The PDF's streams, inflated; a stream that is not Flate (an image, say) is left out. */
function inflatedStreams(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      streams.push(inflateSync(pdf.subarray(start, end), { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1'));
    } catch {
      // not a Flate stream
    }
  }
  return streams;
}

/** One ToUnicode CMap: glyph code (hex, upper case) to its text. */
function toUnicodeMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [, body = ''] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from = '', to = ''] of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(from.toUpperCase(), utf16(to));
  }
  for (const [, body = ''] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low = '0', high = '0', first = '0'] of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      for (let i = 0; i <= parseInt(high, 16) - parseInt(low, 16); i++) {
        map.set((parseInt(low, 16) + i).toString(16).toUpperCase().padStart(low.length, '0'), String.fromCharCode(parseInt(first, 16) + i));
      }
    }
  }
  return map;
}

/**
 * The runs of text a PDF draws, as strings: Chromium draws each text block (BT … ET) in one font
 * subset, glyph by glyph. Without reading which font each block names, a block is decoded with
 * every subset's ToUnicode that maps all its glyphs; the right reading is one of them, so a test
 * looks for what it expects among the readings (a text of several characters does not come out of
 * a wrong subset by chance).
 */
export function pdfTextRuns(pdf: Buffer): string[] {
  const streams = inflatedStreams(pdf);
  const maps = streams.filter((stream) => stream.includes('begincmap')).map(toUnicodeMap);
  const runs: string[] = [];
  for (const stream of streams) {
    if (stream.includes('begincmap')) continue;
    for (const [, block = ''] of stream.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      const codes = [...block.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)].map(([, code = '']) => code.toUpperCase());
      if (codes.length === 0) continue;
      for (const map of maps) {
        if (codes.every((code) => map.has(code))) runs.push(codes.map((code) => map.get(code)).join(''));
      }
    }
  }
  return runs;
}
