import { useTranslation } from 'react-i18next';
import { MEMBER_RELATIONSHIPS, type MemberRelationship } from '../../../../shared/people';
import { useCatalogueText } from '../../people/catalogue-text';
import type { MemberProblems } from './household-draft';

interface MemberRelationshipFieldProps {
  /** A prefix for element ids, unique on the page. */
  id: string;
  relationship: MemberRelationship | '';
  relationshipText: string;
  problem: MemberProblems['relationship'];
  onChange: (change: { relationship?: MemberRelationship | ''; relationshipText?: string }) => void;
}

/**
 * A member's relationship to the focal point: the relationship codes, and the person's own words
 * for "other" (as the record's relationship editor asks them). Required.
 */
export function MemberRelationshipField({ id, relationship, relationshipText, problem, onChange }: MemberRelationshipFieldProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const errorId = `${id}-relationship-error`;
  return (
    <>
      <div className={`person-field${problem === 'missing' ? ' has-problem' : ''}`}>
        <label htmlFor={`${id}-relationship`}>
          {t('household.relationship')}
          <span className="required-mark" aria-hidden="true"> {t('person.required')}</span>
        </label>
        <select
          id={`${id}-relationship`}
          aria-required
          aria-invalid={problem === 'missing' || undefined}
          aria-describedby={problem === 'missing' ? errorId : undefined}
          value={relationship}
          onChange={(event) => onChange({ relationship: event.target.value as MemberRelationship | '' })}
        >
          <option value="">{t('person.choose')}</option>
          {MEMBER_RELATIONSHIPS.map((item) => (
            <option key={item} value={item}>
              {text.relationshipLabel(item)}
            </option>
          ))}
        </select>
        {problem === 'missing' && (
          <p id={errorId} className="field-error">
            {t('validation.relationship')}
          </p>
        )}
      </div>
      {relationship === 'other' && (
        <div className={`person-field household-member-wide${problem === 'textMissing' ? ' has-problem' : ''}`}>
          <label htmlFor={`${id}-relationship-text`}>{t('family.relationshipText')}</label>
          <input
            id={`${id}-relationship-text`}
            type="text"
            dir="auto"
            autoComplete="off"
            aria-required
            maxLength={200}
            aria-invalid={problem === 'textMissing' || undefined}
            aria-describedby={problem === 'textMissing' ? `${id}-relationship-text-error` : undefined}
            value={relationshipText}
            onChange={(event) => onChange({ relationshipText: event.target.value })}
          />
          {problem === 'textMissing' && (
            <p id={`${id}-relationship-text-error`} className="field-error">
              {t('family.relationshipTextMissing')}
            </p>
          )}
        </div>
      )}
    </>
  );
}
