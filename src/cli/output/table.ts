// Plain-text tables for the CLI. Every cell is untrusted until proven otherwise:
// control sequences are stripped and line breaks flattened. Under a locale that is not
// UTF-8 the cells are made ASCII before the columns are measured, so they stay aligned.
import { asciiLocale, toAsciiPunctuation } from '../../engine/text/ascii.js';
import { oneLine } from '../../engine/text/sanitize.js';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  /** Truncate to this many characters (with an ellipsis). */
  max?: number;
  align?: 'left' | 'right';
}

export function renderTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  ascii = asciiLocale(process.env),
): string {
  const ellipsis = ascii ? '...' : '…';
  const cells = rows.map((row) =>
    columns.map((c) => {
      const text = ascii ? toAsciiPunctuation(oneLine(c.value(row))) : oneLine(c.value(row));
      return c.max && text.length > c.max ? `${text.slice(0, c.max - ellipsis.length)}${ellipsis}` : text;
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
