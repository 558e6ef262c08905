// Which config an instance runs, as hashes: one per task (its definition, handler settings
// and service included) and one for the whole set of definitions (the fleet version). Secrets
// are redacted first: a token from ${ENV} may differ per computer and is not a definition,
// and a hash stored in the database must not help anyone guess one (docs/ARCHITECTURE.md, Config).
import { createHash } from 'node:crypto';
import type { LoadedConfig } from '../../config/load.js';
import { createConfigRedactor, type Redactor } from '../diagnostics/redact.js';

export interface ConfigFingerprint {
  /** Hash of every service and task definition: what fleet_config records. */
  version: string;
  /** Task id → hash of its definition. */
  tasks: ReadonlyMap<string, string>;
}

/** JSON with keys sorted at every level and strings redacted: the same definitions give the same text. */
function canonical(value: unknown, redactor: Redactor): string {
  if (typeof value === 'string') return JSON.stringify(redactor.text(value));
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, redactor)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, redactor)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function fingerprintOf(config: Pick<LoadedConfig, 'services' | 'tasks' | 'secrets'>): ConfigFingerprint {
  const redactor = createConfigRedactor(config);
  const services = new Map(config.services.map((s) => [s.id, s]));
  const tasks = new Map(
    config.tasks.map((t) => [t.id, sha256(canonical({ task: t, service: services.get(t.service) ?? null }, redactor))]),
  );
  const serviceHashes = config.services.map((s) => `${s.id}:${sha256(canonical(s, redactor))}`).sort();
  const taskHashes = [...tasks].map(([id, hash]) => `${id}:${hash}`).sort();
  return { version: sha256(JSON.stringify({ services: serviceHashes, tasks: taskHashes })), tasks };
}
