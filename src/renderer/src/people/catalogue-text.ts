import { useTranslation } from 'react-i18next';
import { siteNeedLabel, type FieldKey, type Relationship, type Section, type Tier } from '../../../shared/catalogue';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { useSpecificNeeds } from './specific-needs';

/** A translation looked up by a key built from catalogue data; the i18n-keys test checks each one exists. */
type Lookup = (key: string, options?: Record<string, unknown>) => string;

/**
 * Labels for what the catalogue declares: fields (`person.fields.<key>.label` and `.help`),
 * sections (`person.sections.<section>`) and choices (`choices.<choiceList>.<value>`). A site's own
 * specific needs are named in the site's words, from its catalogue.
 */
export function useCatalogueText() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { entries: needs } = useSpecificNeeds();
  const lookup = t as unknown as Lookup;
  const choiceLabel = (list: string, value: string): string => {
    if (list === 'specificNeeds') {
      const need = needs.find((entry) => entry.code === value);
      if (need?.labels) return siteNeedLabel(need.labels, language);
      // A site category from a catalogue not loaded (yet): its code, never a missing-key string.
      if (!need && value.startsWith('site-')) return value;
    }
    return lookup(`choices.${list}.${value}`);
  };
  return {
    fieldLabel: (key: FieldKey): string => t(`person.fields.${key}.label`),
    fieldHelp: (key: FieldKey): string => t(`person.fields.${key}.help`),
    sectionLabel: (section: Section): string => t(`person.sections.${section}`),
    tierNote: (tier: Tier): string => t(`person.tierNotes.${tier}`),
    choiceLabel,
    relationshipLabel: (relationship: Relationship): string => t(`choices.relationship.${relationship}`),
  };
}

