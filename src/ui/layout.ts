// How the screen is divided. Every frame is at most rows − 1 lines: a frame as tall as the
// terminal makes Ink 6 clear and repaint the whole screen on every change (docs/ARCHITECTURE.md, Terminal output over SSH).
// The width is columns − 1: writing the last column leaves some terminals in a pending
// wrap, where Ink's erase-to-end-of-line then eats the last character.

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
/**
 * From this many terminal columns the details pane sits beside the list (the reference
 * page's layout, and a common SSH window's 120×40); below it, under the list.
 */
export const SIDE_BY_SIDE_COLUMNS = 120;
/** Beside the details, the list gets what its columns need, within these shares of the width. */
const LIST_SHARE = { least: 0.5, most: 0.65 };
/** The status line and the key line. */
export const FOOTER_LINES = 2;

export interface TerminalSize {
  columns: number;
  rows: number;
}

export const isTooSmall = (size: TerminalSize) => size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;

export interface Frame {
  width: number;
  height: number;
}

export function frameOf(size: TerminalSize): Frame {
  return { width: Math.max(1, size.columns - 1), height: Math.max(1, size.rows - 1) };
}

export interface DashboardLayout {
  mode: 'side' | 'stacked';
  list: Frame;
  details: Frame;
}

/**
 * The two panes inside the body (what is left between the header and the footer).
 * `listWanted`: the cells the task table needs to show everything (taskTableWidth), or
 * several such widths, richest first (with the strip of recent outcomes, then without):
 * beside the details the list takes the first that fits, so that a column which cannot
 * fit anyway takes no width from the details.
 */
export function dashboardLayout(body: Frame, listWanted: number | readonly number[] = 0): DashboardLayout {
  // The frame is one column narrower than the terminal (see frameOf).
  if (body.width + 1 >= SIDE_BY_SIDE_COLUMNS) {
    const most = Math.floor(body.width * LIST_SHARE.most);
    const wishes = typeof listWanted === 'number' ? [listWanted] : listWanted;
    const wish = wishes.find((w) => w <= most) ?? wishes.at(-1) ?? 0;
    const listWidth = Math.max(Math.floor(body.width * LIST_SHARE.least), Math.min(wish, most));
    return {
      mode: 'side',
      list: { width: listWidth, height: body.height },
      // Two columns for the separator between the panes ("│ ").
      details: { width: body.width - listWidth - 2, height: body.height },
    };
  }
  const listHeight = Math.ceil(body.height / 2);
  return {
    mode: 'stacked',
    list: { width: body.width, height: listHeight },
    details: { width: body.width, height: body.height - listHeight },
  };
}

export function bodyFrame(frame: Frame, headerLines: number): Frame {
  return { width: frame.width, height: Math.max(1, frame.height - headerLines - FOOTER_LINES) };
}
