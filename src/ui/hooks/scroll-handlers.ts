// The movement keys of a scrolling view (help, diagnostics) as keymap action handlers.
import { clamp } from '../state/scroll.js';
import type { ActionHandlers } from './use-bindings.js';

/** The movement actions every scrolling view binds (the help screen's are exactly these). */
export type ScrollHandlers = Omit<ActionHandlers<'help'>, 'back'>;

export function scrollHandlers(
  scroll: number,
  lines: number,
  height: number,
  set: (value: number) => void,
): ScrollHandlers {
  const max = Math.max(0, lines - height);
  const page = Math.max(1, height - 1);
  const to = (value: number) => () => set(clamp(value, 0, max));
  const from = clamp(scroll, 0, max);
  return {
    'move-up': to(from - 1),
    'move-down': to(from + 1),
    'page-up': to(from - page),
    'page-down': to(from + page),
    first: to(0),
    last: to(max),
  };
}
