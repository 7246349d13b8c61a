import { useTranslation } from 'react-i18next';
import type { FieldKey, Relationship, Section, Tier } from '../../../shared/catalogue';

/** A translation looked up by a key built from catalogue data; the i18n-keys test checks each one exists. */
type Lookup = (key: string, options?: Record<string, unknown>) => string;

/**
 * Labels for what the catalogue declares: fields (`person.fields.<key>.label` and `.help`),
 * sections (`person.sections.<section>`) and choices (`choices.<choiceList>.<value>`).
 */
export function useCatalogueText() {
  const { t } = useTranslation();
  const lookup = t as unknown as Lookup;
  return {
    fieldLabel: (key: FieldKey): string => t(`person.fields.${key}.label`),
    fieldHelp: (key: FieldKey): string => t(`person.fields.${key}.help`),
    sectionLabel: (section: Section): string => t(`person.sections.${section}`),
    tierNote: (tier: Tier): string => t(`person.tierNotes.${tier}`),
    choiceLabel: (list: string, value: string): string => lookup(`choices.${list}.${value}`),
    relationshipLabel: (relationship: Relationship): string => t(`choices.relationship.${relationship}`),
  };
}

export type CatalogueText = ReturnType<typeof useCatalogueText>;
