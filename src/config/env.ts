// ${ENV} references in the config's values: replaced by the environment's value, which
// becomes a secret (redacted wherever it would be stored or shown).
import type { Path, Report } from './problems.js';

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function resolveSecrets(
  value: unknown,
  path: Path,
  env: Record<string, string | undefined>,
  secrets: Set<string>,
  report: Report,
): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (whole, name: string) => {
      const v = env[name];
      if (v === undefined || v === '') {
        report(path, `environment variable ${name} is not set (referenced as ${whole})`);
        return whole;
      }
      secrets.add(v);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveSecrets(v, [...path, i], env, secrets, report));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveSecrets(v, [...path, k], env, secrets, report)]),
    );
  }
  return value;
}
