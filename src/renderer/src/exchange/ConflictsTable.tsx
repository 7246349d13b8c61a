import { useCallback, useEffect, useRef, useState } from 'react';
import { mayUseOtherValue, reviewsConflictOf } from '../../../shared/exchange-conflicts';
import { useTranslation } from 'react-i18next';
import { FIELD_KEYS, FIELDS, RELATIONSHIPS, mayWrite, type FieldKey, type Relationship } from '../../../shared/catalogue';
import type { MethodOutput } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { useCatalogueText } from '../people/catalogue-text';
import { FieldValue, RegistrationNumber, useDateFormat } from '../people/format';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { useNavigate } from '../shell/navigation';

type Conflict = MethodOutput<'exchange.conflicts'>[number];

/** A person's field named by its catalogue key; anything else (settings, accounts, desks) is site data. */
function personFieldOf(conflict: Conflict): FieldKey | undefined {
  return conflict.entity === 'person' && (FIELD_KEYS as readonly string[]).includes(conflict.field) ? (conflict.field as FieldKey) : undefined;
}

function isRelationship(value: unknown): value is Relationship {
  return (RELATIONSHIPS as readonly unknown[]).includes(value);
}

/** As main decides: a person's field by an account that may change it and see both values; anything else by its reviewers (shared/exchange-conflicts.ts). */
function maySettle(conflict: Conflict, role: Role): boolean {
  if (conflict.hidden) return false;
  const key = personFieldOf(conflict);
  if (conflict.entity === 'person') return key !== undefined && mayWrite(role, FIELDS[key].tier, 'update');
  // A record's status is tier 0, changed by the desk roles.
  if (conflict.entity === 'record_status') return mayWrite(role, 0, 'update');
  return reviewsConflictOf(conflict.entity, role);
}

interface ConflictsTableProps {
  role: Role;
  /** After a conflict is settled (the counts of exchange.status change). */
  onSettled: () => void;
}

/** The open conflicts this account is told of, each settled by keeping the value the rule kept or using the other. */
export function ConflictsTable({ role, onSettled }: ConflictsTableProps) {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  const text = useCatalogueText();
  const navigate = useNavigate();
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  const [settled, setSettled] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The row of the settled conflict goes with the reload: the focus goes to the heading, not to the page.
  const focusHeadingOnReload = useRef(false);

  const reload = useCallback(() => {
    request('exchange.conflicts', { open: true }).then(setConflicts, (error: unknown) => setProblem(problemOf(error)));
  }, []);
  useEffect(reload, [reload]);
  useEffect(() => {
    if (!focusHeadingOnReload.current) return;
    focusHeadingOnReload.current = false;
    headingRef.current?.focus();
  }, [conflicts]);

  async function settle(conflict: Conflict, choose: 'kept' | 'other'): Promise<void> {
    if (pending !== null) return;
    setPending(conflict.id);
    setProblem(null);
    setSettled(false);
    try {
      await request('exchange.resolveConflict', { id: conflict.id, choose });
      setSettled(true);
      focusHeadingOnReload.current = true;
      reload();
      onSettled();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setPending(null);
    }
  }

  const fieldLabel = (conflict: Conflict): string => {
    const key = personFieldOf(conflict);
    if (conflict.entity === 'record_status') return t('recordStatus.heading');
    if (conflict.entity === 'family_membership') return t('exchange.conflicts.familyPlace');
    return key ? text.fieldLabel(key) : t('exchange.conflicts.otherField', { entity: conflict.entity, field: conflict.field });
  };

  const value = (conflict: Conflict, which: unknown) => {
    if (which === undefined || which === null) return <span className="muted">{t('history.nothing')}</span>;
    const key = personFieldOf(conflict);
    if (key) return <FieldValue fieldKey={key} value={which} />;
    // A family membership's relationship in words, and when it began or ended as a date and time.
    if (conflict.entity === 'family_membership' && conflict.field === 'relationship' && isRelationship(which)) return text.relationshipLabel(which);
    if (conflict.entity === 'family_membership' && (conflict.field === 'left_at' || conflict.field === 'joined_at') && typeof which === 'string') return moment(which);
    return <bdi dir="auto">{typeof which === 'object' ? JSON.stringify(which) : String(which)}</bdi>;
  };

  return (
    <section aria-labelledby="exchange-conflicts-title" className="exchange-conflicts">
      <h2 id="exchange-conflicts-title" ref={headingRef} tabIndex={-1}>
        {t('exchange.conflicts.title')}
      </h2>
      <p>{t('exchange.conflicts.intro')}</p>
      <ErrorAlert problem={problem} />
      <StatusMessage>{settled ? t('exchange.conflicts.settled') : null}</StatusMessage>
      {conflicts && conflicts.length === 0 && <p className="muted">{t('exchange.conflicts.empty')}</p>}
      {conflicts && conflicts.length > 0 && (
        <div className="table-scroll">
          <table className="accounts-table exchange-conflicts-table">
            <caption className="visually-hidden">{t('exchange.conflicts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.columns.number')}</th>
                <th scope="col">{t('exchange.conflicts.field')}</th>
                <th scope="col">{t('exchange.conflicts.kept')}</th>
                <th scope="col">{t('exchange.conflicts.other')}</th>
                <th scope="col">{t('exchange.conflicts.foundAt')}</th>
                <th scope="col">{t('exchange.conflicts.desks')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('exchange.conflicts.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {conflicts.map((conflict) => {
                const rowId = `exchange-conflict-${conflict.id}`;
                return (
                  <tr key={conflict.id}>
                    <td id={`${rowId}-number`}>
                      {conflict.registrationNumber && conflict.personId !== undefined ? (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={t('exchange.conflicts.openRecord', { number: conflict.registrationNumber })}
                          onClick={() => conflict.personId !== undefined && navigate({ name: 'person', id: conflict.personId })}
                        >
                          <RegistrationNumber value={conflict.registrationNumber} />
                        </button>
                      ) : conflict.entity === 'person' ? (
                        <span className="muted">—</span>
                      ) : (
                        t('exchange.conflicts.siteData')
                      )}
                    </td>
                    <th scope="row" id={rowId}>
                      {fieldLabel(conflict)}
                      {conflict.awaitsDecision && <span className="conflict-awaits-decision">{t('exchange.conflicts.awaitsDecision')}</span>}
                    </th>
                    {conflict.hidden ? (
                      <td colSpan={2} className="muted">
                        {t('history.restricted')}
                      </td>
                    ) : (
                      <>
                        <td>{value(conflict, conflict.keptValue)}</td>
                        <td>{value(conflict, conflict.otherValue)}</td>
                      </>
                    )}
                    <td>{moment(conflict.foundAt)}</td>
                    <td>{t('exchange.conflicts.deskPair', { kept: conflict.keptDesk, other: conflict.otherDesk })}</td>
                    <td>
                      {conflict.hidden ? null : maySettle(conflict, role) ? (
                        <div className="actions">
                          <button
                            type="button"
                            className="button button-secondary"
                            aria-describedby={`${rowId}-number ${rowId}`}
                            aria-disabled={pending !== null}
                            onClick={() => void settle(conflict, 'kept')}
                          >
                            {t('exchange.conflicts.keep')}
                          </button>
                          {mayUseOtherValue(conflict.entity, conflict.field) ? (
                            <button
                              type="button"
                              className="button button-secondary"
                              aria-describedby={`${rowId}-number ${rowId}`}
                              aria-disabled={pending !== null}
                              onClick={() => void settle(conflict, 'other')}
                            >
                              {t('exchange.conflicts.useOther')}
                            </button>
                          ) : null}
                        </div>
                      ) : (
                        <span className="muted">{t('exchange.conflicts.mayNotChange')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
