// Driving the dashboard's history screen (issue 6) in the pseudo-terminal: press a key,
// time the first changed frame and the frame that shows the new page.
import type { PtySession } from './pty.js';
import type { Screen } from './screen.js';
import { now } from './timing.js';

export const KEYS = { open: 'H', pageDown: '\x1b[6~', end: '\x1b[F', home: '\x1b[H' } as const;

/** English texts of the screen (src/ui/i18n/en/history.ts): the table's header row and the loading line. */
const HEADER = ['Started', 'Outcome'];
const LOADING = 'Loading the history';
/** The placeholder text the screen showed before issue 6 landed. */
export const PLACEHOLDER = 'comes in a later version';

/** The first row of runs under the table header ('' when there is no table). */
export function firstRow(s: Screen): string {
  const lines = s.lines();
  const header = lines.findIndex((l) => HEADER.every((h) => l.includes(h)));
  return header >= 0 ? (lines[header + 1] ?? '') : '';
}

export interface KeyTiming {
  /** Key press → first byte written (the first changed frame). */
  firstFrameMs: number | null;
  /** Key press → the frame whose first row of runs differs, with nothing loading. */
  pageShownMs: number | null;
}

export async function pressAndTime(session: PtySession, keys: string, timeoutMs = 5_000): Promise<KeyTiming> {
  const before = firstRow(session.screen);
  const from = now();
  session.write(keys);
  const shownAt = await session
    .waitForScreen(
      (s) => !s.text().includes(LOADING) && firstRow(s) !== '' && firstRow(s) !== before,
      timeoutMs,
      'the new page',
    )
    .catch(() => null);
  const first = session.chunks.find((c) => c.at >= from);
  await session.waitQuiet(200, 3_000);
  return { firstFrameMs: first ? first.at - from : null, pageShownMs: shownAt === null ? null : shownAt - from };
}
