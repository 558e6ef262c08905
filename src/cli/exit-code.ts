// How a failure ends the process: its exit code and the one line the user is told
// (docs/cli.md, exit codes).
import { ConfigError } from '../config/load.js';
import { DbOpenError, isCorruptError } from '../db/errors.js';
import { EngineError } from '../engine/types.js';
import { CliError } from './errors.js';

export function exitCodeFor(err: unknown): { code: number; message: string } {
  if (err instanceof CliError) return { code: err.exitCode, message: err.message };
  if (err instanceof ConfigError) return { code: 2, message: err.message };
  if (err instanceof DbOpenError) return { code: 2, message: err.message };
  if (err instanceof EngineError) return { code: err.code === 'already-running' ? 3 : err.code === 'forbidden' ? 2 : 1, message: err.message };
  if (isCorruptError(err)) return { code: 2, message: `the database is corrupt: ${(err as Error).message}` };
  return { code: 1, message: (err as Error)?.stack ?? String(err) };
}
