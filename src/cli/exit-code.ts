// Which exit code and one-line message a failure gets (docs/cli.md, "Exit codes"):
// 2 for bad usage, a bad config or a database that cannot be used, 3 for a task
// already running elsewhere, 1 for anything else that failed.
import { ConfigError } from '../config/errors.js';
import { DbOpenError, isCorruptError } from '../db/errors.js';
import { EngineError } from '../engine/types.js';
import { CliError } from './errors.js';

export function exitCodeFor(err: unknown): { code: number; message: string } {
  if (err instanceof CliError) return { code: err.exitCode, message: err.message };
  if (err instanceof ConfigError) return { code: 2, message: err.message };
  if (err instanceof DbOpenError) return { code: 2, message: err.message };
  if (err instanceof EngineError)
    return { code: err.code === 'already-running' ? 3 : err.code === 'forbidden' ? 2 : 1, message: err.message };
  if (isCorruptError(err))
    return { code: 2, message: `the database is corrupt: ${err instanceof Error ? err.message : String(err)}` };
  return { code: 1, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}
