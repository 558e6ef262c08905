// The few command-line options the bench scripts take: `--name value` and `--flag`.

export function parseFlags(argv: readonly string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(arg.slice(2), next);
      i++;
    } else flags.set(arg.slice(2), true);
  }
  return flags;
}

export function intFlag(flags: Map<string, string | true>, name: string, fallback?: number): number {
  const raw = flags.get(name);
  if (raw === undefined || raw === true) {
    if (fallback === undefined) throw new Error(`--${name} N is required`);
    return fallback;
  }
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected a whole number, got "${raw}"`);
  return n;
}

export function stringFlag(flags: Map<string, string | true>, name: string): string | undefined {
  const raw = flags.get(name);
  if (raw === true) throw new Error(`--${name} needs a value`);
  return raw;
}
