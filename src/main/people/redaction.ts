import { FIELD_KEYS, FIELDS, readableTiers, TIER_RIGHTS, type FieldKey, type PersonFields, type Tier } from '../../shared/catalogue';
import type { FamilyUnit, StoredFamilyUnit } from '../../shared/people';
import type { Role } from '../../shared/roles';

/** The view mode narrows what a role may read: a restricted screen shows tier 0 only. */
export type ViewMode = 'normal' | 'restricted';

export { readableTiers };

export interface RedactedFields {
  fields: PersonFields;
  /**
   * Fields that hold a value the reader may not see: shown as "recorded, restricted". Only for
   * tiers the role works with (reads, or records at registration); a supervisor is not told which
   * sensitive fields hold something.
   */
  restricted: FieldKey[];
}

/** Drops every value above the reader's rights. Runs in main; hidden values never reach the renderer. */
export function redactFields(fields: PersonFields, role: Role, mode: ViewMode): RedactedFields {
  const tiers = readableTiers(role, mode);
  const rights = TIER_RIGHTS[role];
  const marked = new Set<Tier>([...rights.read, ...rights.writeOnRegister]);
  const visible: Record<string, unknown> = {};
  const restricted: FieldKey[] = [];
  for (const key of FIELD_KEYS) {
    const value = fields[key];
    if (value === undefined) continue;
    if (tiers.includes(FIELDS[key].tier)) visible[key] = value;
    else if (marked.has(FIELDS[key].tier)) restricted.push(key);
  }
  return { fields: visible as PersonFields, restricted };
}

/**
 * Relationships are personal (tier 1): "partner" between two people of the same gender says
 * something of sexual orientation, and one described in words may say more. Where the reader may
 * not read tier 1 (a supervisor, or anyone on the restricted screen) only the focal point is named.
 */
export function redactUnit(unit: StoredFamilyUnit, role: Role, mode: ViewMode): FamilyUnit {
  if (readableTiers(role, mode).includes(1)) return unit;
  return {
    ...unit,
    members: unit.members.map(({ person, relationship }) =>
      relationship === 'focal-point' ? { person, relationship } : { person, relationshipHidden: true as const },
    ),
  };
}
