/**
 * Which conflicts may be settled by using the other value. An account's or a desk's other value
 * would skip the rules their own screens keep (the last supervisor, a new password to enable an
 * account): those are changed there, and only reviewed in the conflicts list. Main enforces it;
 * the screen offers only what main accepts.
 */
const KEEP_ONLY_ENTITIES: ReadonlySet<string> = new Set(['account', 'desk']);

export function mayUseOtherValue(entity: string): boolean {
  return !KEEP_ONLY_ENTITIES.has(entity);
}
