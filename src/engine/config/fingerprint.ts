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

/**
 * JSON with keys sorted at every level and strings redacted: the same definitions give the
 * same text. Plain loops: it runs once per definition at a start (500 tasks: thousands of
 * small objects), before V8 optimises it.
 */
function canonical(value: unknown, redactor: Redactor): string {
  if (typeof value === 'string') return JSON.stringify(redactor.text(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonical(value[i], redactor);
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // Keys are strings: the default sort compares them as `a < b` does.
    const keys = Object.keys(object).sort();
    let out = '{';
    for (const key of keys) {
      const v = object[key];
      if (v === undefined) continue;
      out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonical(v, redactor)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value ?? null);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function fingerprintOf(config: Pick<LoadedConfig, 'services' | 'tasks' | 'secrets'>): ConfigFingerprint {
  const redactor = createConfigRedactor(config);
  // Each service's text once: every task's hash includes its service's.
  const serviceTexts = new Map(config.services.map((s) => [s.id, canonical(s, redactor)]));
  const tasks = new Map(
    // canonical({ task, service }): "service" sorts before "task".
    config.tasks.map((t) => [
      t.id,
      sha256(`{"service":${serviceTexts.get(t.service) ?? 'null'},"task":${canonical(t, redactor)}}`),
    ]),
  );
  const serviceHashes = config.services.map((s) => `${s.id}:${sha256(serviceTexts.get(s.id)!)}`).sort();
  const taskHashes = [...tasks].map(([id, hash]) => `${id}:${hash}`).sort();
  return { version: sha256(JSON.stringify({ services: serviceHashes, tasks: taskHashes })), tasks };
}
