// The config's error, in a file of its own: the exit-code mapping and the config cache
// need it without loading the YAML parser and the schema (src/config/load.ts).

/** A config that cannot be used; `problems` are already formatted, one per line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}
