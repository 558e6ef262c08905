// Scrolling arithmetic shared by the task list, the run log, diagnostics and help.

export const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/**
 * The first visible line after the smallest move of the window that shows lines
 * [first, last] (k9s-like: the window only moves when the cursor leaves it).
 */
export function keepInView(offset: number, first: number, last: number, height: number, total: number): number {
  const maxOffset = Math.max(0, total - height);
  let next = clamp(offset, 0, maxOffset);
  if (last >= next + height) next = last - height + 1;
  if (first < next) next = first;
  return clamp(next, 0, maxOffset);
}

export type Movement = 'up' | 'down' | 'page-up' | 'page-down' | 'first' | 'last';

/** A new position in [0, count − 1] after a movement; `page` is the visible height. */
export function moveIndex(index: number, movement: Movement, count: number, page: number): number {
  if (count <= 0) return 0;
  const step = Math.max(1, page - 1);
  const target = {
    up: index - 1,
    down: index + 1,
    'page-up': index - step,
    'page-down': index + step,
    first: 0,
    last: count - 1,
  }[movement];
  return clamp(target, 0, count - 1);
}
