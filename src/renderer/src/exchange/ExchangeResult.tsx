import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/contract';
import { formatMinutes } from '../../../shared/durations';
import { isolate } from '../people/format';

type Result = MethodOutput<'exchange.run'>;
type Refusal = Result['refusals'][number];

/**
 * What one exchange sent and took in, in a live region present before the first run so the result
 * is announced; each refused bundle as an alert, in the words of its error code.
 */
export function ExchangeResult({ result }: { result: Result | null }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="status" className="exchange-result" aria-labelledby={result ? 'exchange-result-title' : undefined}>
        {result && (
          <>
            <h2 id="exchange-result-title">{t('exchange.result.title')}</h2>
            <ul className="exchange-counts">
              <li>{t('exchange.result.written', { number: result.written })}</li>
              <li>
                {result.bundleWritten !== null
                  ? t('exchange.result.bundleWritten', { file: isolate(result.bundleWritten) })
                  : t('exchange.result.noBundle')}
              </li>
              <li>{t('exchange.result.applied', { number: result.applied })}</li>
              <li>{t('exchange.result.conflicts', { number: result.conflicts })}</li>
              <li>{t('exchange.result.waiting', { number: result.waiting })}</li>
              <li>{t('exchange.result.gaps', { number: result.gaps })}</li>
              {result.refused > 0 && <li>{t('exchange.result.refused', { number: result.refused })}</li>}
              {result.lookAlikes === null ? (
                <li>{t('exchange.result.lookAlikesUnchecked')}</li>
              ) : (
                result.lookAlikes > 0 && <li>{t('exchange.result.lookAlikes', { number: result.lookAlikes })}</li>
              )}
            </ul>
          </>
        )}
      </div>
      {result && <ClockWarnings result={result} />}
      {result?.refusals.map((refusal) => <RefusalAlert key={refusal.file} refusal={refusal} />)}
    </>
  );
}

function RefusalAlert({ refusal }: { refusal: Refusal }) {
  const { t, i18n } = useTranslation();
  const key = `errors.${refusal.code}`;
  // A bundle of a desk this desk does not know names no desk number.
  const desk = refusal.desk ?? t('exchange.result.unknownDesk');
  // The code comes from main; one this version has no words for is said as an internal error.
  const message = i18n.exists(key) ? t(key as ParseKeys, { ...refusal.params, desk }) : t('errors.internal');
  return (
    <div role="alert" className="message message-error exchange-refusal">
      <p>{message}</p>
      <p className="muted">{t('exchange.result.refusalFile', { file: isolate(refusal.file) })}</p>
    </div>
  );
}

/** A clock that is wrong here or at another desk (main reads it off the bundles' times). */
function ClockWarnings({ result }: { result: Result }) {
  const { t, i18n } = useTranslation();
  const duration = (minutes: number) => formatMinutes(minutes, i18n.language);
  return (
    <>
      {result.clockBehind !== null && (
        <p role="alert" className="message message-warning exchange-clock">
          {t('exchange.result.clockBehind', { duration: duration(result.clockBehind) })}
        </p>
      )}
      {result.clockAhead.map(({ desk, minutes }) => (
        <p key={desk} role="alert" className="message message-warning exchange-clock">
          {t('exchange.result.clockAhead', { desk, duration: duration(minutes) })}
        </p>
      ))}
    </>
  );
}
