// Reads a config file's text, with the loader's messages for a file that cannot be read.
import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from './errors.js';

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export function readConfigText(file: string, abs: string): string {
  try {
    const st = statSync(abs);
    if (st.isDirectory()) throw new ConfigError([`${file}: is a directory, not a config file`]);
    if (st.size > MAX_CONFIG_BYTES)
      throw new ConfigError([`${file}: is ${st.size} bytes; a config file may be at most 4 MiB`]);
    return readFileSync(abs, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new ConfigError([`${file}: cannot read the config file: ${why}`]);
  }
}
