import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert, StatusMessage } from '../components/Messages';
import { useDateFormat } from '../people/format';
import { problemOf, type Problem } from '../problems';
import { request } from '../session';
import { useExchangeStatus } from '../exchange/useExchangeStatus';
import { EnrolDeskForm } from './EnrolDeskForm';

type Desk = MethodOutput<'desks.list'>['desks'][number];

/** Only desk 1 gives desk numbers (main refuses elsewhere), so the form is shown there only. */
const firstDesk = (desks: readonly Desk[]): boolean => desks.some((desk) => desk.thisDesk && desk.number === 1);

/** Site settings → Desks (issue 13): the site's desks, enrolling a new one, retiring a lost one. */
export function DesksPanel() {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  const [desks, setDesks] = useState<MethodOutput<'desks.list'> | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [retiring, setRetiring] = useState<Desk | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { status: exchange } = useExchangeStatus();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After a retirement the dialog gives the focus back to the Retire button, which the reloaded list
  // then removes; the focus goes to the heading instead of being lost to the page.
  const focusHeadingOnReload = useRef(false);

  const reload = useCallback(() => {
    request('desks.list', {}).then(setDesks, (error: unknown) => setProblem(problemOf(error)));
  }, []);
  useEffect(reload, [reload]);
  useEffect(() => {
    if (!focusHeadingOnReload.current) return;
    focusHeadingOnReload.current = false;
    headingRef.current?.focus();
  }, [desks]);

  return (
    <section aria-labelledby="desks-title" className="desks">
      <h2 id="desks-title" ref={headingRef} tabIndex={-1}>{t('desks.title')}</h2>
      <p>{t('desks.intro')}</p>
      <ErrorAlert problem={problem} />
      {desks && (
        <div className="table-scroll">
          <table className="accounts-table desks-table">
            <caption className="visually-hidden">{t('desks.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('desks.number')}</th>
                <th scope="col">{t('desks.enrolled')}</th>
                <th scope="col">{t('desks.state')}</th>
                <th scope="col">{t('desks.lastBundle')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('desks.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {desks.desks.map((desk) => (
                <tr key={desk.id}>
                  <th scope="row">{desk.thisDesk ? t('desks.thisDesk', { number: desk.number }) : t('desks.desk', { number: desk.number })}</th>
                  <td>{moment(desk.enrolledAt)}</td>
                  <td>{desk.retiredAt ? t('desks.retiredOn', { date: moment(desk.retiredAt) }) : t('desks.active')}</td>
                  <td>{desk.thisDesk ? null : <LastBundle at={exchange ? (exchange.desks.find((entry) => entry.number === desk.number)?.lastBundleAt ?? null) : undefined} />}</td>
                  <td>
                    {!desk.thisDesk && !desk.retiredAt && (
                      <button type="button" className="button button-secondary" onClick={() => setRetiring(desk)}>
                        {t('desks.retire', { number: desk.number })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <StatusMessage>{done}</StatusMessage>
      {desks && firstDesk(desks.desks) && (
        <EnrolDeskForm
          canPick={desks.canChooseFile}
          onEnrolled={(number) => {
            setDone(t('desks.enrolledDone', { number }));
            reload();
          }}
        />
      )}
      {desks && !firstDesk(desks.desks) && <p className="muted">{t('desks.enrolAtFirst')}</p>}
      {retiring && (
        <ConfirmDialog
          title={t('desks.retireTitle', { number: retiring.number })}
          confirmLabel={t('desks.retire', { number: retiring.number })}
          danger
          onCancel={() => setRetiring(null)}
          onConfirm={async () => {
            await request('desks.retire', { number: retiring.number });
            setDone(t('desks.retiredDone', { number: retiring.number }));
            setRetiring(null);
            focusHeadingOnReload.current = true;
            reload();
          }}
        >
          <p>{t('desks.retireBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** When this desk last received a bundle from that desk (exchange.status); nothing while it loads. */
function LastBundle({ at }: { at: string | null | undefined }) {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  if (at === undefined) return null;
  return at === null ? <span className="muted">{t('desks.noBundle')}</span> : <>{moment(at)}</>;
}
