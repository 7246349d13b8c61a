/**
 * Which conflicts may be settled by using the other value. An account's or a desk's other value
 * would skip the rules their own screens keep (the last supervisor, a new password to enable an
 * account): those are changed there, and only reviewed in the conflicts list. So would a
 * referral's (what it shares was agreed with the person, field by field, issue 16). A record's
 * status is append-only: a change of it is a new status on the record, never another value written
 * into an old row. Main enforces it; the screen offers only what main accepts.
 */
const KEEP_ONLY_ENTITIES: ReadonlySet<string> = new Set(['account', 'desk', 'referral', 'referral_event', 'record_status']);

export function mayUseOtherValue(entity: string): boolean {
  return !KEEP_ONLY_ENTITIES.has(entity);
}

/**
 * A referral's conflicts are a protection officer's to review (issue 16): a referral names what is
 * shared of a person and carries their words (tier 2). The one rule for main and the screen.
 */
export function isReferralEntity(entity: string): boolean {
  return entity === 'referral' || entity === 'referral_event';
}
