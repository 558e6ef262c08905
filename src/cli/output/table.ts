// Plain-text tables for the CLI. Every cell is untrusted until proven otherwise:
// control sequences are stripped and line breaks flattened.
import { oneLine } from '../../engine/text/sanitize.js';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Truncate to this many characters (with …). */
  max?: number;
  align?: 'left' | 'right';
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) =>
    columns.map((c) => {
      const text = oneLine(c.value(row));
      return c.max && text.length > c.max ? `${text.slice(0, c.max - 1)}…` : text;
    }),
  );
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}
