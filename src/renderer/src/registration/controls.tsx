/**
 * One input per catalogue control. Each receives the ids of its hint, lock reason and error, so a
 * screen reader reads them with the control.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DOCUMENT_TYPES,
  INTERPRETER_PREFERENCES,
  NON_ANSWERS,
  isListedPronoun,
  PRONOUN_CHOICES,
  pronounIn,
  SEX_ON_DOCUMENT,
  type FieldKey,
} from '../../../shared/catalogue';
import { DateBox } from '../components/DateBox';
import { useCurrentLanguage } from '../components/LanguageSwitcher';
import { useCatalogueText } from '../people/catalogue-text';
import { CodePicker } from './CodePicker';
import { emptyAnswer, emptyDocument, type AnswerDraft, type BirthDraft, type DocumentDraft, type InterpreterDraft } from './draft';

export interface ControlProps<D> {
  id: string;
  fieldKey: FieldKey;
  value: D;
  onChange: (value: D) => void;
  disabled: boolean;
  invalid: boolean;
  describedBy: string | undefined;
}

function ariaOf<D>(props: ControlProps<D>) {
  return {
    id: props.id,
    disabled: props.disabled,
    'aria-invalid': props.invalid || undefined,
    'aria-describedby': props.describedBy,
  };
}

const NAME_FIELDS: readonly FieldKey[] = ['chosenName'];

export function TextControl(props: ControlProps<string> & { required?: boolean; autoFocus?: boolean }) {
  const { fieldKey, value, onChange, required, autoFocus } = props;
  return (
    <input
      {...ariaOf(props)}
      type={fieldKey === 'phone' ? 'tel' : 'text'}
      inputMode={fieldKey === 'phone' ? 'tel' : undefined}
      // Names and free answers are kept as typed, in any script.
      dir={fieldKey === 'phone' ? 'ltr' : 'auto'}
      autoComplete="off"
      autoCapitalize={NAME_FIELDS.includes(fieldKey) ? 'none' : undefined}
      spellCheck={false}
      aria-required={required || undefined}
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

export function LongTextControl(props: ControlProps<string>) {
  return <textarea {...ariaOf(props)} dir="auto" rows={4} value={props.value} onChange={(event) => props.onChange(event.target.value)} />;
}

/** The field's label (drawn by the frame) is `${id}-label`. */
export function DateControl(props: ControlProps<string>) {
  return (
    <DateBox
      id={props.id}
      labelledBy={`${props.id}-label`}
      describedBy={props.describedBy}
      value={props.value}
      onChange={props.onChange}
      invalid={props.invalid}
      disabled={props.disabled}
    />
  );
}

export function ListControl(props: ControlProps<string>) {
  return (
    <input
      {...ariaOf(props)}
      type="text"
      dir="ltr"
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
}

export function ChoiceControl(props: ControlProps<string> & { choices: readonly string[]; choiceList: string }) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  return (
    <select {...ariaOf(props)} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
      <option value="">{t('person.notRecorded')}</option>
      {props.choices.map((choice) => (
        <option key={choice} value={choice}>
          {text.choiceLabel(props.choiceList, choice)}
        </option>
      ))}
    </select>
  );
}

/** A checkbox group; the legend is the field's label (drawn by the frame). */
export function ChoicesControl(
  props: ControlProps<string[]> & { choices: readonly string[]; choiceList: string; notOffered?: ReadonlySet<string> | undefined },
) {
  return <CheckboxGroup {...props} />;
}

interface CheckboxGroupProps {
  choices: readonly string[];
  choiceList: string;
  value: readonly string[];
  onChange: (value: string[]) => void;
  disabled: boolean;
  /** Choices the site no longer offers, shown only because the record holds them. */
  notOffered?: ReadonlySet<string> | undefined;
}

function CheckboxGroup({ choices, choiceList, value, onChange, disabled, notOffered }: CheckboxGroupProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  return (
    <div className="choice-grid">
      {choices.map((choice) => (
        <label key={choice} className="checkbox-field choice-option">
          <input
            type="checkbox"
            disabled={disabled}
            checked={value.includes(choice)}
            onChange={(event) => onChange(event.target.checked ? [...value, choice] : value.filter((item) => item !== choice))}
          />
          <span>
            {text.choiceLabel(choiceList, choice)}
            {notOffered?.has(choice) && <span className="muted"> ({t('person.needNotOffered')})</span>}
          </span>
        </label>
      ))}
    </div>
  );
}

export function BooleanControl(props: ControlProps<boolean> & { label: string }) {
  return (
    <label className="checkbox-field" htmlFor={props.id}>
      <input
        {...ariaOf(props)}
        type="checkbox"
        checked={props.value}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

function Radio({ name, checked, disabled, onSelect, children, lang }: { name: string; checked: boolean; disabled: boolean; onSelect: () => void; children: ReactNode; lang?: string }) {
  return (
    <label className="checkbox-field radio-option" lang={lang}>
      <input type="radio" name={name} checked={checked} disabled={disabled} onChange={onSelect} />
      <span>{children}</span>
    </label>
  );
}

export function BirthControl(props: ControlProps<BirthDraft>) {
  const { t } = useTranslation();
  const { id, value, onChange, disabled } = props;
  const set = (change: Partial<BirthDraft>): void => onChange({ ...value, ...change });
  /** One labelled box of the birth control: a date, or a number typed as text. */
  const part = (name: 'date' | 'year' | 'age' | 'asOf', label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`} id={`${id}-${name}-label`}>
        {label}
      </label>
      {name === 'date' || name === 'asOf' ? (
        <DateBox
          id={`${id}-${name}`}
          labelledBy={`${id}-${name}-label`}
          disabled={disabled}
          invalid={props.invalid}
          value={value[name]}
          onChange={(day) => set({ [name]: day })}
        />
      ) : (
        <input
          id={`${id}-${name}`}
          type="text"
          inputMode="numeric"
          dir="ltr"
          className="narrow"
          autoComplete="off"
          disabled={disabled}
          aria-invalid={props.invalid || undefined}
          value={value[name]}
          onChange={(event) => set({ [name]: event.target.value })}
        />
      )}
    </div>
  );
  return (
    <div className="birth-control">
      <div className="radio-row">
        {/* The year first: most often all that is known, and one arrow key from "not recorded". */}
        {(['year', 'exact', 'age'] as const).map((precision) => (
          <Radio key={precision} name={`${id}-precision`} checked={value.precision === precision} disabled={disabled} onSelect={() => set({ precision })}>
            {t(`person.birth.${precision}`)}
          </Radio>
        ))}
        <Radio name={`${id}-precision`} checked={value.precision === ''} disabled={disabled} onSelect={() => set({ precision: '' })}>
          {t('person.notRecorded')}
        </Radio>
      </div>
      {value.precision === 'exact' && part('date', t('person.birth.date'))}
      {value.precision === 'year' && part('year', t('person.birth.yearLabel'))}
      {value.precision === 'age' && (
        <div className="inline-fields">
          {part('age', t('person.birth.ageLabel'))}
          {part('asOf', t('person.birth.asOf'))}
        </div>
      )}
    </div>
  );
}

/**
 * Listed answers, the person's own words, and the two non-answers, never conflated. For pronouns
 * the listed answers are those of the interface language (an answer recorded in another language
 * stays offered).
 */
export function AnswerControl(
  props: ControlProps<AnswerDraft> & {
    listed: readonly string[];
    choiceList: string;
    offersUseName?: boolean;
    /** The listed answer of this language that says the same as a stored one (she and هي), if any. */
    shownAs?: (stored: string) => string;
  },
) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const { id, value, onChange, disabled, listed, choiceList } = props;
  // A stored answer is shown as its equivalent here, and stays as stored unless the clerk picks another.
  const stored = value.kind === 'listed' && value.value ? (props.shownAs?.(value.value) ?? value.value) : undefined;
  const listedHere = stored !== undefined && !listed.includes(stored) ? [...listed, stored] : listed;
  const name = `${id}-answer`;
  // Before the answers, so that once one is picked, Tab goes on to the next question.
  const clear = value.kind !== '' && !disabled && (
    <button type="button" className="link-button clear-answer" onClick={() => onChange(emptyAnswer())}>
      {t('person.clearAnswer')}
    </button>
  );
  return (
    <div className="answer-control">
      {clear}
      <div className="radio-row">
        {listedHere.map((choice) => (
          <Radio
            key={choice}
            name={name}
            checked={stored === choice}
            disabled={disabled}
            onSelect={() => {
              if (stored !== choice) onChange({ ...value, kind: 'listed', value: choice });
            }}
          >
            {text.choiceLabel(choiceList, choice)}
          </Radio>
        ))}
        {props.offersUseName && (
          <Radio name={name} checked={value.kind === 'use-name'} disabled={disabled} onSelect={() => onChange({ ...value, kind: 'use-name' })}>
            {text.choiceLabel('answer', 'use-name')}
          </Radio>
        )}
      </div>
      <div className="own-words">
        <Radio name={name} checked={value.kind === 'self-described'} disabled={disabled} onSelect={() => onChange({ ...value, kind: 'self-described' })}>
          {text.choiceLabel('answer', 'self-described')}
        </Radio>
        {/* The box comes with its answer (or what is typed in it): one Tab stop less for every other answer. */}
        {(value.kind === 'self-described' || value.text !== '') && (
        <input
          type="text"
          dir="auto"
          autoComplete="off"
          aria-label={t('person.ownWordsFor', { field: t(`person.fields.${props.fieldKey}.label`) })}
          aria-invalid={(props.invalid && value.kind === 'self-described') || undefined}
          disabled={disabled}
          value={value.text}
          // Typing here is answering in the person's own words.
          onChange={(event) => onChange({ ...value, kind: 'self-described', text: event.target.value })}
        />
        )}
      </div>
      <div className="radio-row non-answers">
        {NON_ANSWERS.map((kind) => (
          <Radio key={kind} name={name} checked={value.kind === kind} disabled={disabled} onSelect={() => onChange({ ...value, kind })}>
            {text.choiceLabel('answer', kind)}
          </Radio>
        ))}
      </div>
    </div>
  );
}

export function PronounsControl(props: ControlProps<AnswerDraft>) {
  const language = useCurrentLanguage();
  return (
    <AnswerControl
      {...props}
      listed={PRONOUN_CHOICES[language]}
      choiceList="pronouns"
      offersUseName
      shownAs={(stored) => (isListedPronoun(stored) ? pronounIn(language, stored) : stored)}
    />
  );
}

export function InterpreterControl(props: ControlProps<InterpreterDraft>) {
  const { t } = useTranslation();
  const { id, value, onChange, disabled } = props;
  // The picker changes the code and the own words one after the other (one clears the other):
  // each change builds on the one before it, not on the value this render was given.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const change = (next: Partial<InterpreterDraft>): void => {
    latest.current = { ...latest.current, ...next };
    onChange(latest.current);
  };
  return (
    <div className="interpreter-control">
      <div className="field">
        <label htmlFor={`${id}-language`} id={`${id}-language-label`}>
          {t('person.interpreter.language')}
        </label>
        <CodePicker
          id={`${id}-language`}
          kind="language"
          disabled={disabled}
          invalid={props.invalid}
          describedBy={undefined}
          value={value.language.trim()}
          onChange={(language) => change({ language })}
          ownWords={{ value: value.languageOwnWords ?? [], onChange: (languageOwnWords) => change({ languageOwnWords }) }}
        />
      </div>
      <p className="sub-legend">{t('person.interpreter.preferences')}</p>
      <CheckboxGroup
        choices={INTERPRETER_PREFERENCES}
        choiceList="interpreter"
        value={value.preferences}
        disabled={disabled}
        onChange={(preferences) => change({ preferences })}
      />
    </div>
  );
}

/** Zero or more documents; each keeps a random id so edits and history follow the same document. */
export function DocumentsControl(props: ControlProps<DocumentDraft[]>) {
  const { t } = useTranslation();
  const { id, value, onChange, disabled } = props;
  const focusId = useRef<string | null>(null);

  useEffect(() => {
    if (!focusId.current) return;
    document.getElementById(`${id}-${focusId.current}-type`)?.focus();
    focusId.current = null;
  }, [id, value.length]);

  const update = (index: number, change: Partial<DocumentDraft>): void =>
    onChange(value.map((item, at) => (at === index ? { ...item, ...change } : item)));

  return (
    <div className="documents-control">
      {value.map((item, index) => (
        <DocumentFields
          key={item.id}
          baseId={`${id}-${item.id}`}
          number={index + 1}
          document={item}
          disabled={disabled}
          invalid={props.invalid}
          onChange={(change) => update(index, change)}
          onRemove={() => {
            onChange(value.filter((_, at) => at !== index));
            // The removed document's buttons are gone: keep the focus in the list.
            window.setTimeout(() => document.getElementById(`${id}-add`)?.focus());
          }}
        />
      ))}
      <button
        type="button"
        id={`${id}-add`}
        className="button button-secondary button-small"
        disabled={disabled}
        onClick={() => {
          const added = emptyDocument();
          focusId.current = added.id;
          onChange([...value, added]);
        }}
      >
        {value.length === 0 ? t('person.document.add') : t('person.document.addAnother')}
      </button>
    </div>
  );
}

interface DocumentFieldsProps {
  baseId: string;
  number: number;
  document: DocumentDraft;
  disabled: boolean;
  invalid: boolean;
  onChange: (change: Partial<DocumentDraft>) => void;
  onRemove: () => void;
}

function DocumentFields({ baseId, number, document, disabled, invalid, onChange, onRemove }: DocumentFieldsProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const input = (name: 'number' | 'nameOnDocument', extra: { dir: 'ltr' | 'auto'; className?: string }) => (
    <div className="field">
      <label htmlFor={`${baseId}-${name}`}>{t(`person.document.${name}`)}</label>
      <input
        id={`${baseId}-${name}`}
        type="text"
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        {...extra}
        value={document[name]}
        onChange={(event) => onChange({ [name]: event.target.value })}
      />
    </div>
  );
  const date = (name: 'issuedOn' | 'expiresOn') => (
    <div className="field">
      <label htmlFor={`${baseId}-${name}`} id={`${baseId}-${name}-label`}>
        {t(`person.document.${name}`)}
      </label>
      <DateBox
        id={`${baseId}-${name}`}
        labelledBy={`${baseId}-${name}-label`}
        disabled={disabled}
        value={document[name]}
        onChange={(day) => onChange({ [name]: day })}
      />
    </div>
  );
  return (
    <fieldset className="document-fields">
      <legend>{t('person.document.legend', { number })}</legend>
      <div className="document-grid">
        <div className="field">
          <label htmlFor={`${baseId}-type`}>{t('person.document.type')}</label>
          <select
            id={`${baseId}-type`}
            disabled={disabled}
            aria-invalid={(invalid && document.type === '') || undefined}
            value={document.type}
            onChange={(event) => onChange({ type: event.target.value })}
          >
            <option value="">{t('person.choose')}</option>
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {text.choiceLabel('documentType', type)}
              </option>
            ))}
          </select>
        </div>
        {input('nameOnDocument', { dir: 'auto' })}
        <div className="field">
          <label htmlFor={`${baseId}-sexOnDocument`}>{t('person.document.sexOnDocument')}</label>
          <select id={`${baseId}-sexOnDocument`} disabled={disabled} value={document.sexOnDocument} onChange={(event) => onChange({ sexOnDocument: event.target.value })}>
            <option value="">{t('person.notRecorded')}</option>
            {SEX_ON_DOCUMENT.map((sex) => (
              <option key={sex} value={sex}>
                {text.choiceLabel('sexOnDocument', sex)}
              </option>
            ))}
          </select>
        </div>
        {input('number', { dir: 'ltr' })}
        <div className="field">
          <label htmlFor={`${baseId}-issuingCountry`} id={`${baseId}-issuingCountry-label`}>
            {t('person.document.issuingCountry')}
          </label>
          <CodePicker
            id={`${baseId}-issuingCountry`}
            kind="region"
            disabled={disabled}
            invalid={false}
            describedBy={undefined}
            value={document.issuingCountry.trim()}
            onChange={(issuingCountry) => onChange({ issuingCountry })}
          />
        </div>
        {date('issuedOn')}
        {date('expiresOn')}
      </div>
      <button type="button" className="button button-danger-quiet button-small" disabled={disabled} onClick={onRemove}>
        {t('person.document.remove', { number })}
      </button>
    </fieldset>
  );
}
