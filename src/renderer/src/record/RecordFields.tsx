import { useTranslation } from 'react-i18next';
import { FIELD_KEYS, FIELDS, mayRead, SECTIONS } from '../../../shared/catalogue';
import type { PersonView } from '../../../shared/people';
import type { Role } from '../../../shared/roles';
import { useCatalogueText } from '../people/catalogue-text';
import { FieldValue } from '../people/format';
import { MaskedField } from './MaskedField';

/**
 * The record's fields by section. A field main lists as restricted holds a value this account may
 * not see now. Where the role may read its tier, it is masked by the restricted screen and can be
 * revealed for a reason; otherwise it says so and nothing more. Fields with nothing recorded are
 * left out.
 */
export function RecordFields({ person, role }: { person: PersonView; role: Role }) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const restricted = new Set(person.restricted);
  const sections = SECTIONS.map((section) => ({
    section,
    keys: FIELD_KEYS.filter(
      (key) => FIELDS[key].section === section && key !== 'chosenName' && (person.fields[key] !== undefined || restricted.has(key)),
    ),
  })).filter(({ keys }) => keys.length > 0);

  if (sections.length === 0) return <p className="muted panel">{t('record.nothingElse')}</p>;
  return (
    <div className="record-sections">
      {sections.map(({ section, keys }) => (
        <section key={section} className="record-section" aria-labelledby={`record-section-${section}`}>
          <h2 id={`record-section-${section}`}>{text.sectionLabel(section)}</h2>
          <dl className="record-fields">
            {keys.map((key) => (
              <div key={key} className="record-field" data-field={key}>
                <dt>{text.fieldLabel(key)}</dt>
                <dd>
                  {restricted.has(key) ? (
                    mayRead(role, FIELDS[key].tier) ? (
                      <MaskedField personId={person.id} fieldKey={key} />
                    ) : (
                      <span className="restricted">{t('record.restricted')}</span>
                    )
                  ) : (
                    <FieldValue fieldKey={key} value={person.fields[key]} />
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
