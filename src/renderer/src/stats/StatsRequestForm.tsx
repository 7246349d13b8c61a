import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  GRANULARITIES,
  STATS_K_DEFAULT,
  STATS_K_MAX,
  STATS_K_MIN,
  STATS_K_SENSITIVE_DEFAULT,
  STATS_K_SENSITIVE_MIN,
  STATS_MIN_POPULATION_DEFAULT,
  STATS_MIN_POPULATION_MAX,
  type Granularity,
  type StatsRequestInput,
} from '../../../shared/stats';
import { rpcErrorOf } from '../bridge';
import { CheckboxField, SelectField, TextField } from '../components/Fields';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/Messages';
import { fieldErrorText, focusFirstInvalid, type FieldErrors } from '../field-errors';
import {
  kMinimumError,
  kSensitiveError,
  minPopulationError,
  periodMissingError,
  StatsFormProblem,
  statsRefusalOf,
  type StatsField,
  type StatsProblem,
  type StatsRefusal,
} from './problems';

/** A date in the device's own calendar day, as YYYY-MM-DD. */
function isoDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/**
 * The last three whole calendar months that have ended: breakdowns are published only for those
 * (main decides by UTC dates; on the first of a month the device's day may still be the last).
 */
function defaultPeriod(today = new Date()): { from: string; to: string } {
  const from = new Date(today.getFullYear(), today.getMonth() - 3, 1);
  const to = new Date(today.getFullYear(), today.getMonth(), 0);
  return { from: isoDay(from), to: isoDay(to) };
}

interface StatsRequestFormProps {
  /** Asks main for the tables; throws to show the problem. */
  onSubmit: (request: StatsRequestInput) => Promise<void>;
}

/** The period and the disclosure rules. Main checks every rule again and refuses a weaker one. */
export function StatsRequestForm({ onSubmit }: StatsRequestFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [period] = useState(defaultPeriod);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [granularity, setGranularity] = useState<Granularity>('month');
  const [k, setK] = useState(String(STATS_K_DEFAULT));
  /** Empty: main uses the larger of k and STATS_K_SENSITIVE_DEFAULT, so it follows a raised k. */
  const [kSensitive, setKSensitive] = useState('');
  const [roundTo5, setRoundTo5] = useState(false);
  const [minPopulation, setMinPopulation] = useState(String(STATS_MIN_POPULATION_DEFAULT));
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<StatsProblem | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<StatsField>>({});
  const formRef = useRef<HTMLFormElement>(null);
  /** Counts refused submits with fields in error: each one moves focus to the first, once it shows. */
  const [refusals, setRefusals] = useState(0);

  useEffect(() => {
    if (refusals > 0) focusFirstInvalid(formRef.current);
  }, [refusals]);

  /** The request as typed. Whole-number checks only: the rules themselves are main's to enforce. */
  function request(): StatsRequestInput {
    const errors: FieldErrors<StatsField> = {};
    if (!from) errors.from = periodMissingError('from');
    if (!to) errors.to = periodMissingError('to');
    const kValue = Number(k);
    if (k.trim() === '' || !Number.isInteger(kValue)) errors.k = kMinimumError();
    const kSensitiveGiven = kSensitive.trim() !== '';
    const kSensitiveValue = Number(kSensitive);
    if (kSensitiveGiven && !Number.isInteger(kSensitiveValue)) errors.kSensitive = kSensitiveError(kValue);
    const minPopulationValue = Number(minPopulation);
    if (minPopulation.trim() === '' || !Number.isInteger(minPopulationValue)) errors.minPopulation = minPopulationError();
    if (Object.keys(errors).length > 0) throw new StatsFormProblem(errors);
    return { from, to, granularity, k: kValue, ...(kSensitiveGiven ? { kSensitive: kSensitiveValue } : {}), roundTo5, minPopulation: minPopulationValue };
  }

  function refusalOf(error: unknown): StatsRefusal {
    if (error instanceof StatsFormProblem) return { fields: error.fields, alert: null };
    return statsRefusalOf(rpcErrorOf(error), Number(k));
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    setProblem(null);
    setFieldErrors({});
    setPending(true);
    try {
      await onSubmit(request());
    } catch (error) {
      const refusal = refusalOf(error);
      setFieldErrors(refusal.fields);
      setProblem(refusal.alert);
      if (Object.keys(refusal.fields).length > 0) setRefusals((count) => count + 1);
    } finally {
      setPending(false);
    }
  }

  const errorOf = (field: StatsField): string | undefined => {
    const error = fieldErrors[field];
    return error && fieldErrorText(error, t);
  };
  const granularityOptions = GRANULARITIES.map((value) => ({ value, label: t(`stats.granularity.${value}`) }));
  const kNumber = Number(k);
  const kSensitiveMin = Math.max(STATS_K_SENSITIVE_MIN, Number.isInteger(kNumber) && kNumber >= STATS_K_MIN ? kNumber : STATS_K_MIN);

  return (
    <form ref={formRef} noValidate className="stats-form panel" aria-labelledby={`${id}-title`} aria-busy={pending} onSubmit={(event) => void submit(event)}>
      <h2 id={`${id}-title`}>{t('stats.screen.requestHeading')}</h2>
      <fieldset className="stats-fieldset" aria-describedby={`${id}-period-hint`}>
        <legend>{t('stats.rules.period')}</legend>
        <p id={`${id}-period-hint`} className="hint">
          {t('stats.screen.periodHint')}
        </p>
        <div className="stats-fields">
          <DateField label={t('stats.screen.from')} error={errorOf('from')} value={from} onChange={setFrom} required />
          <DateField label={t('stats.screen.to')} error={errorOf('to')} value={to} onChange={setTo} required />
          <SelectField label={t('stats.screen.granularity')} value={granularity} options={granularityOptions} onChange={setGranularity} />
        </div>
      </fieldset>
      <div className="stats-fields">
        <TextField
          type="number"
          inputMode="numeric"
          className="narrow"
          min={STATS_K_MIN}
          max={STATS_K_MAX}
          step={1}
          required
          label={t('stats.rules.k')}
          hint={t('stats.screen.kHint', { min: STATS_K_MIN })}
          error={errorOf('k')}
          value={k}
          onChange={setK}
        />
        <TextField
          type="number"
          inputMode="numeric"
          className="narrow"
          min={kSensitiveMin}
          max={STATS_K_MAX}
          step={1}
          label={t('stats.rules.kSensitive')}
          hint={t('stats.screen.kSensitiveHint', { default: STATS_K_SENSITIVE_DEFAULT })}
          error={errorOf('kSensitive')}
          value={kSensitive}
          onChange={setKSensitive}
        />
        <TextField
          type="number"
          inputMode="numeric"
          className="narrow"
          min={STATS_MIN_POPULATION_DEFAULT}
          max={STATS_MIN_POPULATION_MAX}
          step={1}
          required
          label={t('stats.rules.minPopulation')}
          hint={t('stats.screen.minPopulationHint', { min: STATS_MIN_POPULATION_DEFAULT })}
          error={errorOf('minPopulation')}
          value={minPopulation}
          onChange={setMinPopulation}
        />
      </div>
      <CheckboxField label={t('stats.screen.roundTo5')} hint={t('stats.screen.roundTo5Hint')} checked={roundTo5} onChange={setRoundTo5} />
      <ErrorAlert problem={problem} />
      <div className="actions">
        <button type="submit" className="button button-primary" aria-disabled={pending}>
          {pending ? t('stats.screen.working') : t('stats.screen.show')}
        </button>
      </div>
    </form>
  );
}
