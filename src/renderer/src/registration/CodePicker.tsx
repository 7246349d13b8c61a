/**
 * Countries and languages picked by name (issue 15): a Downshift combobox over the listed codes,
 * searchable by the name in any interface language or by the code; several values as chips with a
 * remove button each. The value is the code as stored; a code held already that the list does not
 * offer (recorded before the pickers, or imported) stays shown and removable, never offered again.
 */
import { useCombobox, useMultipleSelection } from 'downshift';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeKind } from '../../../shared/catalogue';
import { directionOf, type Language } from '../../../shared/languages';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { useCodeNames } from '../people/code-names';
import { codeOptions, matchingOptions } from '../people/code-options';

interface PickerProps {
  /** The input's id; the field's label has the id `${id}-label`. */
  id: string;
  kind: CodeKind;
  disabled: boolean;
  invalid: boolean;
  describedBy: string | undefined;
}

/** What is shown for a code: its name in the interface language, or the code where it has none. */
function useNameOf(kind: CodeKind): (code: string) => string {
  const codeNames = useCodeNames();
  return (code: string) => codeNames.nameOf(kind, code) ?? code;
}

/**
 * The listed codes matching what is typed, in the interface language's order, once the box has
 * had the focus: the list is worked out on first use, not when the form opens.
 */
function useMatches(kind: CodeKind, typed: string, used: boolean, excluded: readonly string[] = []): string[] {
  const language = useCurrentLanguage();
  const excludedKey = excluded.join(' ');
  return useMemo(() => (used ? matchesOf(kind, typed, language, excludedKey.split(' ')) : []), [kind, typed, language, used, excludedKey]);
}

function matchesOf(kind: CodeKind, typed: string, language: Language, excluded: readonly string[]): string[] {
  const left = new Set(excluded);
  return matchingOptions(codeOptions(kind), typed, language).flatMap((option) => (left.has(option.code) ? [] : [option.code]));
}

/**
 * When what is typed matches one listed name only, that one is highlighted: Enter picks it, and so
 * does leaving the box with Tab (Downshift picks the highlighted item on blur). With several
 * matches, nothing is highlighted until the arrow keys say which.
 */
function highlightOnlyMatch(typed: string | undefined, matches: (typed: string) => string[]): { highlightedIndex: number } | Record<string, never> {
  return typed !== undefined && typed.trim() !== '' && matches(typed).length === 1 ? { highlightedIndex: 0 } : {};
}

function PickerMenu({
  kind,
  isOpen,
  items,
  nameOf,
  highlightedIndex,
  getMenuProps,
  getItemProps,
}: {
  kind: CodeKind;
  isOpen: boolean;
  items: readonly string[];
  nameOf: (code: string) => string;
  highlightedIndex: number;
  getMenuProps: ReturnType<typeof useCombobox<string>>['getMenuProps'];
  getItemProps: ReturnType<typeof useCombobox<string>>['getItemProps'];
}) {
  const { t } = useTranslation();
  return (
    <>
      {/* Downshift needs the listbox in the page even when it is closed. */}
      <ul {...getMenuProps()} className="code-picker-menu" hidden={!isOpen || items.length === 0}>
        {isOpen &&
          items.map((code, index) => (
            <li key={code} className={`code-picker-option${highlightedIndex === index ? ' is-highlighted' : ''}`} {...getItemProps({ item: code, index })}>
              <bdi>{nameOf(code)}</bdi>{' '}
              <span className="code-picker-code" dir="ltr">
                {code}
              </span>
            </li>
          ))}
      </ul>
      {isOpen && items.length === 0 && (
        <p className="hint code-picker-none" role="status">
          {t(`person.picker.noMatch.${kind}`)}
        </p>
      )}
    </>
  );
}

type CodePickerProps = PickerProps & { value: string; onChange: (code: string) => void };

/** One country or language; clearing the box clears the value. */
export function CodePicker(props: CodePickerProps) {
  // The box holds the name as text: drawn again in a new interface language.
  return <SingleCodePicker key={useCurrentLanguage()} {...props} />;
}

function SingleCodePicker(props: CodePickerProps) {
  const { id, kind, value, onChange } = props;
  const nameOf = useNameOf(kind);
  const [typed, setTyped] = useState('');
  const [used, setUsed] = useState(false);
  const items = useMatches(kind, typed, used);
  const language = useCurrentLanguage();
  const matches = (text: string) => matchesOf(kind, text, language, []);
  const { isOpen, highlightedIndex, getInputProps, getMenuProps, getItemProps } = useCombobox<string>({
    items,
    inputId: id,
    labelId: `${id}-label`,
    menuId: `${id}-menu`,
    selectedItem: value === '' ? null : value,
    itemToString: (code) => (code ? nameOf(code) : ''),
    onSelectedItemChange: ({ selectedItem }) => onChange(selectedItem ?? ''),
    onInputValueChange: ({ inputValue, type }) => {
      if (type !== useCombobox.stateChangeTypes.InputChange) return;
      setTyped(inputValue);
      if (inputValue.trim() === '') onChange('');
    },
    stateReducer: (state, { type, changes }) => {
      // Leaving the box without picking shows the value kept, never words that were not saved.
      if (type === useCombobox.stateChangeTypes.InputBlur && changes.selectedItem === state.selectedItem) {
        return { ...changes, inputValue: state.selectedItem ? nameOf(state.selectedItem) : '' };
      }
      if (type === useCombobox.stateChangeTypes.InputChange) return { ...changes, ...highlightOnlyMatch(changes.inputValue, matches) };
      return changes;
    },
  });
  return (
    <div className="code-picker">
      <div className="code-picker-box">
        <input
          {...getInputProps({
            disabled: props.disabled,
            'aria-invalid': props.invalid || undefined,
            'aria-describedby': props.describedBy,
            onFocus: () => {
              setTyped('');
              setUsed(true);
            },
          })}
          type="text"
          dir="auto"
          spellCheck={false}
        />
        <PickerMenu kind={kind} isOpen={isOpen} items={items} nameOf={nameOf} highlightedIndex={highlightedIndex} getMenuProps={getMenuProps} getItemProps={getItemProps} />
      </div>
    </div>
  );
}

/** Several countries or languages, in the order picked, each a chip with its own remove button. */
export function CodesPicker(props: PickerProps & { value: readonly string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const { id, kind, value, onChange } = props;
  const nameOf = useNameOf(kind);
  const language = useCurrentLanguage();
  const rightToLeft = directionOf(language) === 'rtl';
  const [typed, setTyped] = useState('');
  const [used, setUsed] = useState(false);
  const items = useMatches(kind, typed, used, value);
  const matches = (text: string) => matchesOf(kind, text, language, value);
  const { getSelectedItemProps, getDropdownProps, removeSelectedItem } = useMultipleSelection<string>({
    selectedItems: [...value],
    onSelectedItemsChange: ({ selectedItems }) => onChange(selectedItems),
    // The chips read in the language's direction: the next one is to the left in Arabic.
    keyNavigationNext: rightToLeft ? 'ArrowLeft' : 'ArrowRight',
    keyNavigationPrevious: rightToLeft ? 'ArrowRight' : 'ArrowLeft',
  });
  const { isOpen, highlightedIndex, getInputProps, getMenuProps, getItemProps } = useCombobox<string>({
    items,
    inputId: id,
    labelId: `${id}-label`,
    menuId: `${id}-menu`,
    selectedItem: null,
    itemToString: (code) => (code ? nameOf(code) : ''),
    stateReducer: (state, { type, changes }) => {
      switch (type) {
        // A pick keeps the list open for the next one, the box empty.
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
        case useCombobox.stateChangeTypes.ItemClick:
          return { ...changes, isOpen: true, highlightedIndex: state.highlightedIndex, inputValue: '' };
        // The item picked is never the selected item (null here): Downshift would otherwise empty
        // the box again on the next key, losing what was typed.
        case useCombobox.stateChangeTypes.ControlledPropUpdatedSelectedItem:
          return { ...changes, inputValue: state.inputValue };
        case useCombobox.stateChangeTypes.InputChange:
          return { ...changes, ...highlightOnlyMatch(changes.inputValue, matches) };
        default:
          return changes;
      }
    },
    // Downshift keeps what is typed (a value kept here would lag behind fast typing); the list
    // follows it.
    onInputValueChange: ({ inputValue }) => setTyped(inputValue),
    onStateChange: ({ type, selectedItem }) => {
      switch (type) {
        case useCombobox.stateChangeTypes.InputKeyDownEnter:
        case useCombobox.stateChangeTypes.ItemClick:
        case useCombobox.stateChangeTypes.InputBlur:
          if (selectedItem) onChange([...value, selectedItem]);
          break;
        default:
          break;
      }
    },
  });
  return (
    <div className="code-picker">
      {value.length > 0 && (
        <ul className="code-chips" aria-label={t(`person.picker.chosen.${kind}`)}>
          {value.map((code, index) => {
            const name = nameOf(code);
            return (
              <li key={code} className="code-chip">
                <span className="code-chip-name" {...getSelectedItemProps({ selectedItem: code, index })}>
                  <bdi>{name}</bdi>
                </span>
                <button
                  type="button"
                  className="code-chip-remove"
                  disabled={props.disabled}
                  aria-label={t('person.picker.remove', { name })}
                  onClick={(event) => {
                    event.stopPropagation();
                    removeSelectedItem(code);
                    // The button is gone with its chip: the focus goes back to the box.
                    document.getElementById(id)?.focus();
                  }}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="code-picker-box">
        <input
          {...getInputProps(
            getDropdownProps({
              disabled: props.disabled,
              'aria-invalid': props.invalid || undefined,
              'aria-describedby': props.describedBy,
              preventKeyAction: isOpen,
              onFocus: () => setUsed(true),
            }),
          )}
          type="text"
          dir="auto"
          spellCheck={false}
        />
        <PickerMenu kind={kind} isOpen={isOpen} items={items} nameOf={nameOf} highlightedIndex={highlightedIndex} getMenuProps={getMenuProps} getItemProps={getItemProps} />
      </div>
    </div>
  );
}
