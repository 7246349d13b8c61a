import { Fragment, useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELDS, type FieldKey } from '../../../../shared/catalogue';
import type { PersonSummary } from '../../../../shared/people';
import { useCatalogueText } from '../../people/catalogue-text';
import { BirthControl, ChoiceControl, TextControl, type ControlProps } from '../controls';
import { collect, emptyDraftOf, type BirthDraft, type FieldDraft } from '../draft';
import { DuplicateWarning } from '../DuplicateWarning';
import { useDuplicateCheck } from '../useDuplicateCheck';
import type { MemberProblems, NewMemberDraft } from './household-draft';
import { MemberRelationshipField } from './MemberRelationshipField';

export type DuplicateGate = () => Promise<boolean>;

interface NewMemberRowProps {
  member: NewMemberDraft;
  /** 1 for the first member after the focal point, as main names a refused member. */
  position: number;
  keys: readonly FieldKey[];
  problems: MemberProblems | undefined;
  /** Just added by the clerk: the name takes the focus. */
  autoFocus: boolean;
  onChange: (member: NewMemberDraft) => void;
  onRemove: () => void;
  onOpenOther: (person: PersonSummary) => void;
  /** This row's duplicate check before saving (true: a likely duplicate stops it); null when the row goes. */
  registerGate: (key: string, gate: DuplicateGate | null) => void;
}

/** One new member of the household: name, relationship, birth and gender for reporting, with its own duplicate check. */
export function NewMemberRow({ member, position, keys, problems, autoFocus, onChange, onRemove, onOpenOther, registerGate }: NewMemberRowProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const baseId = useId();
  const rowRef = useRef<HTMLLIElement>(null);
  const fields = collect(member.draft, keys).fields;
  const duplicates = useDuplicateCheck(fields, member.acknowledged);
  const latest = useRef({ member, keys });
  useEffect(() => {
    latest.current = { member, keys };
  });

  const { stopsRegistration } = duplicates;
  useEffect(() => {
    registerGate(member.key, () => stopsRegistration(collect(latest.current.member.draft, latest.current.keys).fields));
    return () => registerGate(member.key, null);
  }, [member.key, registerGate, stopsRegistration]);

  function change(key: FieldKey, value: FieldDraft): void {
    onChange({ ...member, draft: { ...member.draft, [key]: value } });
  }

  function registerAnyway(): void {
    duplicates.acknowledgeShown();
    onChange({ ...member, acknowledged: duplicates.acknowledged() });
    rowRef.current?.closest('form')?.requestSubmit();
  }

  const title = t('household.member', { number: position });
  const titleId = `${baseId}-title`;
  return (
    <li ref={rowRef} className="household-member" data-household-row={member.key}>
      <h3 id={titleId}>{title}</h3>
      <div className="household-member-fields">
        {keys.map((key) => {
          const id = `${baseId}-${key}`;
          const problem = problems?.fields[key];
          const errorId = `${id}-error`;
          const common = {
            id,
            fieldKey: key,
            disabled: false,
            invalid: problem !== undefined,
            describedBy: problem ? errorId : undefined,
            onChange: (value: FieldDraft) => change(key, value),
          };
          const as = <D,>(): ControlProps<D> => ({ ...common, value: (member.draft[key] ?? emptyDraftOf(key)) as D }) as ControlProps<D>;
          const spec = FIELDS[key];
          const error = problem && (
            <p id={errorId} className="field-error">
              {t(`validation.${problem}`)}
            </p>
          );
          const className = `person-field${problem ? ' has-problem' : ''}`;
          const onBlur = () => duplicates.onFieldBlur(key);
          if (spec.control === 'birth') {
            return (
              <fieldset key={key} className={`${className} household-member-wide`} data-field={key} onBlur={onBlur}>
                <legend>{text.fieldLabel(key)}</legend>
                <BirthControl {...as<BirthDraft>()} />
                {error}
              </fieldset>
            );
          }
          let input: ReactNode;
          if (spec.control === 'choice' && 'choices' in spec && 'choiceList' in spec) {
            input = <ChoiceControl {...as<string>()} choices={spec.choices} choiceList={spec.choiceList} />;
          } else {
            input = <TextControl {...as<string>()} required={key === 'chosenName'} autoFocus={autoFocus && key === 'chosenName'} />;
          }
          const field = (
            <div key={key} className={className} data-field={key} onBlur={onBlur}>
              <label htmlFor={id}>
                {text.fieldLabel(key)}
                {key === 'chosenName' && <span className="required-mark" aria-hidden="true"> {t('person.required')}</span>}
              </label>
              {input}
              {error}
            </div>
          );
          if (key !== 'chosenName') return field;
          // The relationship beside the name, and the name's likely duplicates right under both, across the row.
          return (
            <Fragment key={key}>
              {field}
              <MemberRelationshipField
                id={baseId}
                relationship={member.relationship}
                relationshipText={member.relationshipText}
                problem={problems?.relationship}
                onChange={(relationship) => onChange({ ...member, ...relationship })}
              />
              <div className="household-duplicates">
                <DuplicateWarning
                  people={duplicates.shown?.people ?? []}
                  focus={duplicates.shown?.blocking === true}
                  headingLevel={4}
                  onOpen={onOpenOther}
                  onRegisterAnyway={registerAnyway}
                />
              </div>
            </Fragment>
          );
        })}
      </div>
      <div className="actions">
        <button type="button" className="button button-secondary button-small" onClick={onRemove}>
          {t('household.remove', { number: position })}
        </button>
      </div>
    </li>
  );
}
