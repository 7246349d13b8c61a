/**
 * The one box for a full date (YYYY-MM-DD stored), typed day, month and year in the interface
 * language's order, month names and digits (React Aria's DateField), whatever the browser's locale;
 * or picked on a calendar shown under it (DateCalendar) by the button beside it.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, DateInput, DateSegment, I18nProvider } from 'react-aria-components';
import type { DateFieldState } from 'react-aria-components';
import { DateCalendar } from './DateCalendar';
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
  /**
   * The latest day the field accepts (YYYY-MM-DD), when its own rule says so (a status's date is
   * not after today): later days cannot be picked on the calendar. The typed day is checked by the
   * form and main, which say what is wrong in words.
   */
  maxValue?: string | undefined;
}

/** Where the focus goes once the calendar closes: the box when a day was picked, else its button. */
type FocusAfterCalendar = 'field' | 'button' | null;

export function DateBox({ id, labelledBy, describedBy, value, onChange, invalid, disabled, required, maxValue }: DateBoxProps) {
  const language = useCurrentLanguage();
  const { t } = useTranslation();
  const [calendarOpen, setCalendarOpen] = useState(false);
  const focusAfter = useRef<FocusAfterCalendar>(null);
  const fieldRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const showCalendar = calendarOpen && !disabled;
  const calendarId = `${id}-calendar`;
  const buttonId = `${id}-calendar-button`;

  // Once the calendar is gone (its days held the focus), the focus goes where closing it said.
  useEffect(() => {
    if (showCalendar || focusAfter.current === null) return;
    if (focusAfter.current === 'field') fieldRef.current?.querySelector<HTMLElement>('[role="spinbutton"]')?.focus();
    else buttonRef.current?.focus();
    focusAfter.current = null;
  }, [showCalendar]);

  function closeCalendar(focus: FocusAfterCalendar): void {
    focusAfter.current = focus;
    setCalendarOpen(false);
  }

  return (
    <I18nProvider locale={language}>
      <div className="date-box">
        <div className="date-box-row">
          <DateField
            ref={fieldRef}
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
          <button
            ref={buttonRef}
            id={buttonId}
            type="button"
            className="button button-secondary button-small date-box-calendar-button"
            // Named with the field's label too: a form has several of these buttons.
            aria-labelledby={`${buttonId} ${labelledBy}`}
            aria-expanded={showCalendar}
            aria-controls={showCalendar ? calendarId : undefined}
            disabled={disabled ?? false}
            onClick={() => setCalendarOpen((open) => !open)}
          >
            {t('form.calendar.choose')}
          </button>
        </div>
        {showCalendar && (
          <DateCalendar
            id={calendarId}
            labelledBy={labelledBy}
            value={value}
            maxValue={maxValue}
            onPick={(day) => {
              onChange(day);
              closeCalendar('field');
            }}
            onClose={() => closeCalendar('button')}
          />
        )}
      </div>
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
