// Relative paths of the config (the database file, handler modules and programs, alert
// programs) are relative to the config file's folder.
import { isAbsolute, resolve } from 'node:path';
import type { ParsedConfig } from './schema.js';

export function looksLikePath(command: string): boolean {
  return command.includes('/') || command.startsWith('.');
}

export function resolvePaths(c: ParsedConfig, baseDir: string): void {
  // A postgres:// URL is a server, not a path.
  const db = c.database.location;
  if (db !== undefined && !isAbsolute(db) && !/^postgres(ql)?:\/\//i.test(db))
    c.database.location = resolve(baseDir, db);
  for (const t of c.tasks) {
    if (t.handler.kind === 'module') t.handler.module = resolve(baseDir, t.handler.module);
    if (t.handler.kind === 'command') {
      if (looksLikePath(t.handler.command)) t.handler.command = resolve(baseDir, t.handler.command);
      t.handler.cwd = resolve(baseDir, t.handler.cwd ?? '.');
    }
  }
  for (const ch of c.alerts?.channels ?? []) {
    if (ch.kind === 'command' && looksLikePath(ch.command)) ch.command = resolve(baseDir, ch.command);
  }
}
