const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PATTERN = /^(\d+)(s|m|h|d)$/;

export const DURATION_HINT = 'use 30s, 5m, 2h, 1d';

/** `30s`, `5m`, `2h`, `1d` → milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** The largest whole unit that divides `ms`: 90000 → "90s", 120000 → "2m". */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
}
