// Colours and glyphs. Without colour (NO_COLOR, --no-color) every meaning stays readable
// from words and markers; without a UTF-8 locale every glyph has an ASCII stand-in.
import type { FinishedOutcome } from '../engine/types.js';

export type Tone = 'error' | 'warning' | 'success' | 'running' | 'muted' | 'accent' | 'banner';

export interface Glyphs {
  cursor: string;
  failing: string;
  barFull: string;
  barEmpty: string;
  separator: string;
  ellipsis: string;
  up: string;
  down: string;
  focus: string;
  rule: string;
  dot: string;
  branch: string;
  request: string;
  response: string;
  warn: string;
  fail: string;
  /** Wraps the normal interval when it is struck through, so it reads as "replaced" without colour or strikethrough. */
  strikeOpen: string;
  strikeClose: string;
  /** One cell per run in the strip of recent outcomes: a different character for each, so it reads without colour. */
  outcomes: Readonly<Record<FinishedOutcome, string>>;
  /** The duration sparkline's levels, shortest first. */
  spark: readonly string[];
}

const UNICODE: Glyphs = {
  cursor: '›',
  failing: '!',
  barFull: '█',
  barEmpty: '░',
  separator: '│',
  ellipsis: '…',
  up: '↑',
  down: '↓',
  focus: '▶',
  rule: '─',
  dot: '·',
  branch: '└',
  request: '→',
  response: '←',
  warn: '!',
  fail: '✗',
  strikeOpen: '',
  strikeClose: '',
  outcomes: { success: '✓', warning: '!', error: '✗', cancelled: '–', interrupted: '↯' },
  spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
};

const ASCII: Glyphs = {
  ...UNICODE,
  cursor: '>',
  barFull: '#',
  barEmpty: '-',
  separator: '|',
  ellipsis: '.',
  up: '^',
  down: 'v',
  focus: '>',
  rule: '-',
  dot: '-',
  branch: '`-',
  request: '>>',
  response: '<<',
  fail: 'x',
  outcomes: { success: '+', warning: '!', error: 'x', cancelled: '-', interrupted: '~' },
  spark: ['_', '.', ':', '-', '=', '+', '*', '#'],
};

const COLORS: Record<Tone, string> = {
  error: 'red',
  warning: 'yellow',
  success: 'green',
  running: 'cyan',
  muted: 'gray',
  accent: 'blue',
  banner: 'magenta',
};

export interface Theme {
  readonly color: boolean;
  readonly ascii: boolean;
  readonly glyphs: Glyphs;
  /** The colour for a tone, or undefined when colour is off. */
  fg(tone: Tone | null | undefined): string | undefined;
}

export function createTheme(options: { color: boolean; ascii: boolean }): Theme {
  const base = options.ascii ? ASCII : UNICODE;
  // Strikethrough is an attribute, not a colour, but a terminal without colour often lacks it too:
  // then "~1m~ 4m" still says the normal interval is replaced.
  const glyphs = options.color ? base : { ...base, strikeOpen: '~', strikeClose: '~' };
  return {
    color: options.color,
    ascii: options.ascii,
    glyphs,
    fg: (tone) => (options.color && tone ? COLORS[tone] : undefined),
  };
}
