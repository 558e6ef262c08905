// While the engine's worker starts (a second Node, the config, the store: a few hundred
// milliseconds in which the screen thread only waits), the screen thread renders a made-up
// dashboard once, into a string nobody sees. The code of the first real frame (React,
// Yoga, Ink's output, our rows and widths) is then compiled and warm, and the frame comes
// that much sooner (docs/ARCHITECTURE.md, Composition root).
import { EventEmitter } from 'node:events';
import { renderToString } from 'ink';
import { App } from '../app.js';
import type { Clock } from '../hooks/clock.js';
import type { Lang } from '../i18n/index.js';
import { idleEngine } from './idle-engine.js';
import { warmTasks } from './warm-tasks.js';

export interface WarmUpOptions {
  lang: Lang;
  color: boolean;
  ascii: boolean;
  columns: number;
  rows: number;
}

/** A terminal of this size that nothing reaches: the App only reads its size and listens for resizes. */
function sizedTerminal(columns: number, rows: number): NodeJS.WriteStream {
  return Object.assign(new EventEmitter(), { columns, rows }) as unknown as NodeJS.WriteStream;
}

/** The made-up frame's text (nobody sees it; tests read it). */
export function warmUpRender(options: WarmUpOptions): string {
  const now = Date.now();
  const clock: Clock = { now: () => now, subscribe: () => () => undefined };
  return renderToString(
    <App
      engine={idleEngine}
      lang={options.lang}
      color={options.color}
      ascii={options.ascii}
      clock={clock}
      terminal={sizedTerminal(options.columns, options.rows)}
      firstTasks={warmTasks(now)}
    />,
    { columns: options.columns },
  );
}
