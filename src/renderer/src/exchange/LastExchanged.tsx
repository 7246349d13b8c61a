import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../people/format';
import type { ExchangeStatus } from './useExchangeStatus';

/** "Last exchanged: <when>", or that this desk never has: on the home screen and the Exchange screen. */
export function LastExchanged({ status }: { status: ExchangeStatus | null }) {
  const { t } = useTranslation();
  const { moment } = useDateFormat();
  if (!status) return null;
  return (
    <p className="exchange-last muted">
      {status.lastExchangeAt ? t('exchange.last', { date: moment(status.lastExchangeAt) }) : t('exchange.never')}
    </p>
  );
}
