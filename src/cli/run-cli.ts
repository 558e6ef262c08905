// Parses the arguments, picks a command, and turns a failure into one clear line on
// stderr and an exit code. src/main.ts hands argv here and nothing else.
import { asciiLocale } from '../engine/text/ascii.js';
import { parseArgs, type ParsedArgs } from './args.js';
import { exitWhenWritten } from './exit-when-written.js';
import { readerGone } from './output/reader-gone.js';
import type { ScriptHooks } from './script-hooks.js';
import { usageFor } from './usage.js';

// Each command is loaded when it is asked for: `status` never loads Ink and React, `--help`
// loads nothing but this file (docs/ARCHITECTURE.md, Composition root).
async function dispatch(args: ParsedArgs, hooks: ScriptHooks | undefined): Promise<number> {
  switch (args.command) {
    case 'help':
      process.stdout.write(usageFor(args.positionals[0]));
      return 0;
    case 'ui':
      return (await import('./commands/ui.js')).uiCommand(args, hooks);
    case 'engine':
      return (await import('./commands/engine.js')).engineCommand(args);
    case 'status':
      return (await import('./commands/status.js')).statusCommand(args);
    case 'run':
      return (await import('./commands/run.js')).runCommand(args);
    case 'stop':
      return (await import('./commands/stop.js')).stopCommand(args);
    case 'pause':
      return (await import('./commands/pause.js')).pauseCommand(args, true);
    case 'resume':
      return (await import('./commands/pause.js')).pauseCommand(args, false);
    case 'history':
      return (await import('./commands/history.js')).historyCommand(args);
    case 'show':
      return (await import('./commands/show.js')).showCommand(args);
    case 'purge':
      return (await import('./commands/purge.js')).purgeCommand(args);
    case 'check-config':
      return (await import('./commands/check-config.js')).checkConfigCommand(args);
    case 'migrate-store':
      return (await import('./commands/migrate-store.js')).migrateStoreCommand(args);
    case 'alerts':
      return (await import('./commands/alerts.js')).alertsCommand(args);
    case 'instances':
      return (await import('./commands/instances.js')).instancesCommand(args);
  }
}

/** Read commands: nothing runs after them, so the process exits once their output is written (exit-when-written.ts). */
const EXIT_WHEN_WRITTEN: ReadonlySet<ParsedArgs['command']> = new Set(['status', 'history', 'show', 'instances']);

/**
 * Runs one command line; resolves to the process's exit code (a read command's process exits
 * instead). `hooks`: from the screen script's loader, when it runs this (screen-script.ts).
 */
export async function runCli(argv: readonly string[], hooks?: ScriptHooks): Promise<number> {
  // Not UTF-8: ASCII only (docs/terminal.md). The dashboard's own screen is not filtered
  // (its catalogue is ASCII then); the `ui` command filters stdout itself when it falls back to the table.
  // The filter is loaded only then: a UTF-8 terminal's start loads one file fewer.
  const ascii = asciiLocale(process.env);
  const filter = ascii ? (await import('./output/ascii-output.js')).asciiOnlyOutput : null;
  filter?.(process.stderr);
  try {
    const args = parseArgs(argv);
    if (args.command !== 'ui') {
      filter?.(process.stdout);
      void readerGone(process.stdout);
    }
    const code = await dispatch(args, hooks);
    if (!EXIT_WHEN_WRITTEN.has(args.command)) return code;
    // From its script (`status`): the code it ran is cached before the process ends.
    await hooks?.saveCodeCache();
    return await exitWhenWritten(code);
  } catch (err) {
    // Loaded only on failure: it knows the config's and the database's errors, which a good start need not load.
    const { exitCodeFor } = await import('./exit-code.js');
    const { code, message } = exitCodeFor(err);
    process.stderr.write(
      message
        .split('\n')
        .map((l) => `syncdeck: ${l}`)
        .join('\n') + '\n',
    );
    return code;
  }
}
