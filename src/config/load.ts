// Loads a config file: YAML → ${ENV} secrets → schema → cross-checks. Every problem
// is reported as `file:line: field.path: what is wrong`, all of them at once.
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { crossCheck } from './cross-check.js';
import { resolveSecrets } from './env.js';
import { ConfigError } from './errors.js';
import { reportIssue } from './issues.js';
import { resolvePaths } from './paths.js';
import { escapeControls, formatPath, lineOfPath, type Path } from './problems.js';
import { readConfigText } from './read.js';
import { configSchema, type ParsedConfig } from './schema.js';

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
