import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../people/format';
import type { ExchangeStatus } from './useExchangeStatus';

/** When this desk last received a bundle from each other desk of the site, and how many of its changes it applied. */
export function DeskBundles({ desks }: { desks: ExchangeStatus['desks'] }) {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  return (
    <section aria-labelledby="exchange-desks-title" className="exchange-desks">
      <h2 id="exchange-desks-title">{t('exchange.desks.title')}</h2>
      <div className="table-scroll">
        <table className="accounts-table">
          <caption className="visually-hidden">{t('exchange.desks.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('desks.number')}</th>
              <th scope="col">{t('exchange.desks.lastBundle')}</th>
              <th scope="col">{t('exchange.desks.applied')}</th>
            </tr>
          </thead>
          <tbody>
            {desks.filter((desk) => !desk.thisDesk).map((desk) => (
              <tr key={desk.number}>
                <th scope="row">{t('desks.desk', { number: desk.number })}</th>
                <td>{desk.lastBundleAt ? moment(desk.lastBundleAt) : <span className="muted">{t('exchange.desks.none')}</span>}</td>
                <td>{desk.appliedSeq}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
