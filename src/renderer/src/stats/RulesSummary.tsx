import { useTranslation } from 'react-i18next';
import type { StatsReport } from '../../../shared/stats';
import { breakdownsText, periodText } from '../../../shared/stats-text';
import { useStatsLabel } from './labels';
import { SUPPRESSED_MARKER } from './StatsTable';

/** The rules main applied to the tables below, as every exported file states them. */
export function RulesSummary({ rules, titleId }: { rules: StatsReport['rules']; titleId: string }) {
  const { t } = useTranslation();
  const label = useStatsLabel();
  return (
    <section className="stats-rules panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('stats.rules.heading')}</h2>
      <dl className="stats-rule-list">
        {rules.siteName && (
          <div>
            <dt>{t('stats.rules.siteName')}</dt>
            <dd>
              <bdi dir="auto">{rules.siteName}</bdi>
            </dd>
          </div>
        )}
        {rules.sitePrefix && (
          <div>
            <dt>{t('stats.rules.sitePrefix')}</dt>
            <dd>
              <bdi dir="ltr">{rules.sitePrefix}</bdi>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('stats.rules.period')}</dt>
          <dd>
            <bdi dir="ltr">{periodText(rules)}</bdi>
            <span className="hint stats-rule-detail">{t('stats.screen.periodDates', { from: rules.from, to: rules.to })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('stats.rules.granularity')}</dt>
          <dd>{t(`stats.granularity.${rules.granularity}`)}</dd>
        </div>
        <div>
          <dt>{t('stats.rules.k')}</dt>
          <dd>{rules.k}</dd>
        </div>
        <div>
          <dt>{t('stats.rules.kSensitive')}</dt>
          <dd>{rules.kSensitive}</dd>
        </div>
        <div>
          <dt>{t('stats.rules.rounding')}</dt>
          <dd>{t(rules.roundTo5 ? 'stats.rules.roundingBase5' : 'stats.rules.roundingNone')}</dd>
        </div>
        <div>
          <dt>{t('stats.rules.suppressionHeading')}</dt>
          <dd>{t('stats.rules.suppression')}</dd>
        </div>
        <div>
          <dt>{t('stats.rules.perturbationHeading')}</dt>
          <dd>{t('stats.rules.perturbation')}</dd>
        </div>
        <div>
          <dt>{t('stats.rules.minPopulation')}</dt>
          <dd>{rules.minPopulation}</dd>
        </div>
        <div>
          <dt>{t('stats.rules.breakdownsHeading')}</dt>
          <dd>{breakdownsText(rules, label)}</dd>
        </div>
      </dl>
      <ul className="stats-statements">
        <li>{t('stats.rules.totals')}</li>
        <li>{t('stats.rules.identifiers')}</li>
        <li>{t('stats.rules.merged')}</li>
        <li>{t('stats.rules.ages')}</li>
        <li>{t('stats.rules.gender')}</li>
        <li>{t('stats.rules.units')}</li>
      </ul>
      <p className="stats-legend">
        <span className="stats-legend-marker" aria-hidden="true">
          {SUPPRESSED_MARKER}
        </span>{' '}
        {t('stats.screen.legend')}
      </p>
    </section>
  );
}
