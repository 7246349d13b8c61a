import { useId, useState, type FocusEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormHelpShown } from './form-help';
import {
  FIELDS,
  NEED_FIELDS,
  OWN_WORDS_MAX_ENTRIES,
  OWN_WORDS_MAX_LENGTH,
  ownWordsFieldOf,
  SECTIONS,
  type FieldKey,
  type NeedField,
  type Section,
} from '../../../shared/catalogue';
import { useCatalogueText } from '../people/catalogue-text';
import { needChoices, useSpecificNeeds } from '../people/specific-needs';
import { CodePicker, CodesPicker } from './CodePicker';
import type { Availability } from '../people/rights';
import {
  AnswerControl,
  BirthControl,
  BooleanControl,
  ChoiceControl,
  ChoicesControl,
  DateControl,
  DocumentsControl,
  InterpreterControl,
  ListControl,
  LongTextControl,
  PronounsControl,
  TextControl,
  type ControlProps,
} from './controls';
import {
  controlOf,
  type AnswerDraft,
  type BirthDraft,
  type DocumentDraft,
  type Draft,
  type FieldDraft,
  type InterpreterDraft,
  type Problems,
  splitCodes,
  valueOf,
} from './draft';

/** Controls drawn as a group (fieldset and legend) rather than one labelled input. */
const GROUPS = new Set(['choices', 'birth', 'pronouns', 'self-described', 'documents', 'interpreter']);

function isNeedField(key: FieldKey): key is NeedField {
  return (NEED_FIELDS as readonly FieldKey[]).includes(key);
}

/** Sections that hold only sensitive fields start closed: they are asked only when relevant. */
function startsOpen(section: Section): boolean {
  return Object.values(FIELDS).some((spec) => spec.section === section && spec.tier < 2);
}

export interface PersonFieldsEditorProps {
  /** The fields offered, in catalogue order; hidden ones are left out by the caller. */
  keys: readonly FieldKey[];
  availability: (key: FieldKey) => Availability;
  when: 'register' | 'update';
  draft: Draft;
  onChange: (key: FieldKey, value: FieldDraft) => void;
  problems: Problems;
  onFieldBlur?: (key: FieldKey) => void;
  /** Extra content after a field, such as the document-mismatch suggestion. */
  after?: (key: FieldKey) => ReactNode;
  autoFocusKey?: FieldKey;
  /** Section headings are h2 on a screen of their own, lower inside a panel. */
  headingLevel?: 2 | 3 | 4;
  /**
   * The questions asked first, in the order a conversation asks them (the registration form): one
   * open part before the catalogue's sections, which then start closed unless they hold an answer.
   */
  firstQuestions?: readonly FieldKey[];
  /** What comes right after the first questions, such as the consent asked before anything sensitive. */
  afterFirstQuestions?: ReactNode;
}

/**
 * An own-words field is edited in its code field's picker (languagesOwnWords in Languages spoken,
 * preferredLanguageOwnWords in Preferred language),
 * never on its own: the catalogue gives both the same tier and section, so both are offered or neither.
 */
function editedInPicker(key: FieldKey): boolean {
  return FIELDS[key].control === 'own-words';
}

/** The catalogue's fields, grouped by section in collapsible parts, in the catalogue's order. */
export function PersonFieldsEditor(props: PersonFieldsEditorProps) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const Heading = `h${props.headingLevel ?? 2}` as 'h2' | 'h3' | 'h4';
  const shown = props.keys.filter((key) => !editedInPicker(key));
  const first = props.firstQuestions?.filter((key) => shown.includes(key)) ?? [];
  const rest = shown.filter((key) => !first.includes(key));
  const holdsAnswer = (keys: readonly FieldKey[]) => keys.some((key) => valueOf(key, props.draft[key]).value !== undefined);
  // Sections that already hold an answer (when editing) start open too. After the first questions,
  // the others wait closed until the conversation comes to them.
  const [open, setOpen] = useState<Record<Section | 'first', boolean>>(
    () =>
      ({
        first: true,
        ...Object.fromEntries(
          SECTIONS.map((section) => [
            section,
            (props.firstQuestions === undefined && startsOpen(section)) || holdsAnswer(rest.filter((key) => FIELDS[key].section === section)),
          ]),
        ),
      }) as Record<Section | 'first', boolean>,
  );

  const part = (name: Section | 'first', label: string, keys: readonly FieldKey[]) => {
    const hasProblem = keys.some((key) => props.problems[key]);
    return (
      <details
        key={name}
        className={`form-section${name === 'first' ? ' first-questions' : ''}`}
        open={open[name] || hasProblem}
        onToggle={(event) => {
          const isOpen = event.currentTarget.open;
          setOpen((current) => (current[name] === isOpen ? current : { ...current, [name]: isOpen }));
        }}
      >
        <summary>
          <Heading>{label}</Heading>
        </summary>
        <div className="form-section-body">
          {keys.map((key) => (
            <div key={key} className="field-slot">
              <FieldEditor {...props} fieldKey={key} />
              {props.after?.(key)}
            </div>
          ))}
        </div>
      </details>
    );
  };

  return (
    <div className="form-sections">
      {first.length > 0 && part('first', t('person.sections.first'), first)}
      {props.afterFirstQuestions}
      {SECTIONS.map((section) => {
        const keys = rest.filter((key) => FIELDS[key].section === section);
        return keys.length === 0 ? null : part(section, text.sectionLabel(section), keys);
      })}
    </div>
  );
}

function FieldEditor(props: PersonFieldsEditorProps & { fieldKey: FieldKey }) {
  const { t } = useTranslation();
  const text = useCatalogueText();
  const { entries: needs } = useSpecificNeeds();
  const baseId = useId();
  const { fieldKey: key, draft, problems, when } = props;
  const spec = FIELDS[key];
  const control = controlOf(key);
  const availability = props.availability(key);
  const disabled = availability.state === 'needs-consent';
  // Words in the person's own words are typed in this field's picker: their problem shows here.
  const ownWordsKey = ownWordsFieldOf(key);
  const ownWordsKeyShown = ownWordsKey !== undefined && props.keys.includes(ownWordsKey) ? ownWordsKey : undefined;
  const problem = problems[key] ?? (ownWordsKeyShown ? problems[ownWordsKeyShown] : undefined);
  const required = 'required' in spec && spec.required === true;
  const id = `${baseId}-${key}`;
  const helpId = `${id}-help`;
  const lockedId = `${id}-locked`;
  const errorId = `${id}-error`;
  const codeKind = 'codes' in spec ? spec.codes : undefined;
  const label = text.fieldLabel(key);
  // Help for a sensitive question is always in sight; the others follow the form's rule (form-help.ts),
  // and the field's info button shows or hides its own.
  const sensitive = spec.tier === 2;
  const helpEverywhere = useFormHelpShown();
  // A field's own choice holds until the toggle beside Register changes them all.
  const [own, setOwn] = useState<{ shown: boolean; under: boolean } | null>(null);
  const helpShown = sensitive || (own !== null && own.under === helpEverywhere ? own.shown : helpEverywhere);
  const describedBy = [helpShown ? helpId : null, disabled ? lockedId : null, problem ? errorId : null].filter(Boolean).join(' ') || undefined;

  const common = {
    id,
    fieldKey: key,
    disabled,
    invalid: problem !== undefined,
    describedBy,
    onChange: (value: FieldDraft) => props.onChange(key, value),
  };
  const as = <D,>(value: FieldDraft | undefined) => ({ ...common, value: value as D }) as ControlProps<D>;
  // What the record held when the form opened, and what is ticked now, stay on show even when the
  // site no longer offers them: unticking can be undone, and nothing ticked is ever out of sight.
  const [heldAtOpening] = useState(() => (isNeedField(key) && Array.isArray(draft[key]) ? (draft[key] as string[]) : []));
  const ticked = Array.isArray(draft[key]) ? (draft[key] as string[]) : [];
  const fromSite = isNeedField(key) ? needChoices(needs, key, [...heldAtOpening, ...ticked]) : undefined;
  const choices = fromSite?.choices ?? ('choices' in spec ? spec.choices : []);
  const choiceList = 'choiceList' in spec ? spec.choiceList : '';

  let input: ReactNode;
  // A field whose values are codes is picked by name; its draft stays the codes as text.
  if (codeKind && (control === 'text' || control === 'list')) {
    const picker = { id, kind: codeKind, disabled, invalid: problem !== undefined, describedBy };
    const typed = typeof draft[key] === 'string' ? (draft[key] as string) : '';
    const ownWords = ownWordsKeyShown
      ? {
          value: Array.isArray(draft[ownWordsKeyShown]) ? (draft[ownWordsKeyShown] as string[]) : [],
          onChange: (entries: string[]) => props.onChange(ownWordsKeyShown, entries),
        }
      : undefined;
    input =
      control === 'list' ? (
        <CodesPicker {...picker} value={splitCodes(typed)} onChange={(codes) => props.onChange(key, codes.join(', '))} ownWords={ownWords} />
      ) : (
        <CodePicker {...picker} value={typed.trim()} onChange={(code) => props.onChange(key, code)} ownWords={ownWords} />
      );
  } else switch (control) {
    case 'text':
      input = <TextControl {...as<string>(draft[key])} required={required} autoFocus={props.autoFocusKey === key} />;
      break;
    case 'longtext':
      input = <LongTextControl {...as<string>(draft[key])} />;
      break;
    case 'date':
      input = <DateControl {...as<string>(draft[key])} />;
      break;
    case 'choice':
      input = <ChoiceControl {...as<string>(draft[key])} choices={choices} choiceList={choiceList} />;
      break;
    case 'choices':
      input = <ChoicesControl {...as<string[]>(draft[key])} choices={choices} choiceList={choiceList} notOffered={fromSite?.notOffered} />;
      break;
    case 'boolean':
      input = <BooleanControl {...as<boolean>(draft[key])} label={label} />;
      break;
    case 'list':
      input = <ListControl {...as<string>(draft[key])} />;
      break;
    case 'birth':
      input = <BirthControl {...as<BirthDraft>(draft[key])} />;
      break;
    case 'pronouns':
      input = <PronounsControl {...as<AnswerDraft>(draft[key])} />;
      break;
    case 'self-described':
      input = <AnswerControl {...as<AnswerDraft>(draft[key])} listed={choices} choiceList={choiceList} />;
      break;
    case 'documents':
      input = <DocumentsControl {...as<DocumentDraft[]>(draft[key])} />;
      break;
    case 'interpreter':
      input = <InterpreterControl {...as<InterpreterDraft>(draft[key])} />;
      break;
    case 'own-words':
      // Drawn inside its code field's picker (see editedInPicker).
      input = null;
      break;
  }

  // Out of the Tab order, so that the questions of a registration are reached with one Tab each: the
  // "help under every field" toggle beside Register shows every help text from the keyboard, and a
  // screen reader reaches each button in its reading mode. A sensitive question has no button: its
  // help is always shown.
  const infoButton = !sensitive && (
    <button
      type="button"
      className="info-button"
      tabIndex={-1}
      aria-expanded={helpShown}
      aria-controls={helpId}
      aria-label={t('person.aboutField', { field: label })}
      onClick={() => setOwn({ shown: !helpShown, under: helpEverywhere })}
    >
      <span aria-hidden="true">i</span>
    </button>
  );
  const hints = (
    <>
      <p id={helpId} className="hint field-help" hidden={!helpShown}>
        {text.fieldHelp(key)}
        {!required && <> {text.tierNote(spec.tier)}</>}
      </p>
      {availability.state === 'needs-consent' && (
        <p id={lockedId} className="hint hint-locked">
          {t(`person.locked.${when}.${availability.purpose}`)}
        </p>
      )}
    </>
  );
  const error = problem && (
    <p id={errorId} className="field-error">
      {t(`validation.${problem}`, { max: OWN_WORDS_MAX_LENGTH, entries: OWN_WORDS_MAX_ENTRIES })}
    </p>
  );
  const className = `person-field${disabled ? ' is-locked' : ''}${problem ? ' has-problem' : ''}`;
  // Leaving the field, not moving between its own inputs (a document's parts, an answer's radios).
  const onBlur = props.onFieldBlur
    ? (event: FocusEvent<HTMLElement>) => {
        if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
        props.onFieldBlur?.(key);
      }
    : undefined;

  if (GROUPS.has(control)) {
    return (
      <fieldset className={className} aria-describedby={describedBy} onBlur={onBlur} data-field={key}>
        <legend>{label}</legend>
        {infoButton}
        {hints}
        {input}
        {error}
      </fieldset>
    );
  }
  return (
    <div className={className} onBlur={onBlur} data-field={key}>
      {control === 'boolean' ? (
        input
      ) : (
        <label htmlFor={id} id={`${id}-label`}>
          {label}
          {required && <span className="required-mark" aria-hidden="true"> {t('person.required')}</span>}
        </label>
      )}
      {infoButton}
      {hints}
      {control !== 'boolean' && input}
      {error}
    </div>
  );
}
