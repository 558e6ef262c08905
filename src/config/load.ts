// Loads a config file: YAML → ${ENV} secrets → schema → cross-checks. Every problem
// is reported as `file:line: field.path: what is wrong`, all of them at once.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import cron from 'node-cron';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './errors.js';
import { readConfigText } from './read.js';
import { configSchema, type AlertsConfig, type ParsedConfig } from './schema.js';

export { ConfigError } from './errors.js';

export interface LoadedConfig extends ParsedConfig {
  /** Absolute path of the file, or a label such as "demo". */
  source: string;
  /** Every value that came from a ${ENV} reference: redacted wherever it would be stored or shown. */
  secrets: string[];
}

export interface LoadOptions {
  env?: Record<string, string | undefined>;
  /** The label used in messages instead of the file path (the bundled demo). */
  label?: string;
}

type Path = (string | number)[];

export function loadConfigFile(file: string, options: LoadOptions = {}): LoadedConfig {
  const abs = resolve(file);
  const text = readConfigText(file, abs);
  return parseConfigText(text, { ...options, label: options.label ?? file, baseDir: dirname(abs), source: abs });
}

export function parseConfigText(
  text: string,
  options: LoadOptions & { baseDir: string; source: string },
): LoadedConfig {
  const label = options.label ?? options.source;
  const env = options.env ?? process.env;
  const lineCounter = new LineCounter();
  // logLevel error: the yaml library's warnings (a list used as a key) would reach stderr as Node warnings.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;

  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors
        .slice(0, 10)
        .map((e) => `${label}:${lineOf(e.pos[0])}: YAML syntax error: ${escapeControls(syntaxMessage(e.message))}`),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ConfigError([`${label}:1: ${(err as Error).message}`]);
  }
  const loop = selfReference(raw, []);
  if (loop)
    throw new ConfigError([
      `${label}:${lineOfPath(doc, loop, lineOf, true)}: ${formatPath(loop) || 'the config'}: contains itself (a YAML alias inside its own anchor)`,
    ]);
  if (raw === null || raw === undefined) throw new ConfigError([`${label}:1: the config file is empty`]);
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError([
      `${label}:1: expected a mapping of fields (historyDays, users, services, tasks, …) at the top`,
    ]);

  const problems: { line: number; text: string }[] = [];
  const report = (path: Path, message: string, atKey = true) => {
    problems.push({
      line: lineOfPath(doc, path, lineOf, atKey),
      text: `${formatPath(path)}${path.length ? ': ' : ''}${message}`,
    });
  };

  const secrets = new Set<string>();
  const resolved = resolveSecrets(raw, [], env, secrets, report);
  const redact = (s: string) => [...secrets].reduce((acc, v) => (v.length >= 4 ? acc.split(v).join('***') : acc), s);

  const parsed = configSchema.safeParse(resolved, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(issue, report, redact);
  } else {
    crossCheck(parsed.data, options.baseDir, report);
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    throw new ConfigError(problems.map((p) => `${label}:${p.line}: ${escapeControls(redact(p.text))}`));
  }
  const config = parsed.data!;
  resolvePaths(config, options.baseDir);
  return { ...config, source: options.source, secrets: [...secrets] };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** A value quoted in a problem (a cron text, a path, a user name) stays on its line and cannot drive the terminal. */
function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\t'
        ? '\\t'
        : c === '\r'
          ? '\\r'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function syntaxMessage(message: string): string {
  const first = firstLine(message);
  return /maximum call stack/i.test(first) ? 'nested too deeply' : first;
}

/** The path of the first value that contains itself (`a: &a [*a]`), which would recurse forever; null if none. */
function selfReference(value: unknown, path: Path, ancestors = new Set<unknown>()): Path | null {
  if (value === null || typeof value !== 'object') return null;
  if (ancestors.has(value)) return path;
  ancestors.add(value);
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [key, child] of entries) {
    const found = selfReference(child, [...path, key], ancestors);
    if (found) return found;
  }
  ancestors.delete(value);
  return null;
}

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function resolveSecrets(
  value: unknown,
  path: Path,
  env: Record<string, string | undefined>,
  secrets: Set<string>,
  report: (path: Path, message: string, atKey?: boolean) => void,
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

function reportIssue(
  issue: z.core.$ZodIssue,
  report: (path: Path, message: string, atKey?: boolean) => void,
  redact: (s: string) => string,
): void {
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

function crossCheck(
  c: ParsedConfig,
  baseDir: string,
  report: (path: Path, message: string, atKey?: boolean) => void,
): void {
  duplicates(
    c.services.map((s) => s.id),
    (i, v) => report(['services', i, 'id'], `duplicate service id "${v}"`),
  );
  duplicates(
    c.tasks.map((t) => t.id),
    (i, v) => report(['tasks', i, 'id'], `duplicate task id "${v}"`),
  );
  duplicates(
    c.users.map((u) => u.name),
    (i, v) => report(['users', i, 'name'], `duplicate user "${v}"`),
  );
  const serviceIds = new Set(c.services.map((s) => s.id));
  if (!cron.validate(c.engine.purgeSchedule))
    report(['engine', 'purgeSchedule'], `"${c.engine.purgeSchedule}" is not a cron expression`);
  if (c.engine.heartbeat * 2 > c.engine.leaseTtl)
    report(['engine', 'heartbeat'], `must be at most half of leaseTtl, so a lease survives one missed heartbeat`);

  if (c.alerts) checkAlerts(c.alerts, baseDir, report);

  c.tasks.forEach((t, i) => {
    if (!serviceIds.has(t.service))
      report(['tasks', i, 'service'], `no service "${t.service}" (services: ${[...serviceIds].join(', ')})`);
    if (t.interval === undefined && t.schedule === undefined)
      report(['tasks', i], 'needs an interval (e.g. 5m) or a schedule (cron)', false);
    if (t.interval !== undefined && t.schedule !== undefined)
      report(['tasks', i, 'schedule'], 'give an interval or a schedule, not both');
    if (t.schedule !== undefined) {
      const check = cron.validateDetailed(t.schedule) as { valid: boolean; errors?: { message: string }[] };
      if (!check.valid)
        report(
          ['tasks', i, 'schedule'],
          `"${t.schedule}" is not a cron expression${check.errors?.[0] ? ` (${check.errors[0].message})` : ''}`,
        );
    }
    if (t.maxInterval !== undefined && t.interval === undefined)
      report(['tasks', i, 'maxInterval'], 'only an interval task has a maxInterval');
    if (t.maxInterval !== undefined && t.interval !== undefined && t.maxInterval < t.interval) {
      report(['tasks', i, 'maxInterval'], 'must not be shorter than interval');
    }
    if (t.handler.kind === 'module') {
      const file = resolve(baseDir, t.handler.module);
      if (!existsSync(file)) report(['tasks', i, 'handler', 'module'], `module file ${file} does not exist`);
    }
    if (t.handler.kind === 'command' && looksLikePath(t.handler.command)) {
      const file = resolve(baseDir, t.handler.command);
      if (!existsSync(file)) report(['tasks', i, 'handler', 'command'], `program ${file} does not exist`);
    }
  });
}

function checkAlerts(
  a: AlertsConfig,
  baseDir: string,
  report: (path: Path, message: string, atKey?: boolean) => void,
): void {
  duplicates(
    a.channels.map((ch) => ch.name),
    (i, v) => report(['alerts', 'channels', i, 'name'], `duplicate channel name "${v}"`),
  );
  if (a.maxRetryInterval < a.retryInterval)
    report(['alerts', 'maxRetryInterval'], 'must not be shorter than retryInterval');
  a.channels.forEach((ch, i) => {
    if (ch.kind === 'command' && looksLikePath(ch.command) && !existsSync(resolve(baseDir, ch.command))) {
      report(['alerts', 'channels', i, 'command'], `program ${resolve(baseDir, ch.command)} does not exist`);
    }
  });
}

function looksLikePath(command: string): boolean {
  return command.includes('/') || command.startsWith('.');
}

function resolvePaths(c: ParsedConfig, baseDir: string): void {
  // A postgres:// URL is a server, not a path.
  const db = c.database.location;
  if (db !== undefined && !isAbsolute(db) && !/^postgres(ql)?:\/\//i.test(db))
    c.database.location = resolve(baseDir, db);
  for (const t of c.tasks) {
    if (t.handler.kind === 'module') t.handler.module = resolve(baseDir, t.handler.module);
    if (t.handler.kind === 'command') {
      if (looksLikePath(t.handler.command)) t.handler.command = resolve(baseDir, t.handler.command);
      t.handler.cwd = resolve(baseDir, t.handler.cwd ?? '.');
    }
  }
  for (const ch of c.alerts?.channels ?? []) {
    if (ch.kind === 'command' && looksLikePath(ch.command)) ch.command = resolve(baseDir, ch.command);
  }
}

function duplicates(values: string[], onDuplicate: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) onDuplicate(i, v);
    seen.add(v);
  });
}

export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** The line of the node at `path`: the key's line for a field, the nearest existing parent otherwise. */
function lineOfPath(doc: Document, path: Path, lineOf: (offset: number) => number, atKey: boolean): number {
  let node: unknown = doc.contents;
  let line = node && (node as Node).range ? lineOf((node as Node).range![0]) : 1;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const at = atKey ? keyNode?.range : (valueNode?.range ?? keyNode?.range);
      if (at) line = lineOf(at[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      if (item.range) line = lineOf(item.range[0]);
      node = item;
    } else break;
  }
  return line;
}
