import { useTranslation } from 'react-i18next';
import type { CodeKind } from '../../../shared/catalogue';
import { IsolatedList, useCodeNames } from '../people/code-names';
import { isolate } from '../people/format';
import { splitCodes } from './draft';

/**
 * What the typed codes name, as the clerk types them ("Syria, Iraq"), and the codes to look at
 * again. A list field splits what is typed; a single-code field is one code, spaces and all.
 */
export function CodeNames({ id, kind, typed, isList }: { id: string; kind: CodeKind; typed: string; isList: boolean }) {
  const { t } = useTranslation();
  const codeNames = useCodeNames();
  const codes = isList ? splitCodes(typed) : typed.trim() === '' ? [] : [typed.trim()];
  const named = codes.flatMap((code) => {
    const name = codeNames.nameOf(kind, code);
    return name ? [name] : [];
  });
  // A single letter is a code being typed, not yet a mistake.
  const doubtful = codes.filter((code) => code.length > 1 && codeNames.isDoubtful(kind, code));
  return (
    <p id={id} className="hint code-names">
      {named.length > 0 && <IsolatedList items={named} type="unit" />}
      {doubtful.length > 0 && (
        <span className="code-unknown">
          {named.length > 0 && ' '}
          {t(`person.codesUnknown.${kind}`, { codes: doubtful.map(isolate).join(isList ? t('person.codeSeparator') : '') })}
        </span>
      )}
    </p>
  );
}
