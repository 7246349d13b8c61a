import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AgeText, PersonName, RegistrationNumber } from '../../people/format';
import type { ExistingMemberDraft, MemberProblems } from './household-draft';
import { MemberRelationshipField } from './MemberRelationshipField';

interface ExistingMemberRowProps {
  member: ExistingMemberDraft;
  position: number;
  problems: MemberProblems | undefined;
  onChange: (member: ExistingMemberDraft) => void;
  onRemove: () => void;
}

/** A person already registered, found by search, joining the household: only their relationship is asked. */
export function ExistingMemberRow({ member, position, problems, onChange, onRemove }: ExistingMemberRowProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const titleId = `${baseId}-title`;
  const { person } = member;
  return (
    <li className="household-member" data-household-row={member.key}>
      <h3 id={titleId}>{t('household.member', { number: position })}</h3>
      <p className="household-existing">
        <PersonName name={person.chosenName} /> · <AgeText age={person.age} /> · {t('household.existing')}{' '}
        <RegistrationNumber value={person.registrationNumber} />
      </p>
      <div className="household-member-fields">
        <MemberRelationshipField
          id={baseId}
          relationship={member.relationship}
          relationshipText={member.relationshipText}
          problem={problems?.relationship}
          onChange={(relationship) => onChange({ ...member, ...relationship })}
        />
      </div>
      <div className="actions">
        <button type="button" className="button button-secondary button-small" onClick={onRemove}>
          {t('household.remove', { number: position })}
        </button>
      </div>
    </li>
  );
}
