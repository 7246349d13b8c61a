import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../people/format';
import type { ExchangeStatus } from './useExchangeStatus';

/**
 * "Last exchanged: <when>", or that this desk never has, and how many changes made at two desks wait
 * for a decision (for the roles told of them): on the home screen and the Exchange screen.
 */
export function LastExchanged({ status }: { status: ExchangeStatus | null }) {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  // The line keeps its height while the status loads, so the search box under it does not move.
  // What waits for a decision is on the same line, so that it too moves nothing when it comes.
  return (
    <p className="exchange-last">
      {status && <span className="muted">{status.lastExchangeAt ? t('exchange.last', { date: moment(status.lastExchangeAt) }) : t('exchange.never')}</span>}
      {status && status.awaitingDecision > 0 && <strong className="exchange-awaiting">{t('exchange.awaitingDecision', { number: status.awaitingDecision })}</strong>}
    </p>
  );
}
