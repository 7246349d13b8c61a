import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string;
  hiddenLabel?: boolean;
  children: ReactNode;
}

function FieldFrame({ id, label, hint, hiddenLabel, children }: FieldFrameProps) {
  return (
    <div className="field">
      <label htmlFor={id} className={hiddenLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id' | 'children'>;

interface TextFieldProps extends InputProps {
  label: string;
  hint?: string;
  hiddenLabel?: boolean;
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input; the hint, when there is one, sits between label and box and is read with it. */
export function TextField({ label, hint, hiddenLabel, value, onChange, inputRef, type = 'text', ...input }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} hiddenLabel={hiddenLabel}>
      <input
        {...input}
        type={type}
        id={id}
        ref={inputRef}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
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
  hiddenLabel?: boolean;
  value: V;
  options: readonly { value: V; label: string; lang?: string }[];
  onChange: (value: V) => void;
}

export function SelectField<V extends string>({ label, hiddenLabel, value, options, onChange, ...select }: SelectFieldProps<V>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hiddenLabel={hiddenLabel}>
      <select
        {...select}
        id={id}
        value={value}
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

/** A checkbox with its explanation, read together with it. */
export function CheckboxField({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="checkbox-with-hint">
      <label className="checkbox-field">
        <input type="checkbox" checked={checked} aria-describedby={`${id}-hint`} onChange={(event) => onChange(event.target.checked)} />
        <span>{label}</span>
      </label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
    </div>
  );
}
