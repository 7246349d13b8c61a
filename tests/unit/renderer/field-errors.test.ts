import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RpcError } from '../../../src/shared/errors';
import { initI18n } from '../../../src/shared/i18n';
import { CheckboxField, SelectField, TextField } from '../../../src/renderer/src/components/Fields';
import { fieldErrorText, placeFieldErrors } from '../../../src/renderer/src/field-errors';
import { statsProblemOf, statsRefusalOf } from '../../../src/renderer/src/stats/problems';

/** The attributes of the first element matching `tag` in static markup. */
function attributesOf(html: string, tag: string): Record<string, string> {
  const element = new RegExp(`<${tag}\\b([^>]*)>`).exec(html)?.[1] ?? '';
  return Object.fromEntries([...element.matchAll(/([\w-]+)="([^"]*)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

const noop = (): void => undefined;

describe('field components with an error', () => {
  it('mark the box invalid and describe it by the hint, then the error, shown under the box', () => {
    const html = renderToStaticMarkup(createElement(TextField, { label: 'To', hint: 'Last day', error: 'the period is at most 10 years', value: '', onChange: noop }));
    const input = attributesOf(html, 'input');
    expect(input['aria-invalid']).toBe('true');
    const [hintId, errorId, ...rest] = (input['aria-describedby'] ?? '').split(' ');
    expect(rest).toEqual([]);
    expect(html).toContain(`<p id="${hintId}" class="hint">Last day</p>`);
    expect(html).toContain(`<p id="${errorId}" class="field-error">the period is at most 10 years</p>`);
    expect(errorId).not.toBe(hintId);
    expect(html.indexOf('<input')).toBeLessThan(html.indexOf('field-error'));
  });

  it('say nothing more without an error', () => {
    const html = renderToStaticMarkup(createElement(TextField, { label: 'To', value: '', onChange: noop }));
    const input = attributesOf(html, 'input');
    expect(input['aria-invalid']).toBeUndefined();
    expect(input['aria-describedby']).toBeUndefined();
    expect(html).not.toContain('field-error');
  });

  it('describe an error alone when there is no hint, in a select and a checkbox too', () => {
    const select = renderToStaticMarkup(
      createElement(SelectField<'a'>, { label: 'Role', error: 'must be one of: a', value: 'a', options: [{ value: 'a', label: 'A' }], onChange: noop }),
    );
    const selectAttributes = attributesOf(select, 'select');
    expect(selectAttributes['aria-invalid']).toBe('true');
    expect(select).toContain(`<p id="${selectAttributes['aria-describedby']}" class="field-error">must be one of: a</p>`);

    const checkbox = renderToStaticMarkup(createElement(CheckboxField, { label: 'Round', hint: 'After suppression', error: 'is not valid', checked: false, onChange: noop }));
    const box = attributesOf(checkbox, 'input');
    expect(box['aria-invalid']).toBe('true');
    expect((box['aria-describedby'] ?? '').split(' ')).toHaveLength(2);
  });
});

describe('main refusals beside their fields', () => {
  const refusal: RpcError = {
    code: 'invalid_input',
    fields: [
      { path: 'userName', rule: 'too_small', params: { minimum: 1, origin: 'string' } },
      { path: 'userName', rule: 'too_big', params: { maximum: 100, origin: 'string' } },
      { path: 'role', rule: 'invalid_value', params: { options: 'clerk, supervisor' } },
    ],
  };

  it('keeps the first error of each field the form shows, and says whether some went elsewhere', () => {
    expect(placeFieldErrors(refusal, ['userName', 'password'])).toEqual({ fields: { userName: { rule: refusal.fields?.[0] } }, unplaced: true });
    expect(placeFieldErrors(refusal, ['userName', 'role'])?.unplaced).toBe(false);
    expect(placeFieldErrors(refusal, ['password'])).toBeNull();
    expect(placeFieldErrors({ code: 'user_exists' }, ['userName'])).toBeNull();
  });

  it('words a rule in the reader language', () => {
    const field = { path: 'to', rule: 'period_too_long', params: { years: 10 } };
    expect(fieldErrorText({ rule: field }, initI18n('en').t)).toBe('the period is at most 10 years');
    expect(fieldErrorText({ rule: field }, initI18n('ar').t)).toBe('لا تتجاوز الفترة 10 سنوات');
    expect(fieldErrorText({ message: { key: 'stats.screen.errors.toMissing' } }, initI18n('fr').t)).toBe('Indiquez le dernier jour de la période.');
  });
});

describe('statistics request refusals', () => {
  const en = initI18n('en').t;

  it('puts the period rules beside "to" in the shared words, and k rules in the screen words', () => {
    const { fields, alert } = statsRefusalOf(
      {
        code: 'invalid_input',
        fields: [
          { path: 'k', rule: 'too_small', params: { minimum: 3, origin: 'number' } },
          { path: 'kSensitive', rule: 'k_sensitive_below_k' },
          { path: 'to', rule: 'period_too_long', params: { years: 10 } },
        ],
      },
      20,
    );
    expect(alert).toBeNull();
    expect(fields.to && fieldErrorText(fields.to, en)).toBe('the period is at most 10 years');
    expect(fields.k && fieldErrorText(fields.k, en)).toBe('The smallest count published must be a whole number of at least 3. It may be raised, never lowered.');
    expect(fields.kSensitive && fieldErrorText(fields.kSensitive, en)).toContain('(20)');
    expect(fields.from).toBeUndefined();
  });

  it('keeps what concerns no field in the alert', () => {
    expect(statsRefusalOf({ code: 'stats_unprotectable', params: { numbers: 2 } }, 5)).toEqual({
      fields: {},
      alert: { key: 'errors.stats_unprotectable', params: { numbers: 2 } },
    });
    expect(statsRefusalOf({ code: 'invalid_input', fields: [{ path: 'to', rule: 'period_reversed' }, { path: 'format', rule: 'invalid_value' }] }, 5).alert).toEqual({
      key: 'errors.invalid_input',
    });
  });

  it('places a refusal main built in code by its rule name', () => {
    expect(statsRefusalOf({ code: 'invalid_input', params: { rule: 'period', maximumDays: 3700 } }, 5).fields.to).toEqual({
      message: { key: 'stats.screen.errors.period' },
    });
    expect(statsProblemOf({ code: 'invalid_input', params: { rule: 'k-minimum', minimum: 3 } }, 5)).toEqual({ key: 'stats.screen.errors.kMinimum', params: { min: 3 } });
  });
});
