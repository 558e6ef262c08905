// Parses the arguments, picks a command, and turns a failure into one clear line on
// stderr and an exit code. src/main.ts hands argv here and nothing else.
import { asciiLocale } from '../engine/text/ascii.js';
import { parseArgs, type ParsedArgs } from './args.js';
import { alertsCommand } from './commands/alerts.js';
import { checkConfigCommand } from './commands/check-config.js';
import { engineCommand } from './commands/engine.js';
import { historyCommand } from './commands/history.js';
import { instancesCommand } from './commands/instances.js';
import { migrateStoreCommand } from './commands/migrate-store.js';
import { pauseCommand } from './commands/pause.js';
import { purgeCommand } from './commands/purge.js';
import { runCommand } from './commands/run.js';
import { showCommand } from './commands/show.js';
import { statusCommand } from './commands/status.js';
import { stopCommand } from './commands/stop.js';
import { uiCommand } from './commands/ui.js';
import { exitCodeFor } from './exit-code.js';
import { asciiOnlyOutput } from './output/ascii-output.js';
import { usageFor } from './usage.js';

function dispatch(args: ParsedArgs): Promise<number> {
  switch (args.command) {
    case 'help':
      process.stdout.write(usageFor(args.positionals[0]));
      return Promise.resolve(0);
    case 'ui':
      return uiCommand(args);
    case 'engine':
      return engineCommand(args);
    case 'status':
      return statusCommand(args);
    case 'run':
      return runCommand(args);
    case 'stop':
      return stopCommand(args);
    case 'pause':
      return pauseCommand(args, true);
    case 'resume':
      return pauseCommand(args, false);
    case 'history':
      return historyCommand(args);
    case 'show':
      return showCommand(args);
    case 'purge':
      return purgeCommand(args);
    case 'check-config':
      return checkConfigCommand(args);
    case 'migrate-store':
      return migrateStoreCommand(args);
    case 'alerts':
      return alertsCommand(args);
    case 'instances':
      return instancesCommand(args);
  }
}

/** Runs one command line; resolves to the process's exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  // Not UTF-8: ASCII only (docs/terminal.md). The dashboard's own screen is not filtered
  // (its catalogue is ASCII then); the `ui` command filters stdout itself when it falls back to the table.
  const ascii = asciiLocale(process.env);
  if (ascii) asciiOnlyOutput(process.stderr);
  try {
    const args = parseArgs(argv);
    if (ascii && args.command !== 'ui') asciiOnlyOutput(process.stdout);
    return await dispatch(args);
  } catch (err) {
    const { code, message } = exitCodeFor(err);
    process.stderr.write(message.split('\n').map((l) => `syncdeck: ${l}`).join('\n') + '\n');
    return code;
  }
}
