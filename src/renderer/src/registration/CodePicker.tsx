/**
 * Countries and languages picked by name (issue 15): a Downshift combobox over the listed codes,
 * searchable by the name in any interface language or by the code; several values as chips with a
 * remove button each. The value is the code as stored; a code held already that the list does not
 * offer (recorded before the pickers, or imported) stays shown and removable, never offered again.
 * Where the field has an own-words field (languages, preferredLanguage, an interpreter's language),
 * what matches nothing in the list can be added in the person's own words: kept apart from the
 * codes (beside them in a list, instead of the code in a field of one), marked as such.
 */
import { useCombobox, useMultipleSelection, type UseComboboxPropGetters } from 'downshift';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OWN_WORDS_MAX_ENTRIES, OWN_WORDS_MAX_LENGTH, type CodeKind } from '../../../shared/catalogue';
import { directionOf, type Language } from '../../../shared/languages';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { useCodeNames } from '../people/code-names';
import { codeOptions, matchingOptions } from '../people/code-options';
import { isolate } from '../people/format';
import { ownWordsOffer } from '../people/own-words';

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

interface PickerMenuProps<Item> {
  isOpen: boolean;
  items: readonly Item[];
  keyOf: (item: Item) => string;
  render: (item: Item) => ReactNode;
  highlightedIndex: number;
  getMenuProps: UseComboboxPropGetters<Item>['getMenuProps'];
  getItemProps: UseComboboxPropGetters<Item>['getItemProps'];
  /** Said when the list is open: that nothing listed matches, or why typed words cannot be added. */
  status: string | undefined;
}

function PickerMenu<Item>({ isOpen, items, keyOf, render, highlightedIndex, getMenuProps, getItemProps, status }: PickerMenuProps<Item>) {
  return (
    <>
      {/* Downshift needs the listbox in the page even when it is closed. */}
      <ul {...getMenuProps()} className="code-picker-menu" hidden={!isOpen || items.length === 0}>
        {isOpen &&
          items.map((item, index) => (
            <li key={keyOf(item)} className={`code-picker-option${highlightedIndex === index ? ' is-highlighted' : ''}`} {...getItemProps({ item, index })}>
              {render(item)}
            </li>
          ))}
      </ul>
      {isOpen && status !== undefined && (
        <p className="hint code-picker-none" role="status">
          {status}
        </p>
      )}
    </>
  );
}

/** A listed option: its name in the interface language, then its code. */
function CodeOptionText({ code, nameOf }: { code: string; nameOf: (code: string) => string }) {
  return (
    <>
      <bdi>{nameOf(code)}</bdi>{' '}
      <span className="code-picker-code" dir="ltr">
        {code}
      </span>
    </>
  );
}

/**
 * What a picker holds and offers: a listed code, or words of the person's own for what the list
 * does not hold (kept apart, in the field's own-words field, never as a code).
 */
type Entry = { kind: 'code'; code: string } | { kind: 'own-words'; text: string };

const entryKey = (entry: Entry | null): string => (entry === null ? '' : entry.kind === 'code' ? `code:${entry.code}` : `own-words:${entry.text}`);

/** The own-words entries a picker edits beside its codes (languages: languagesOwnWords), or instead of its code (at most one). */
export interface OwnWordsProps {
  value: readonly string[];
  onChange: (entries: string[]) => void;
}

type CodePickerProps = PickerProps & { value: string; onChange: (code: string) => void; ownWords?: OwnWordsProps };

/**
 * One country or language; clearing the box clears the value. With `ownWords` (preferredLanguage,
 * an interpreter's language), what is typed and matches nothing listed can be chosen in the
 * person's own words instead of a code: the code is then cleared, and the words kept (one entry at
 * most), shown in the box and marked as such. Choosing a listed one clears the words again.
 */
export function CodePicker(props: CodePickerProps) {
  // The box holds the name as text: drawn again in a new interface language.
  return <SingleCodePicker key={useCurrentLanguage()} {...props} />;
}

function SingleCodePicker(props: CodePickerProps) {
  const { t } = useTranslation();
  const { id, kind, value, onChange, ownWords } = props;
  const nameOf = useNameOf(kind);
  const [typed, setTyped] = useState('');
  const [used, setUsed] = useState(false);
  const codes = useMatches(kind, typed, used);
  const language = useCurrentLanguage();
  const matches = (text: string) => matchesOf(kind, text, language, []);
  // The words held replace nothing but themselves: what is typed is offered even when it is them.
  const offer = ownWords && used ? ownWordsOffer(kind, typed, [], language) : null;
  const offered = offer && 'offer' in offer ? offer.offer : undefined;
  const items = useMemo<Entry[]>(
    () => [...codes.map((code): Entry => ({ kind: 'code', code })), ...(offered === undefined ? [] : [{ kind: 'own-words', text: offered } as const])],
    [codes, offered],
  );
  const heldWords = ownWords?.value[0];
  const selected = useMemo<Entry | null>(
    () => (value !== '' ? { kind: 'code', code: value } : heldWords !== undefined ? { kind: 'own-words', text: heldWords } : null),
    [value, heldWords],
  );
  const itemToString = (entry: Entry | null): string => (entry === null ? '' : entry.kind === 'code' ? nameOf(entry.code) : entry.text);
  // A code or the words, never both: choosing one clears the other.
  const choose = (entry: Entry | null): void => {
    const code = entry?.kind === 'code' ? entry.code : '';
    const words = entry?.kind === 'own-words' ? [entry.text] : [];
    if (code !== value) onChange(code);
    if (ownWords && words.join('\n') !== ownWords.value.join('\n')) ownWords.onChange(words);
  };
  const { isOpen, highlightedIndex, getInputProps, getMenuProps, getItemProps } = useCombobox<Entry>({
    items,
    itemToKey: entryKey,
    inputId: id,
    labelId: `${id}-label`,
    menuId: `${id}-menu`,
    selectedItem: selected,
    itemToString,
    onSelectedItemChange: ({ selectedItem }) => choose(selectedItem ?? null),
    onInputValueChange: ({ inputValue, type }) => {
      if (type !== useCombobox.stateChangeTypes.InputChange) return;
      setTyped(inputValue);
      if (inputValue.trim() === '') choose(null);
    },
    stateReducer: (state, { type, changes }) => {
      // Leaving the box without picking shows the value kept, never words that were not saved.
      if (type === useCombobox.stateChangeTypes.InputBlur && entryKey(changes.selectedItem ?? null) === entryKey(state.selectedItem)) {
        return { ...changes, inputValue: itemToString(state.selectedItem) };
      }
      if (type === useCombobox.stateChangeTypes.InputChange) return { ...changes, ...highlightOnlyMatch(changes.inputValue, matches) };
      return changes;
    },
  });
  const markId = `${id}-own-words`;
  const describedBy = [props.describedBy, selected?.kind === 'own-words' ? markId : undefined].filter(Boolean).join(' ') || undefined;
  const status = (() => {
    if (offer && 'refused' in offer) return t(`person.picker.ownWords.${offer.refused}`, { max: OWN_WORDS_MAX_LENGTH });
    if (codes.length > 0) return undefined;
    return offered !== undefined ? t('person.picker.ownWords.noMatch') : t(`person.picker.noMatch.${kind}`);
  })();
  return (
    <div className="code-picker">
      <div className="code-picker-box">
        <input
          {...getInputProps({
            disabled: props.disabled,
            'aria-invalid': props.invalid || undefined,
            'aria-describedby': describedBy,
            onFocus: () => {
              setTyped('');
              setUsed(true);
            },
          })}
          type="text"
          dir="auto"
          spellCheck={false}
        />
        <PickerMenu
          isOpen={isOpen}
          items={items}
          keyOf={entryKey}
          render={(entry) => <EntryText entry={entry} nameOf={nameOf} />}
          highlightedIndex={highlightedIndex}
          getMenuProps={getMenuProps}
          getItemProps={getItemProps}
          status={status}
        />
      </div>
      {/* Under the box, not in it: the list opens right under the box. */}
      {selected?.kind === 'own-words' && (
        <span id={markId} className="own-words-mark">
          {t('person.picker.ownWords.mark')}
        </span>
      )}
    </div>
  );
}

/** An option of a picker: a listed code, or the offer to add what is typed in the person's own words. */
function EntryText({ entry, nameOf }: { entry: Entry; nameOf: (code: string) => string }) {
  const { t } = useTranslation();
  return entry.kind === 'code' ? (
    <CodeOptionText code={entry.code} nameOf={nameOf} />
  ) : (
    <span className="own-words-option">{t('person.picker.ownWords.add', { text: isolate(entry.text) })}</span>
  );
}

/**
 * Several countries or languages, in the order picked, each a chip with its own remove button.
 * With `ownWords`, what is typed and matches nothing listed can be added in the person's own words
 * (the one option then): its chip is marked as such, after the listed ones.
 */
export function CodesPicker(props: PickerProps & { value: readonly string[]; onChange: (codes: string[]) => void; ownWords?: OwnWordsProps }) {
  const { t } = useTranslation();
  const { id, kind, value, onChange, ownWords } = props;
  const nameOf = useNameOf(kind);
  const language = useCurrentLanguage();
  const rightToLeft = directionOf(language) === 'rtl';
  const [typed, setTyped] = useState('');
  const [used, setUsed] = useState(false);
  const codes = useMatches(kind, typed, used, value);
  const matches = (text: string) => matchesOf(kind, text, language, value);
  const ownEntries = ownWords?.value;
  const offer = ownEntries && used ? ownWordsOffer(kind, typed, ownEntries, language) : null;
  const offered = offer && 'offer' in offer ? offer.offer : undefined;
  const items = useMemo<Entry[]>(
    () => [...codes.map((code): Entry => ({ kind: 'code', code })), ...(offered === undefined ? [] : [{ kind: 'own-words', text: offered } as const])],
    [codes, offered],
  );
  // Chips in one list, listed codes first: Downshift moves between them and removes them as one.
  const codesKey = value.join(' ');
  const ownKey = ownEntries?.join('\n');
  const chips = useMemo<Entry[]>(
    () => [
      ...(codesKey ? codesKey.split(' ') : []).map((code): Entry => ({ kind: 'code', code })),
      ...(ownKey ? ownKey.split('\n') : []).map((text): Entry => ({ kind: 'own-words', text })),
    ],
    [codesKey, ownKey],
  );
  const change = (entries: readonly Entry[]): void => {
    const nextCodes = entries.flatMap((entry) => (entry.kind === 'code' ? [entry.code] : []));
    const nextOwn = entries.flatMap((entry) => (entry.kind === 'own-words' ? [entry.text] : []));
    if (nextCodes.join(' ') !== value.join(' ')) onChange(nextCodes);
    if (ownWords && nextOwn.join('\n') !== ownWords.value.join('\n')) ownWords.onChange(nextOwn);
  };
  const { getSelectedItemProps, getDropdownProps, removeSelectedItem } = useMultipleSelection<Entry>({
    selectedItems: chips,
    itemToKey: entryKey,
    onSelectedItemsChange: ({ selectedItems }) => change(selectedItems),
    // The chips read in the language's direction: the next one is to the left in Arabic.
    keyNavigationNext: rightToLeft ? 'ArrowLeft' : 'ArrowRight',
    keyNavigationPrevious: rightToLeft ? 'ArrowRight' : 'ArrowLeft',
  });
  const { isOpen, highlightedIndex, getInputProps, getMenuProps, getItemProps } = useCombobox<Entry>({
    items,
    itemToKey: entryKey,
    inputId: id,
    labelId: `${id}-label`,
    menuId: `${id}-menu`,
    selectedItem: null,
    itemToString: (entry) => (entry === null ? '' : entry.kind === 'code' ? nameOf(entry.code) : entry.text),
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
          if (selectedItem) change([...chips, selectedItem]);
          break;
        default:
          break;
      }
    },
  });
  const ownWordsMark = t('person.picker.ownWords.mark');
  const status = (() => {
    if (offer && 'refused' in offer) return t(`person.picker.ownWords.${offer.refused}`, { max: offer.refused === 'full' ? OWN_WORDS_MAX_ENTRIES : OWN_WORDS_MAX_LENGTH });
    if (codes.length > 0) return undefined;
    return offered !== undefined ? t('person.picker.ownWords.noMatch') : t(`person.picker.noMatch.${kind}`);
  })();
  return (
    <div className="code-picker">
      {chips.length > 0 && (
        <ul className="code-chips" aria-label={t(`person.picker.chosen.${kind}`)}>
          {chips.map((chip, index) => {
            const name = chip.kind === 'code' ? nameOf(chip.code) : `${chip.text} ${ownWordsMark}`;
            return (
              <li key={entryKey(chip)} className={`code-chip${chip.kind === 'own-words' ? ' own-words-chip' : ''}`}>
                <span className="code-chip-name" {...getSelectedItemProps({ selectedItem: chip, index })}>
                  {chip.kind === 'code' ? (
                    <bdi>{name}</bdi>
                  ) : (
                    <>
                      <bdi dir="auto">{chip.text}</bdi> <span className="own-words-mark">{ownWordsMark}</span>
                    </>
                  )}
                </span>
                <button
                  type="button"
                  className="code-chip-remove"
                  disabled={props.disabled}
                  aria-label={t('person.picker.remove', { name })}
                  onClick={(event) => {
                    event.stopPropagation();
                    removeSelectedItem(chip);
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
        <PickerMenu
          isOpen={isOpen}
          items={items}
          keyOf={entryKey}
          render={(entry) => <EntryText entry={entry} nameOf={nameOf} />}
          highlightedIndex={highlightedIndex}
          getMenuProps={getMenuProps}
          getItemProps={getItemProps}
          status={status}
        />
      </div>
    </div>
  );
}
