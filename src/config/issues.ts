// The schema's (zod's) issues, said in the config's words: which field, what it got, what
// it takes. Values are quoted redacted and shortened.
import type { z } from 'zod';
import type { Report } from './problems.js';

/** Redacts secrets before shortening: a cut secret would no longer match, and its start would be shown. */
function describeValue(value: unknown, redact: (s: string) => string): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const text = redact(value);
    return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  }
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
    ? String(value)
    : typeof value;
}

export function reportIssue(issue: z.core.$ZodIssue, report: Report, redact: (s: string) => string): void {
  const describe = (value: unknown) => describeValue(value, redact);
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) report([...path, key], `unknown field "${key}"`);
      return;
    case 'invalid_type':
      if (issue.input === undefined) report(path, `required field is missing`, false);
      else
        report(
          path,
          `expected ${issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, got ${describe(issue.input)}`,
        );
      return;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        const got = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator];
        report(
          path,
          got === undefined
            ? `required field is missing (one of: ${options.join(', ')})`
            : `unknown ${issue.discriminator} ${describe(got)} (use one of: ${options.join(', ')})`,
        );
        return;
      }
      report(path, issue.message);
      return;
    case 'invalid_value':
      report(path, `${describe(issue.input)} is not allowed (use one of: ${issue.values.map(String).join(', ')})`);
      return;
    case 'too_small':
      report(
        path,
        issue.origin === 'array'
          ? issue.message.replace(/^Too small: expected array to have >=?/, 'needs at least')
          : `${describe(issue.input)} is too small (minimum ${String(issue.minimum)})`,
      );
      return;
    case 'too_big':
      report(path, `${describe(issue.input)} is too large (maximum ${String(issue.maximum)})`);
      return;
    case 'invalid_format':
      report(
        path,
        `${describe(issue.input)} ${issue.message.startsWith('expected') ? `is invalid: ${issue.message}` : issue.message}`,
      );
      return;
    case 'custom': {
      const quoted = (issue.params as { quoted?: unknown } | undefined)?.quoted;
      report(
        path,
        typeof quoted === 'string'
          ? `${quoted ? `${quoted} ` : ''}${describe(issue.input)} ${issue.message}`
          : issue.message,
      );
      return;
    }
    default:
      report(path, issue.message);
  }
}
