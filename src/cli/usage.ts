// The text of `syncdeck --help`, and of `syncdeck COMMAND --help` (also `syncdeck help
// COMMAND`): that command's usage, its options and an example.
import { COMMANDS, type Command } from './args.js';
import { usageError } from './errors.js';

export const USAGE = `syncdeck — runs a clinic's integration tasks and shows which work, which do not, and since when

Usage:
  syncdeck                      the dashboard (same as \`syncdeck ui\`)
  syncdeck engine               headless engine; logs JSON lines; stops cleanly on SIGTERM
  syncdeck status [--json]      the task list once
  syncdeck run TASK [--json]    run TASK now in the foreground as the current user
  syncdeck stop TASK            stop TASK wherever it runs
  syncdeck pause TASK | resume TASK
  syncdeck history [--task ID] [--service ID] [--type TYPE] [--outcome O | --errors]
                   [--by USER] [--since WHEN] [--until WHEN]
                   [--limit N] [--before RUN_ID] [--json]
  syncdeck show RUN [--json]    one run: summary, progress log, diagnostics
  syncdeck instances [--json]   every live syncdeck process on the database, and what it runs
  syncdeck purge [--json]       apply retention now
  syncdeck alerts [--limit N] [--json]
                                alerts sent to support, newest first, and their delivery
  syncdeck alerts test [--json] send a test alert to every channel; say what each answered
  syncdeck check-config [FILE]  validate a config file
  syncdeck migrate-store --from FILE --to URL [--json]
                                copy an SQLite database (history and all) into PostgreSQL
  syncdeck COMMAND --help       that command's usage, options and an example

Global options (before or after the command):
  --config FILE    config file (env SYNCDECK_CONFIG); without one, the built-in demo
  --db FILE|URL    database file, or postgres://user@host:port/dbname (env SYNCDECK_DB;
                   the password from PGPASSWORD, or in the URL)
  --user NAME      act as another user (only for a user with integration-settings)
  --lang en|ru     language of the dashboard (default from LANG)
  --no-color       no colours (also NO_COLOR)
  --help           this text

Exit codes: 0 ok; 1 the thing asked for failed (a run ended in error, an unknown task or run);
2 bad usage or bad config; 3 the task is already running on another instance (run).
`;

const GLOBAL = 'Global options (--config, --db, --user, --lang, --no-color): see syncdeck --help.';

interface CommandHelp {
  usage: string;
  what: string;
  options?: string;
  example: string;
}

const HELP: Record<Exclude<Command, 'help'>, CommandHelp> = {
  ui: {
    usage: 'syncdeck [ui]',
    what: 'The dashboard: every task with its status, the selected run beside it, and the history\n(H). `?` in the dashboard lists every key. Needs a terminal of at least 80×24; over SSH\nuse `ssh -t host syncdeck`.',
    example: 'syncdeck --config clinic.yaml --lang ru',
  },
  engine: {
    usage: 'syncdeck engine',
    what: "A headless engine: runs the tasks of its user's roles on schedule and logs one JSON line\nper event on stdout. SIGTERM, SIGINT or SIGHUP stop it cleanly (its runs are recorded\ninterrupted).",
    example: 'syncdeck engine --config /etc/syncdeck/clinic.yaml --db postgres://syncdeck@db.clinic.lan/syncdeck',
  },
  status: {
    usage: 'syncdeck status [--json]',
    what: 'The task list once: status, interval, next run and last run of every task you can see.',
    options: '  --json           the tasks as JSON (see the JSON shapes in the docs)',
    example: 'syncdeck status --json',
  },
  run: {
    usage: 'syncdeck run TASK [--json]',
    what: 'Runs TASK now in the foreground as you, printing its progress log on stderr and a\none-line result. Ctrl+C stops the run (recorded cancelled). Exit 1 when the run fails,\n3 when the task is already running on another instance.',
    options: '  --json           the summary of the finished run as JSON, whatever the outcome',
    example: 'syncdeck run calls',
  },
  stop: {
    usage: 'syncdeck stop TASK',
    what: 'Stops TASK wherever it runs and waits (up to 15 s) to say how the run ended. Stopping a\ntask that is not running is not an error.',
    example: 'syncdeck stop schedule',
  },
  pause: {
    usage: 'syncdeck pause TASK',
    what: 'No automatic runs of TASK until `syncdeck resume TASK` (manual runs still work); kept\nacross restarts.',
    example: 'syncdeck pause reminders',
  },
  resume: {
    usage: 'syncdeck resume TASK',
    what: 'Automatic runs of a paused TASK start again.',
    example: 'syncdeck resume reminders',
  },
  history: {
    usage:
      'syncdeck history [--task ID] [--service ID] [--type TYPE] [--outcome O | --errors]\n                 [--by USER] [--since WHEN] [--until WHEN] [--limit N] [--before RUN_ID] [--json]',
    what: 'Every run by everyone, newest first, 50 at a time. The last line says how to get the next\npage (--before ID). A task, service, type or user that is not known is an error (exit 2)\nthat lists the known ones.',
    options: [
      '  --task ID        runs of one task',
      "  --service ID     runs of one service's tasks",
      '  --type TYPE      runs of one task type (calls, leads, schedule, messages, …)',
      '  --outcome O      running, success, warning, error, cancelled or interrupted',
      '  --errors         the runs drawn red: ended in error or interrupted',
      '  --by USER        runs started by USER, or by the scheduler (--by scheduler)',
      '  --since WHEN     runs that started at or after WHEN',
      '  --until WHEN     runs that started before WHEN',
      '  --limit N        N runs (default 50)',
      '  --before RUN_ID  the next page: runs older than RUN_ID',
      '  --json           run summaries as JSON',
      '',
      'WHEN is a date (2026-11-30: midnight), a date and time (2026-11-30 02:00, 2026-11-30T02:00:15),',
      'local time unless it carries a zone (2026-11-30T02:00Z, 2026-11-30T02:00+03:00), or a span',
      'back from now (90m, 2h, 7d).',
    ].join('\n'),
    example:
      'syncdeck history --since "2026-11-30 02:00" --until "2026-11-30 03:00" --errors\n  syncdeck history --by anna --since 7d',
  },
  show: {
    usage: 'syncdeck show RUN [--json]',
    what: 'One run: its summary, how long its details are kept, its progress log and every request\nand response of its diagnostics.',
    options: '  --json           the run with its log and exchanges as JSON',
    example: 'syncdeck show 1234',
  },
  purge: {
    usage: 'syncdeck purge [--json]',
    what: 'Applies retention now (the engine also does it hourly): removes the details of runs past\ntheir retention, and runs older than historyDays.',
    options: '  --json           {detailsPurged, summariesDeleted}',
    example: 'syncdeck purge',
  },
  instances: {
    usage: 'syncdeck instances [--json]',
    what: "Every live syncdeck process on the database (dashboards, headless engines, one-off\n`syncdeck run`s, on any computer) and the tasks each runs now: the dashboard's Instances\nscreen once. An instance that was killed leaves the list within the lease TTL.",
    options: '  --json           the instances as JSON',
    example: 'syncdeck instances --json',
  },
  alerts: {
    usage: 'syncdeck alerts [--limit N] [--json]\n       syncdeck alerts test [--json]',
    what: "The alerts sent to support (a task failing or recovered, runnable nowhere or again) for\nthe tasks you can see, newest first, 20 at a time, with each channel's delivery.\n`alerts test` sends a test alert to every channel and says what each answered (exit 1\nwhen one failed).",
    options: "  --limit N        N alerts (default 20)\n  --json           the alerts (or the test's answers) as JSON",
    example: 'syncdeck alerts --limit 5\n  syncdeck alerts test',
  },
  'check-config': {
    usage: 'syncdeck check-config [FILE]',
    what: 'Validates a config file (FILE, else --config or SYNCDECK_CONFIG); every error names the\nfile, line and field. Exit 2 when it is not valid.',
    example: 'syncdeck check-config clinic.yaml',
  },
  'migrate-store': {
    usage: 'syncdeck migrate-store --from FILE --to URL [--json]',
    what: 'Copies an SQLite database (services, tasks, runs with their logs and diagnostics) into an\nempty PostgreSQL database, and checks the copy. Run it again to continue after an\ninterruption.',
    options:
      '  --from FILE      the SQLite database\n  --to URL         postgres://user@host:port/dbname (the password from PGPASSWORD)\n  --json           the counts copied, as JSON',
    example:
      'PGPASSWORD=… syncdeck migrate-store --from ~/.local/share/syncdeck/syncdeck.db --to postgres://syncdeck@db.clinic.lan/syncdeck',
  },
};

/** `syncdeck --help` with no command, or that command's own text. */
export function usageFor(command: string | undefined): string {
  if (command === undefined) return USAGE;
  if (command === 'help') return USAGE;
  if (!(command in HELP))
    throw usageError(
      `help: unknown command "${command}" (commands: ${COMMANDS.filter((c) => c !== 'help').join(', ')})`,
    );
  const h = HELP[command as Exclude<Command, 'help'>];
  const parts = [`Usage: ${h.usage}`, '', h.what];
  if (h.options) parts.push('', 'Options:', h.options);
  parts.push('', 'Example:', `  ${h.example}`, '', GLOBAL);
  return parts.join('\n') + '\n';
}
