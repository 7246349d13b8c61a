import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATIONSHIPS, type Relationship } from '../../../shared/catalogue';
import type { KnownFamilyMember, PersonSummary } from '../../../shared/people';
import { useCatalogueText } from '../people/catalogue-text';
import { isolate } from '../people/format';

interface RelationshipEditorProps {
  /** A prefix for element ids, unique on the page. */
  id: string;
  member: KnownFamilyMember;
  /** The unit's focal point when it is someone else: making this member focal point changes theirs. */
  otherFocal: PersonSummary | undefined;
  onSave: (relationship: Relationship, relationshipText?: string) => Promise<void>;
  onCancel: () => void;
}

/** Changes one member's relationship to the focal point, in place in the family table. */
export function RelationshipEditor({ id, member, otherFocal, onSave, onCancel }: RelationshipEditorProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const [relationship, setRelationship] = useState<Relationship>(member.relationship);
  const [description, setDescription] = useState(member.relationshipText ?? '');
  const [descriptionMissing, setDescriptionMissing] = useState(false);
  const [saving, setSaving] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const descriptionRef = useRef<HTMLInputElement>(null);
  const wasFocalPoint = member.relationship === 'focal-point';

  useEffect(() => {
    selectRef.current?.focus();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (saving) return;
    const described = description.trim();
    if (relationship === 'other' && described === '') {
      setDescriptionMissing(true);
      descriptionRef.current?.focus();
      return;
    }
    setSaving(true);
    void onSave(relationship, relationship === 'other' ? described : undefined).finally(() => setSaving(false));
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  }

  const errorId = `${id}-text-error`;
  return (
    <form
      className="relationship-editor"
      aria-label={t('family.changeRelationshipTitle', { name: isolate(member.person.chosenName) })}
      noValidate
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
    >
      <label htmlFor={`${id}-relationship`} className="visually-hidden">
        {t('family.relationship')}
      </label>
      <select
        id={`${id}-relationship`}
        ref={selectRef}
        value={relationship}
        aria-describedby={`${id}-relationship-hint`}
        onChange={(event) => {
          setRelationship(event.target.value as Relationship);
          setDescriptionMissing(false);
        }}
      >
        {RELATIONSHIPS.map((item) => (
          <option key={item} value={item}>
            {text.relationshipLabel(item)}
          </option>
        ))}
      </select>
      <p id={`${id}-relationship-hint`} className="hint" aria-live="polite">
        {relationship === 'focal-point' && otherFocal && t('family.focalPointMoves', { name: isolate(otherFocal.chosenName) })}
        {wasFocalPoint && relationship !== 'focal-point' && t('family.noFocalPoint')}
      </p>
      {relationship === 'other' && (
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('family.relationshipText')}</label>
          <input
            id={`${id}-text`}
            ref={descriptionRef}
            type="text"
            dir="auto"
            autoComplete="off"
            required
            maxLength={200}
            aria-invalid={descriptionMissing || undefined}
            aria-describedby={descriptionMissing ? errorId : undefined}
            value={description}
            onChange={(event) => {
              setDescription(event.target.value);
              if (event.target.value.trim() !== '') setDescriptionMissing(false);
            }}
          />
          {descriptionMissing && (
            <p id={errorId} className="field-error">
              {t('family.relationshipTextMissing')}
            </p>
          )}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary button-small" aria-disabled={saving || undefined}>
          {t('family.saveRelationship')}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
