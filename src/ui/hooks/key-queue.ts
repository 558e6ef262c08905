// Keys in the order they came, one at a time (the pure part of the key dispatcher).
import type { KeyPress } from '../keymap.js';

/**
 * Keys wait their turn: the next key is dispatched only once the state owner has committed
 * the update of the one before (a confirmation opened by "s" must take the "y" typed right
 * after it, even when both came in one read). A key that changed nothing commits nothing,
 * so a short timer releases the queue then.
 */
export class KeyQueue {
  private queue: KeyPress[] = [];
  private waiting = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The hold the current key is under (0: none). */
  private held = 0;
  private holds = 0;

  constructor(
    private readonly dispatch: (press: KeyPress) => void,
    private readonly fallbackMs = 20,
  ) {}

  /** The keys of one read (keys-of-read.ts), in order. */
  push(presses: readonly KeyPress[]): void {
    this.queue.push(...presses);
    if (!this.waiting) this.next();
  }

  /** Called by the state owner after each commit. */
  settled(): void {
    if (this.waiting && this.held === 0) queueMicrotask(this.release);
  }

  /**
   * The key being handled started work that answers later (a history page from the
   * engine): the next key waits for that work, then for the commit it causes (or the short
   * timer), at most `maxMs` in all. So "End i" typed at once opens the oldest run.
   */
  hold(work: Promise<unknown>, maxMs = 2000): void {
    if (!this.waiting) return;
    const token = ++this.holds;
    this.held = token;
    if (this.timer) clearTimeout(this.timer);
    const resume = () => {
      if (this.held !== token) return;
      this.held = 0;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(this.release, this.fallbackMs);
    };
    this.timer = setTimeout(resume, maxMs);
    work.then(resume, resume);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
  }

  private release = () => {
    if (!this.waiting) return;
    this.waiting = false;
    this.held = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.next();
  };

  private next() {
    const press = this.queue.shift();
    if (!press) return;
    this.waiting = true;
    this.timer = setTimeout(this.release, this.fallbackMs);
    this.dispatch(press);
  }
}
