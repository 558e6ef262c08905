// A run's progress log: each line redacted and clipped, shown at once (onLine), and written
// to the store a few times a second rather than one transaction per line.
import type { LogLevel, LogLineInput } from '../../db/types.js';
import type { Clock, ClockTimer } from '../clock.js';
import type { Redactor } from '../diagnostics/redact.js';
import { clipMessage } from './clip.js';
import type { WriteQueue } from './write-queue.js';

const FLUSH_MS = 200;
export const MAX_LOG_LINES = 5_000;

export class LogBuffer {
  private pending: LogLineInput[] = [];
  private count = 0;
  private timer: ClockTimer | null = null;

  constructor(
    private readonly deps: {
      clock: Clock;
      redactor: Redactor;
      writes: WriteQueue;
      append(lines: LogLineInput[]): Promise<void>;
      onLine(line: LogLineInput): void;
    },
  ) {}

  add(level: LogLevel, message: string): void {
    if (this.count >= MAX_LOG_LINES) return;
    this.count++;
    const text =
      this.count === MAX_LOG_LINES
        ? `(log truncated at ${MAX_LOG_LINES} lines)`
        : this.deps.redactor.text(clipMessage(String(message)));
    const line: LogLineInput = { at: this.deps.clock.now(), level, message: text };
    this.pending.push(line);
    this.deps.onLine(line);
    this.timer ??= this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, FLUSH_MS);
  }

  /** Queues what is pending for the store now. */
  flush(): void {
    const lines = this.take();
    if (lines.length > 0) this.deps.writes.push(() => this.deps.append(lines));
  }

  /** What is pending, for the caller to write (the run's end writes it with the finish). */
  take(): LogLineInput[] {
    this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    const lines = this.pending;
    this.pending = [];
    return lines;
  }
}
