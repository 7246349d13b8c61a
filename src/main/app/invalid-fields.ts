import type { z } from 'zod';
import type { ErrorParams, InvalidField } from '../../shared/errors';

/** Bounds and names only: an issue's input (the value the caller sent) never leaves main. */
function paramsOf(issue: z.core.$ZodIssue): ErrorParams {
  switch (issue.code) {
    case 'too_small':
      return { minimum: Number(issue.minimum), origin: issue.origin };
    case 'too_big':
      return { maximum: Number(issue.maximum), origin: issue.origin };
    case 'invalid_format':
      return { format: issue.format };
    case 'invalid_value':
      return { options: issue.values.map(String).join(', ') };
    case 'unrecognized_keys':
      return { keys: issue.keys.join(', ') };
    case 'custom': {
      const params = Object.entries(issue.params ?? {}).filter(
        (entry): entry is [string, string | number] => entry[0] !== 'rule' && (typeof entry[1] === 'string' || typeof entry[1] === 'number'),
      );
      return Object.fromEntries(params);
    }
    default:
      return {};
  }
}

/** A custom rule carries its own name (params.rule); zod's own checks are named by their code. */
function ruleOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' && typeof issue.params?.rule === 'string') return issue.params.rule;
  return issue.code;
}

/** Which fields failed and by which rule, for the CLI to name the option and the form the field. */
export function invalidFieldsOf(issues: readonly z.core.$ZodIssue[]): InvalidField[] {
  return issues.map((issue) => {
    const params = paramsOf(issue);
    return { path: issue.path.map(String).join('.'), rule: ruleOf(issue), ...(Object.keys(params).length > 0 ? { params } : {}) };
  });
}
