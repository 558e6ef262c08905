// Headless engine: runs the tasks of the user's roles, logs JSON lines to stdout, reloads
// its config file on SIGHUP (the daemon convention; it also follows edits of the file by
// itself), and stops cleanly (runs recorded, leases released) on SIGTERM or SIGINT, within
// the stop grace and a few seconds for the database (close-deadline.ts).
import { differsMessage } from '../../engine/config/fleet-status.js';
import { unknownUserHint } from '../../engine/identity.js';
import { asciiLocale } from '../../engine/text/ascii.js';
import type { EngineEvent } from '../../engine/types.js';
import type { ParsedArgs } from '../args.js';
import { closeWithinMs, LEFT_TO_LEASES, settledWithin } from '../close-deadline.js';
import { openContext } from '../context.js';
import { exitWhenWritten } from '../exit-when-written.js';
import { jsonText, runSummaryJson } from '../output/json.js';
import { readerGone } from '../output/reader-gone.js';

/** Log lines are pure ASCII under a locale that is not UTF-8 (see jsonText). */
const ASCII = asciiLocale(process.env);

function log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${jsonText({ at: new Date().toISOString(), level, event, ...fields }, undefined, ASCII)}\n`);
}

function logEvent(e: EngineEvent): void {
  switch (e.type) {
    case 'run-started':
      log('info', 'run-started', { run: runSummaryJson(e.run) });
      break;
    case 'run-finished':
      log(e.run.outcome === 'error' || e.run.outcome === 'interrupted' ? 'warn' : 'info', 'run-finished', {
        run: runSummaryJson(e.run),
      });
      break;
    case 'storage-error':
      log('error', 'storage-error', { message: e.message });
      break;
    case 'storage-recovered':
      log('info', 'storage-recovered', { outageMs: e.outageMs, message: e.message });
      break;
    case 'warning':
      log('warn', e.event, { message: e.message });
      break;
    case 'config-reloaded':
      log('info', 'config-reloaded', {
        changed: e.changed,
        added: e.added,
        removed: e.removed,
        users: e.users,
        // The roles this engine runs tasks under now (they may have changed with `users`).
        user: e.identity.user,
        roles: e.identity.roles,
      });
      break;
    case 'config-restart-needed':
      if (e.message === null)
        log('info', 'config-restart-not-needed', { message: 'the config file names the database in use again' });
      else log('warn', 'config-restart-needed', { fields: e.fields, message: e.message });
      break;
    case 'config-error':
      log('error', 'config-error', {
        file: e.file,
        problems: e.problems,
        message: 'the config file has problems; the last good config stays in force',
      });
      break;
    case 'config-differs':
      if (e.message === null) log('info', 'config-agrees', { message: "this instance's config is the fleet's again" });
      else log('warn', 'config-differs', { message: e.message, tasks: e.tasks });
      break;
    case 'alert-delivery':
      log(e.ok ? 'info' : 'warn', e.ok ? 'alert-delivered' : 'alert-delivery-failed', {
        alertId: e.alertId,
        alert: e.event,
        taskId: e.taskId,
        channel: e.channel,
        status: e.status,
        message: e.message,
        state: e.state,
        nextAttemptAt: e.nextAttemptAt === null ? null : new Date(e.nextAttemptAt).toISOString(),
      });
      break;
    default:
  }
}

export async function engineCommand(args: ParsedArgs): Promise<number> {
  const ctx = await openContext(args, { kind: 'engine', start: true, schedule: true, demoServices: true });
  const unsubscribe = ctx.engine.subscribe(logEvent);
  // Listening before saying "started": whoever reads that line may signal at once.
  const signalled = stopAsked();
  const reload = () => {
    log('info', 'config-reload-requested', { signal: 'SIGHUP' });
    void ctx.engine.reloadConfig();
  };
  process.on('SIGHUP', reload);
  log('info', 'engine-started', {
    instance: ctx.engine.instance.id,
    user: ctx.identity.user,
    roles: ctx.identity.roles,
    database: ctx.store.location,
    config: ctx.engine.location.config,
  });
  const hint = unknownUserHint(ctx.identity);
  if (hint) log('warn', 'no-tasks', { message: hint });
  // Found at start, before this log listened: said once here, later changes by events.
  const config = await ctx.engine.configStatus();
  if (config.fleet && config.differs.length > 0)
    log('warn', 'config-differs', { message: differsMessage(config.fleet, config.differs), tasks: config.differs });
  // The engine's timers do not keep a process alive (they are unref'd): this one does, until a signal.
  const alive = setInterval(() => undefined, 2 ** 30);
  const signal = await signalled;
  process.off('SIGHUP', reload);
  clearInterval(alive);
  log('info', 'engine-stopping', { signal });
  const closing = ctx.close('interrupted', stoppedBecause(signal));
  // Bounded (close-deadline.ts), and a second signal ends it at once, as daemons do.
  const end = await Promise.race([settledWithin(closing, closeWithinMs(ctx.config.engine.stopGrace)), nextSignal()]);
  if (end !== 'closed') {
    const why =
      end === 'late' ? 'the database did not answer while the engine stopped' : `stopped at once by a second ${end}`;
    log('warn', 'engine-stopped', { recorded: false, message: `${why}; ${LEFT_TO_LEASES}` });
    return exitWhenWritten(1);
  }
  await closing;
  unsubscribe();
  log('info', 'engine-stopped', { recorded: true });
  // Without its log the engine was stopped by no one: a supervisor should see it as a failure.
  return signal === 'EPIPE' ? 1 : 0;
}

/** What stops the engine: SIGTERM, SIGINT, or its log's reader going away (a closed pipe). */
type StopCause = NodeJS.Signals | 'EPIPE';

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const s of ['SIGTERM', 'SIGINT'] as const) process.once(s, () => resolve(s));
  });
}

function stopAsked(): Promise<StopCause> {
  return Promise.race([nextSignal(), readerGone(process.stdout).then(() => 'EPIPE' as const)]);
}

const stoppedBecause = (cause: StopCause) =>
  cause === 'EPIPE' ? "syncdeck engine stopped (its log's reader went away)" : `syncdeck engine stopped (${cause})`;
