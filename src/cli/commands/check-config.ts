import { loadConfigFile } from '../../config/load.js';
import type { ParsedArgs } from '../args.js';
import { configPath } from '../context.js';
import { usageError } from '../errors.js';
import { count } from '../output/counted.js';

/** "clinic.yaml: ok (2 services, 1 task, 3 users)". */
export function configSummary(
  file: string,
  config: { services: unknown[]; tasks: unknown[]; users: unknown[] },
): string {
  return `${file}: ok (${count(config.services.length, 'service')}, ${count(config.tasks.length, 'task')}, ${count(config.users.length, 'user')})`;
}

/** Checks FILE (even when --config names another), else the configured file. */
export async function checkConfigCommand(args: ParsedArgs): Promise<number> {
  const file = args.positionals[0] ?? configPath(args);
  if (!file)
    throw usageError('check-config: name a file (syncdeck check-config FILE) or set --config / SYNCDECK_CONFIG');
  const config = loadConfigFile(file);
  process.stdout.write(`${configSummary(file, config)}\n`);
  return 0;
}
