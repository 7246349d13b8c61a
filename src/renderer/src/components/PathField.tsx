import { TextField } from './Fields';
import { PickPathButton, type PathPick } from './PickPathButton';

interface PathFieldProps {
  label: string;
  hint: string;
  /** What main said is wrong with the path, in the reader's language. */
  error?: string;
  value: string;
  onChange: (value: string) => void;
  /** Offers the system's picker next to the box (the Electron app, for those who may call it). */
  canPick?: boolean;
  /** What the picker chooses: a folder (app.pickFolder), a file to open (app.pickFile) or to write (app.pickSaveFile). */
  picks?: PathPick;
  autoFocus?: boolean;
}

/**
 * A path on this computer (a folder or a file), typed or picked: required, written left to right
 * whatever the reader's language, and never completed or spell-checked. Main checks the path when
 * the form uses it.
 */
export function PathField({ label, hint, error, value, onChange, canPick = false, picks = 'folder', autoFocus }: PathFieldProps) {
  return (
    <>
      <TextField
        required
        dir="ltr"
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        label={label}
        hint={hint}
        error={error}
        value={value}
        onChange={onChange}
      />
      {canPick && <PickPathButton picks={picks} current={value} onPicked={onChange} />}
    </>
  );
}
