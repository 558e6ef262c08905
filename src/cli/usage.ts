export const USAGE = `syncdeck — runs a clinic's integration tasks and shows which work, which do not, and since when

Usage:
  syncdeck                      the dashboard (same as \`syncdeck ui\`)
  syncdeck engine               headless engine; logs JSON lines; stops cleanly on SIGTERM
  syncdeck status [--json]      the task list once
  syncdeck run TASK [--json]    run TASK now in the foreground as the current user
  syncdeck stop TASK            stop TASK wherever it runs
  syncdeck pause TASK | resume TASK
  syncdeck history [--task ID] [--service ID] [--type TYPE] [--outcome O | --errors]
                   [--limit N] [--before RUN_ID] [--json]
  syncdeck show RUN [--json]    one run: summary, progress log, diagnostics
  syncdeck purge [--json]       apply retention now
  syncdeck alerts [--limit N] [--json]
                                alerts sent to support, newest first, and their delivery
  syncdeck alerts test [--json] send a test alert to every channel; say what each answered
  syncdeck check-config [FILE]  validate a config file
  syncdeck migrate-store --from FILE --to URL [--json]
                                copy an SQLite database (history and all) into PostgreSQL

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
