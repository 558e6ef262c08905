// Renders the dashboard App with ink-testing-library against a FakeEngine, with a fixed
// clock, a chosen terminal size, and helpers to press keys and wait for frames.
import { render } from 'ink-testing-library';
import type { EngineApi } from '../../src/engine/api.js';
import { App } from '../../src/ui/app.js';
import type { Clock } from '../../src/ui/hooks/clock.js';
import type { FeedTiming } from '../../src/ui/hooks/use-engine-feed.js';
import { NOW } from './fake-engine.js';
import { untilQuiet } from './quiet.js';

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  tab: '\t',
  escape: '\u001b',
  enter: '\r',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

export function fixedClock(now = NOW): Clock {
  return { now: () => now, subscribe: () => () => undefined };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RenderAppOptions {
  lang?: 'en' | 'ru';
  color?: boolean;
  ascii?: boolean;
  columns?: number;
  rows?: number;
  clock?: Clock;
  /** The feed's timing; by default no debounce and no frame batching (one render per event). */
  timing?: FeedTiming;
}

export async function renderApp(engine: EngineApi, options: RenderAppOptions = {}) {
  const app = render(
    <App
      engine={engine}
      lang={options.lang ?? 'en'}
      color={options.color ?? true}
      ascii={options.ascii ?? false}
      clock={options.clock ?? fixedClock()}
      timing={options.timing ?? { refreshGapMs: 0, safetyRefreshMs: 60_000, alertGapMs: 0, frameMs: 0 }}
    />,
  );
  const frame = () => app.lastFrame() ?? '';

  /** Polls until the frame passes `check`; the limit is a safety net sized for a loaded CI machine. */
  async function waitFor(check: string | ((frame: string) => boolean), timeoutMs = 5_000): Promise<string> {
    const ok = typeof check === 'string' ? (f: string) => f.includes(check) : check;
    const deadline = Date.now() + timeoutMs;
    while (!ok(frame())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(check)} in frame:\n${frame()}`);
      await tick(5);
    }
    return frame();
  }

  /** Waits until no new frame has been drawn for a while (keys queue and render one after another). */
  async function settle(quietMs = 40, timeoutMs = 3000): Promise<void> {
    await untilQuiet(() => app.frames.length, { quietMs, timeoutMs });
  }

  /** Sends keys one by one; Esc needs a moment before Ink decides it was not the start of a sequence. */
  async function press(...keys: string[]): Promise<string> {
    for (const key of keys) {
      app.stdin.write(key);
      await tick(key === KEYS.escape ? 10 : 2);
    }
    await settle();
    return frame();
  }

  function resize(columns: number, rows: number) {
    Object.defineProperty(app.stdout, 'columns', { configurable: true, get: () => columns });
    Object.defineProperty(app.stdout, 'rows', { configurable: true, get: () => rows });
    app.stdout.emit('resize');
  }

  if (options.columns !== undefined || options.rows !== undefined) resize(options.columns ?? 100, options.rows ?? 24);
  await waitFor((f) => !f.includes('Loading') && f.length > 0);
  await settle();
  return { ...app, frame, waitFor, press, resize, settle };
}
