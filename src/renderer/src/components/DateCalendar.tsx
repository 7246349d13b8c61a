/**
 * The month a date box shows when the clerk chooses "on a calendar": in the page's flow under the
 * box (no popover, which would position itself with inline styles the app's policy refuses), in
 * the interface language of the I18nProvider around it. Arrow keys move by day and week, Page Up
 * and Page Down by month, Enter picks; Escape closes it without a change.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Calendar, CalendarCell, CalendarGrid, CalendarMonthPicker, CalendarYearPicker } from 'react-aria-components';
import type { CalendarMonthPickerProps, CalendarYearPickerProps } from 'react-aria-components';
import { calendarDateOf, isoOf } from './date-value';

/**
 * Years in the year list: React Aria centres them on the year shown (up to maxValue's), so a birth
 * date half a century back, or a century back from a date box's maxValue, is one choice away.
 */
const YEARS_LISTED = 100;

export interface DateCalendarProps {
  id: string;
  /** The id of the date box's label: the calendar is named by it and by the month shown. */
  labelledBy: string;
  /** The box's day (YYYY-MM-DD), or anything else for none: the calendar opens on today. */
  value: string;
  /** The latest day the field accepts (YYYY-MM-DD); later days cannot be picked. */
  maxValue?: string | undefined;
  onPick: (iso: string) => void;
  onClose: () => void;
}

export function DateCalendar({ id, labelledBy, value, maxValue, onPick, onClose }: DateCalendarProps) {
  const { t } = useTranslation();
  const panelRef = useRef<HTMLDivElement>(null);
  /** The month shown (year-month), which sets how many weeks the grid has, so its height. */
  const [shownMonth, setShownMonth] = useState('');
  // A day has the focus (autoFocus, then the keys): the whole month comes into view with it, its
  // header too, when the calendar opens and when a month of more weeks makes it taller. Before the
  // focus moves (a layout effect runs before React Aria's effect that focuses the day): a day
  // found out of view makes React Aria centre the whole page first, a jump away from the field.
  useLayoutEffect(() => {
    panelRef.current?.scrollIntoView({ block: 'nearest' });
  }, [shownMonth]);
  function closeOnEscape(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape') return;
    // Only the calendar closes, not a dialog or form around it.
    event.stopPropagation();
    event.preventDefault();
    onClose();
  }
  return (
    <div ref={panelRef} className="date-calendar-panel" onKeyDown={closeOnEscape}>
      <Calendar
        id={id}
        className="date-calendar"
        aria-labelledby={labelledBy}
        value={calendarDateOf(value)}
        maxValue={calendarDateOf(maxValue ?? '')}
        onChange={(day) => onPick(isoOf(day))}
        onFocusChange={(day) => setShownMonth(`${day.year}-${day.month}`)}
        autoFocus
      >
        <div className="date-calendar-header">
          <Button slot="previous" className="button button-secondary button-small date-calendar-step" aria-label={t('form.calendar.previous')}>
            {/* Mirrored in right-to-left text, so it points to the previous month there too. */}
            <span aria-hidden="true">‹</span>
          </Button>
          <CalendarMonthPicker format="long">{(picker) => <PickerSelect picker={picker} label={t('form.calendar.month')} />}</CalendarMonthPicker>
          <CalendarYearPicker visibleYears={YEARS_LISTED}>{(picker) => <PickerSelect picker={picker} label={t('form.calendar.year')} />}</CalendarYearPicker>
          <Button slot="next" className="button button-secondary button-small date-calendar-step" aria-label={t('form.calendar.next')}>
            <span aria-hidden="true">›</span>
          </Button>
        </div>
        <CalendarGrid className="date-calendar-grid">{(date) => <CalendarCell date={date} className="date-calendar-day" />}</CalendarGrid>
      </Calendar>
    </div>
  );
}

type Picker = Parameters<CalendarMonthPickerProps['children']>[0] | Parameters<CalendarYearPickerProps['children']>[0];

/** The month or year shown, as a plain list box: it moves the calendar, it picks no day. */
function PickerSelect({ picker, label }: { picker: Picker; label: string }) {
  return (
    <select className="date-calendar-select" aria-label={label} value={String(picker.value)} onChange={(event) => picker.onChange(Number(event.target.value))}>
      {picker.items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.formatted}
        </option>
      ))}
    </select>
  );
}
