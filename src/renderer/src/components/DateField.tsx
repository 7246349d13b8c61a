/**
 * The labelled date field, apart from Fields.tsx: React Aria reaches for the DOM when loaded, and
 * the other fields (the language switcher's among them) are also rendered where there is none.
 */
import { useId } from 'react';
import { DateBox } from './DateBox';
import { describedBy, FieldFrame } from './Fields';

interface DateFieldProps {
  label: string;
  hint?: string;
  error?: string;
  /** YYYY-MM-DD, or '' when no day is given. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  /** The latest day the field's rule accepts (YYYY-MM-DD): later days cannot be picked on the calendar. */
  maxValue?: string;
}

/** A labelled full date, typed in the interface language's order or picked on a calendar (DateBox), framed like TextField. */
export function DateField({ label, hint, error, value, onChange, required, maxValue }: DateFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <DateBox
        id={id}
        labelledBy={`${id}-label`}
        describedBy={describedBy(id, hint, error)}
        value={value}
        onChange={onChange}
        invalid={error !== undefined && error !== ''}
        required={required ?? false}
        maxValue={maxValue}
      />
    </FieldFrame>
  );
}
