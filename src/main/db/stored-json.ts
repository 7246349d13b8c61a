/**
 * Checks on values as the database stores them (JSON as text), for rows another desk sends: one
 * reading for the directory's rows and the referrals' rows.
 */

/** A stored JSON value, parsed; undefined when it is not text or not JSON. */
export function parsedStored(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** A stored JSON array of strings each passing `known`, none twice; `atLeastOne` when it may not be empty. */
export function isStoredCodeList(value: unknown, known: (code: string) => boolean, atLeastOne = false): boolean {
  const list = parsedStored(value);
  if (!Array.isArray(list) || (atLeastOne && list.length === 0)) return false;
  return list.every((code) => typeof code === 'string' && known(code)) && new Set(list).size === list.length;
}
