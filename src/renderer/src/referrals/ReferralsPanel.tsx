import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonView } from '../../../shared/people';
import type { ReferralView } from '../../../shared/referral-schemas';
import type { Role } from '../../../shared/roles';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { ReferForm } from './ReferForm';
import { ReferralItem } from './ReferralItem';

/**
 * The record's referrals, with their status and slips, and the Refer form. Shown only where main
 * says this account may refer (protection officers; clerks where the site allows it).
 */
export function ReferralsPanel({
  person,
  role,
  version,
  onRecordChanged,
}: {
  person: PersonView;
  role: Role;
  version: number;
  /** A referral may give the person's "referral" consent: the record's consents are read again. */
  onRecordChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [listed, setListed] = useState<{ mayRefer: boolean; referrals: ReferralView[] } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [referring, setReferring] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  /** Bumped after a referral is made or changed, so the list is asked for again. */
  const [reloads, setReloads] = useState(0);
  const load = (): void => setReloads((count) => count + 1);

  // Again after a change of the record (a consent withdrawn marks its referrals).
  useEffect(() => {
    let live = true;
    request('referrals.list', { personId: person.id }).then(
      (answer) => {
        if (!live) return;
        setListed(answer);
        setProblem(null);
      },
      (error: unknown) => live && setProblem(problemOf(error)),
    );
    return () => {
      live = false;
    };
  }, [person.id, version, reloads]);

  if (!listed?.mayRefer) return problem ? <ErrorAlert problem={problem} /> : null;

  return (
    <section className="panel referrals-panel" aria-labelledby="referrals-title">
      <div className="panel-title-row">
        <h2 id="referrals-title">{t('referrals.title')}</h2>
        {!referring && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDone(null);
              setReferring(true);
            }}
          >
            {t('referrals.refer')}
          </button>
        )}
      </div>
      {referring && (
        <ReferForm
          person={person}
          role={role}
          onCancel={() => setReferring(false)}
          onMade={(referral) => {
            setReferring(false);
            setDone(t('referrals.created', { number: referral.number }));
            // The record read again (its consents) bumps the version, and the list follows.
            void onRecordChanged().catch(() => load());
          }}
        />
      )}
      <ErrorAlert problem={problem} />
      {listed.referrals.length === 0 ? (
        <p className="muted">{t('referrals.none')}</p>
      ) : (
        <ul className="referral-list">
          {listed.referrals.map((referral) => (
            <ReferralItem key={referral.id} referral={referral} onChanged={load} />
          ))}
        </ul>
      )}
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}
