/**
 * The one box for a full date (YYYY-MM-DD stored), typed day, month and year in the interface
 * language's order, month names and digits (React Aria's DateField), whatever the browser's locale.
 */
import { useEffect } from 'react';
import { DateField, DateInput, DateSegment, I18nProvider } from 'react-aria-components';
import type { DateFieldState } from 'react-aria-components';
import { useCurrentLanguage } from './LanguageSwitcher';
import { calendarDateOf, INCOMPLETE_DATE, isoOf } from './date-value';

export interface DateBoxProps {
  /** On the group of segments, so a label's htmlFor and the form's focus rules find it. */
  id: string;
  /** The id of the visible label (the group and each segment are named by it). */
  labelledBy: string;
  describedBy?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  disabled?: boolean;
  required?: boolean;
}

export function DateBox({ id, labelledBy, describedBy, value, onChange, invalid, disabled, required }: DateBoxProps) {
  const language = useCurrentLanguage();
  return (
    <I18nProvider locale={language}>
      <DateField
        id={id}
        className="date-field"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        value={calendarDateOf(value)}
        onChange={(day) => onChange(isoOf(day))}
        isInvalid={invalid ?? false}
        isDisabled={disabled ?? false}
        isRequired={required ?? false}
        // Checked by the form and by main, which say what is wrong in words.
        validationBehavior="aria"
        shouldForceLeadingZeros
      >
        {({ state }) => (
          <>
            <IncompleteDateWatch state={state} value={value} onChange={onChange} />
            <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
          </>
        )}
      </DateField>
    </I18nProvider>
  );
}

/**
 * A day half typed (the day and month, but no year) has no value, and would be saved as no date
 * without a word. While some parts are typed and others not, the box reports INCOMPLETE_DATE, which
 * the form refuses by name; emptied again, it reports no date.
 */
function IncompleteDateWatch({ state, value, onChange }: { state: DateFieldState; value: string; onChange: (value: string) => void }) {
  const editable = state.segments.filter((segment) => segment.isEditable);
  const typed = editable.filter((segment) => !segment.isPlaceholder).length;
  const incomplete = typed > 0 && typed < editable.length;
  const empty = state.value === null && !incomplete;
  useEffect(() => {
    if (incomplete && value !== INCOMPLETE_DATE) onChange(INCOMPLETE_DATE);
    else if (empty && value === INCOMPLETE_DATE) onChange('');
  }, [incomplete, empty, value, onChange]);
  return null;
}
