// Argument parsing; picks a command; turns failures into one clear line and an exit code.
import { parseArgs, type ParsedArgs } from './cli/args.js';
import { checkConfigCommand } from './cli/commands/check-config.js';
import { engineCommand } from './cli/commands/engine.js';
import { historyCommand } from './cli/commands/history.js';
import { migrateStoreCommand } from './cli/commands/migrate-store.js';
import { pauseCommand } from './cli/commands/pause.js';
import { purgeCommand } from './cli/commands/purge.js';
import { runCommand } from './cli/commands/run.js';
import { showCommand } from './cli/commands/show.js';
import { statusCommand } from './cli/commands/status.js';
import { stopCommand } from './cli/commands/stop.js';
import { uiCommand } from './cli/commands/ui.js';
import { CliError } from './cli/errors.js';
import { asciiOnlyOutput } from './cli/output/ascii-output.js';
import { usageFor } from './cli/usage.js';
import { ConfigError } from './config/load.js';
import { DbOpenError, isCorruptError } from './db/errors.js';
import { asciiLocale } from './engine/text/ascii.js';
import { EngineError } from './engine/types.js';

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
  }
}

export function exitCodeFor(err: unknown): { code: number; message: string } {
  if (err instanceof CliError) return { code: err.exitCode, message: err.message };
  if (err instanceof ConfigError) return { code: 2, message: err.message };
  if (err instanceof DbOpenError) return { code: 2, message: err.message };
  if (err instanceof EngineError) return { code: err.code === 'already-running' ? 3 : err.code === 'forbidden' ? 2 : 1, message: err.message };
  if (isCorruptError(err)) return { code: 2, message: `the database is corrupt: ${(err as Error).message}` };
  return { code: 1, message: (err as Error)?.stack ?? String(err) };
}

export async function main(argv: readonly string[]): Promise<number> {
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

const code = await main(process.argv.slice(2));
process.exitCode = code;
