import { loadConfigFile } from '../../config/load.js';
import type { ParsedArgs } from '../args.js';
import { configPath } from '../context.js';
import { usageError } from '../errors.js';

/** Checks FILE (even when --config names another), else the configured file. */
export async function checkConfigCommand(args: ParsedArgs): Promise<number> {
  const file = args.positionals[0] ?? configPath(args);
  if (!file) throw usageError('check-config: name a file (syncdeck check-config FILE) or set --config / SYNCDECK_CONFIG');
  const config = loadConfigFile(file);
  process.stdout.write(`${file}: ok (${config.services.length} services, ${config.tasks.length} tasks, ${config.users.length} users)\n`);
  return 0;
}
