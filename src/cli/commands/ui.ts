// The dashboard. Without a terminal on both ends (a pipe, `ssh` without -t) it prints
// the status table and a hint instead of failing on raw mode.
import type { ParsedArgs } from '../args.js';
import { openContext } from '../context.js';
import { statusCommand } from './status.js';

export function detectLang(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): 'en' | 'ru' {
  if (args.options.lang) return args.options.lang;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export function wantsColor(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): boolean {
  return !args.options.noColor && !env.NO_COLOR;
}

export function utf8Locale(env: NodeJS.ProcessEnv = process.env): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

function terminalGone(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EIO' || code === 'EPIPE' || code === 'ENXIO';
}

export async function uiCommand(args: ParsedArgs): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    const code = await statusCommand(args);
    process.stderr.write('syncdeck: not a terminal, so the dashboard cannot open; this is `syncdeck status`. Over SSH use `ssh -t host syncdeck`.\n');
    return code;
  }
  const ctx = await openContext(args, { kind: 'ui', start: true, schedule: true, demoServices: true });
  const { startDashboard } = await import('../../ui/index.js');
  const dashboard = startDashboard(ctx.engine, { lang: detectLang(args), color: wantsColor(args), ascii: !utf8Locale() });
  let exiting: Promise<void> | null = null;
  const exit = (outcome: 'cancelled' | 'interrupted', why: string) => {
    exiting ??= (async () => {
      try {
        dashboard.close();
      } catch {
        // The terminal may be gone already; the runs must still be recorded.
      }
      await ctx.close(outcome, why);
    })();
    return exiting;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void exit('interrupted', signal === 'SIGHUP' ? 'the terminal went away (SIGHUP)' : `syncdeck was stopped (${signal})`).then(() => process.exit(0));
  };
  const onCrash = (err: unknown) => {
    // A dropped SSH link shows up as EIO on the next write, often before (or instead of) SIGHUP.
    if (terminalGone(err)) {
      void exit('interrupted', 'the terminal went away').finally(() => process.exit(0));
      return;
    }
    const ending = exit('interrupted', 'syncdeck crashed');
    try {
      process.stderr.write(`syncdeck: ${(err as Error)?.stack ?? String(err)}\n`);
    } catch {
      // nowhere left to say it
    }
    void ending.finally(() => process.exit(1));
  };
  const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
  for (const s of signals) process.on(s, onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  try {
    await dashboard.waitUntilExit();
    // Quitting is an interruption, not a stop: the runs resume at once on another instance (the user confirmed).
    await exit('interrupted', `syncdeck was closed by ${ctx.identity.osUser}`);
    return 0;
  } finally {
    for (const s of signals) process.off(s, onSignal);
  }
}
