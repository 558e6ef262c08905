// Command-line parsing (docs/cli.md). Global options are accepted before or after the
// command; each command accepts only its own options, and a value of the wrong type is
// a usage error (exit 2) that names the option.
import { OUTCOMES } from '../engine/types.js';
import { parseWhen, WHEN_FORMS } from '../engine/when.js';
import { usageError } from './errors.js';

export const COMMANDS = [
  'ui',
  'engine',
  'status',
  'run',
  'stop',
  'pause',
  'resume',
  'history',
  'show',
  'purge',
  'check-config',
  'migrate-store',
  'alerts',
  'instances',
  'help',
] as const;
export type Command = (typeof COMMANDS)[number];

type Kind = 'flag' | 'string' | 'positive-int' | 'lang' | 'outcome' | 'when';
const OPTIONS: Record<string, { kind: Kind; commands: readonly Command[] | 'all' }> = {
  config: { kind: 'string', commands: 'all' },
  db: { kind: 'string', commands: 'all' },
  user: { kind: 'string', commands: 'all' },
  lang: { kind: 'lang', commands: 'all' },
  'no-color': { kind: 'flag', commands: 'all' },
  help: { kind: 'flag', commands: 'all' },
  json: {
    kind: 'flag',
    commands: ['status', 'run', 'history', 'show', 'purge', 'migrate-store', 'alerts', 'instances'],
  },
  task: { kind: 'string', commands: ['history'] },
  service: { kind: 'string', commands: ['history'] },
  type: { kind: 'string', commands: ['history'] },
  outcome: { kind: 'outcome', commands: ['history'] },
  errors: { kind: 'flag', commands: ['history'] },
  by: { kind: 'string', commands: ['history'] },
  since: { kind: 'when', commands: ['history'] },
  until: { kind: 'when', commands: ['history'] },
  limit: { kind: 'positive-int', commands: ['history', 'alerts'] },
  before: { kind: 'positive-int', commands: ['history'] },
  from: { kind: 'string', commands: ['migrate-store'] },
  to: { kind: 'string', commands: ['migrate-store'] },
};

const POSITIONALS: Record<Command, { min: number; max: number; names: string }> = {
  ui: { min: 0, max: 0, names: '' },
  engine: { min: 0, max: 0, names: '' },
  status: { min: 0, max: 0, names: '' },
  run: { min: 1, max: 1, names: 'TASK' },
  stop: { min: 1, max: 1, names: 'TASK' },
  pause: { min: 1, max: 1, names: 'TASK' },
  resume: { min: 1, max: 1, names: 'TASK' },
  history: { min: 0, max: 0, names: '' },
  show: { min: 1, max: 1, names: 'RUN' },
  purge: { min: 0, max: 0, names: '' },
  'check-config': { min: 0, max: 1, names: '[FILE]' },
  'migrate-store': { min: 0, max: 0, names: '' },
  alerts: { min: 0, max: 1, names: '[test]' },
  instances: { min: 0, max: 0, names: '' },
  help: { min: 0, max: 1, names: '[COMMAND]' },
};

export interface ParsedArgs {
  command: Command;
  positionals: string[];
  options: {
    config?: string;
    db?: string;
    user?: string;
    lang?: 'en' | 'ru';
    noColor: boolean;
    help: boolean;
    json: boolean;
    task?: string;
    service?: string;
    type?: string;
    outcome?: string;
    errors: boolean;
    by?: string;
    /** --since and --until as epoch ms (a span is taken back from the time of parsing). */
    since?: number;
    until?: number;
    limit?: number;
    before?: number;
    from?: string;
    to?: string;
  };
}

export function parseArgs(argv: readonly string[], now = Date.now()): ParsedArgs {
  let command: Command | undefined;
  const positionals: string[] = [];
  const seen = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      seen.set('help', true);
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const spec = OPTIONS[name];
      if (!spec) throw usageError(`unknown option --${name} (see syncdeck --help)`);
      if (spec.kind === 'flag') {
        if (eq !== -1) throw usageError(`--${name} takes no value`);
        seen.set(name, true);
        continue;
      }
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq === -1 && value.startsWith('--'))) throw usageError(`--${name} needs a value`);
      seen.set(name, value);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) throw usageError(`unknown option ${arg} (see syncdeck --help)`);
    if (command === undefined && positionals.length === 0) {
      if (!(COMMANDS as readonly string[]).includes(arg))
        throw usageError(`unknown command "${arg}" (commands: ${COMMANDS.join(', ')})`);
      command = arg as Command;
    } else positionals.push(arg);
  }
  // `syncdeck --help` is the whole usage; `syncdeck COMMAND --help` that command's.
  if (seen.has('help') && command !== 'help')
    return {
      command: 'help',
      positionals: command === undefined ? [] : [command],
      options: { noColor: false, help: true, json: false, errors: false },
    };
  command ??= 'ui';

  const options: ParsedArgs['options'] = { noColor: false, help: false, json: false, errors: false };
  for (const [name, raw] of seen) {
    const spec = OPTIONS[name]!;
    if (spec.commands !== 'all' && !spec.commands.includes(command))
      throw usageError(`${command}: option --${name} does not apply to this command`);
    const value = typeof raw === 'string' ? raw : '';
    switch (spec.kind) {
      case 'flag':
        (options as Record<string, unknown>)[name === 'no-color' ? 'noColor' : name] = true;
        break;
      case 'string':
        if (!value.trim()) throw usageError(`--${name} needs a non-empty value`);
        (options as Record<string, unknown>)[name] = value;
        break;
      case 'positive-int': {
        if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
          throw usageError(`--${name}: "${value}" is not a positive whole number`);
        (options as Record<string, unknown>)[name] = Number(value);
        break;
      }
      case 'lang':
        if (value !== 'en' && value !== 'ru') throw usageError(`--lang: "${value}" is not a language (use en or ru)`);
        options.lang = value;
        break;
      case 'outcome':
        if (!(OUTCOMES as readonly string[]).includes(value))
          throw usageError(`--outcome: "${value}" is not an outcome (use one of: ${OUTCOMES.join(', ')})`);
        options.outcome = value;
        break;
      case 'when': {
        const at = parseWhen(value, now);
        if (at === null) throw usageError(`--${name}: "${value}" is not a time (use ${WHEN_FORMS})`);
        (options as Record<string, unknown>)[name] = at;
        break;
      }
    }
  }
  if (options.errors && options.outcome) throw usageError('history: give --errors or --outcome, not both');
  if (options.since !== undefined && options.until !== undefined && options.since >= options.until) {
    throw usageError(
      `history: --since (${seen.get('since')}) is not before --until (${seen.get('until')}): no run can match`,
    );
  }
  if (command === 'migrate-store' && (!options.from || !options.to))
    throw usageError('migrate-store: give --from FILE and --to postgres://user@host:port/dbname');
  const p = POSITIONALS[command];
  if (positionals.length < p.min) throw usageError(`${command}: missing ${p.names}`);
  if (positionals.length > p.max) throw usageError(`${command}: unexpected argument "${positionals[p.max]}"`);
  if (command === 'alerts' && positionals[0] !== undefined && positionals[0] !== 'test')
    throw usageError(`alerts: unexpected argument "${positionals[0]}" (use: syncdeck alerts, or syncdeck alerts test)`);
  return { command, positionals, options };
}
