import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string;
  /** What is wrong with the value, in the reader's language: shown right under the control. */
  error?: string;
  hiddenLabel?: boolean;
  children: ReactNode;
}

/** The ids that describe a control: its hint, then its error (read in that order). */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((part) => part !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A field's error, under its control; the control points to it with aria-describedby. */
function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      {error}
    </p>
  );
}

export function FieldFrame({ id, label, hint, error, hiddenLabel, children }: FieldFrameProps) {
  return (
    <div className="field">
      <label htmlFor={id} id={`${id}-label`} className={hiddenLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id' | 'children'>;

interface TextFieldProps extends InputProps {
  label: string;
  hint?: string;
  /** Sets aria-invalid and shows the message under the box, read after the hint. */
  error?: string;
  hiddenLabel?: boolean;
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A labelled input; the hint, when there is one, sits between label and box and is read with it;
 * an error sits under the box and is read after the hint.
 */
export function TextField({ label, hint, error, hiddenLabel, value, onChange, inputRef, type = 'text', ...input }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} hiddenLabel={hiddenLabel}>
      <input
        {...input}
        type={type}
        id={id}
        ref={inputRef}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

/** A password box that password managers and the browser understand. */
export function PasswordField(props: Omit<TextFieldProps, 'type'> & { isNew?: boolean }) {
  const { isNew, ...rest } = props;
  return (
    <TextField
      {...rest}
      type="password"
      autoComplete={isNew ? 'new-password' : 'current-password'}
      spellCheck={false}
      required
    />
  );
}

/** User names are kept as typed, in any script: no capitalising, no spell check, direction from content. */
export function UserNameField(props: Omit<TextFieldProps, 'type'>) {
  return (
    <TextField
      type="text"
      autoComplete="username"
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      dir="auto"
      maxLength={100}
      required
      {...props}
    />
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'id'>;

interface SelectFieldProps<V extends string> extends SelectProps {
  label: string;
  hint?: string;
  error?: string;
  hiddenLabel?: boolean;
  value: V;
  options: readonly { value: V; label: string; lang?: string }[];
  onChange: (value: V) => void;
}

export function SelectField<V extends string>({ label, hint, error, hiddenLabel, value, options, onChange, ...select }: SelectFieldProps<V>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} hiddenLabel={hiddenLabel}>
      <select
        {...select}
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  label: string;
  hint: string;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A checkbox with its explanation, read together with it (and with its error, under both). */
export function CheckboxField({ label, hint, error, checked, onChange }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="checkbox-with-hint">
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{label}</span>
      </label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <FieldError id={id} error={error} />
    </div>
  );
}
