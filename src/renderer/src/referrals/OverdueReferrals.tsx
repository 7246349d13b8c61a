import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { providerName, type OverdueReferral } from '../../../shared/referral-schemas';
import { CallFailed } from '../bridge';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { ErrorAlert } from '../components/Messages';
import { RegistrationNumber, useDateFormat } from '../people/format';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { useNavigate } from '../shell/navigation';

type Lookup = (key: string) => string;

/**
 * Open referrals past their follow-up date, the longest overdue first: numbers, provider and
 * dates, nothing else of the person. Not shown to a clerk where the site does not let clerks refer.
 */
export function OverdueReferrals() {
  const { t } = useTranslation();
  const lookup = t as unknown as Lookup;
  const id = useId();
  const navigate = useNavigate();
  const dates = useDateFormat();
  const language = useCurrentLanguage();
  const [rows, setRows] = useState<OverdueReferral[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [allowed, setAllowed] = useState(true);

  useEffect(() => {
    let live = true;
    request('referrals.overdue', {}).then(
      (found) => live && setRows(found),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof CallFailed && error.error.code === 'referral_clerks_not_allowed') setAllowed(false);
        else setProblem(problemOf(error));
      },
    );
    return () => {
      live = false;
    };
  }, []);

  if (!allowed) return null;
  return (
    <section className="panel overdue-referrals" aria-labelledby={`${id}-title`} aria-busy={rows === null && !problem}>
      <h2 id={`${id}-title`}>{t('referrals.overdueTitle')}</h2>
      <ErrorAlert problem={problem} />
      {rows?.length === 0 && <p className="muted">{t('referrals.overdueNone')}</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('referrals.number')}</th>
              <th scope="col">{t('referrals.registrationNumber')}</th>
              <th scope="col">{t('referrals.provider')}</th>
              <th scope="col">{t('referrals.statusLabel')}</th>
              <th scope="col">{t('referrals.followUp')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <bdi className="registration-number">{row.number}</bdi>
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => navigate({ name: 'person', id: row.personId })}>
                    <span className="visually-hidden">{t('referrals.openRecord', { number: row.registrationNumber })}</span>
                    <span aria-hidden="true">
                      <RegistrationNumber value={row.registrationNumber} />
                    </span>
                  </button>
                </td>
                <td>
                  <bdi>{providerName(row.providerNames, language)}</bdi>
                </td>
                <td>{lookup(`referrals.status.${row.status}`)}</td>
                <td>{dates.day(row.followUpOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
