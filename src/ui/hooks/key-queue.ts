// Keys in the order they came, one at a time (the pure part of the key dispatcher).
import type { KeyPress } from '../keymap.js';

export interface KeyQueueLimits {
  /** At most this long for the commit of a key that changed the state (a safety net: the commit always comes). */
  commitMs: number;
}

const DEFAULT_LIMITS: KeyQueueLimits = { commitMs: 1000 };

/**
 * Keys wait their turn: the next key is dispatched only once the previous one has taken
 * effect (a confirmation opened by "s" must take the "y" typed right after it, even when
 * both came in one read). React commits a key's update later, in a task of its own, so
 * the queue is told (by the state owner's dispatch, `changed`) whether the key changed the
 * state, and then waits for that commit (`settled`); a key that changed nothing lets the
 * next one go at once. Never a timer alone: on a loaded machine a timer fires before the
 * commit, and the next key would meet the handlers of the screen before.
 */
export class KeyQueue {
  private queue: KeyPress[] = [];
  /** The key being handled (0: none); a release for an older key is ignored. */
  private current = 0;
  private keys = 0;
  /** The current key, or the work it holds for, dispatched a change not committed yet. */
  private uncommitted = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The hold the current key is under (0: none). */
  private held = 0;
  private holds = 0;

  constructor(
    private readonly dispatch: (press: KeyPress) => void,
    private readonly limits: KeyQueueLimits = DEFAULT_LIMITS,
  ) {}

  /** The keys of one read (keys-of-read.ts), in order. */
  push(presses: readonly KeyPress[]): void {
    this.queue.push(...presses);
    if (this.current === 0) this.next();
  }

  /** True while a key is being handled or waited for. */
  get handlingKey(): boolean {
    return this.current !== 0;
  }

  /** Called by the state owner when an action it is about to apply changes its state. */
  changed(): void {
    if (this.current !== 0) this.uncommitted = true;
  }

  /** Called by the state owner after each commit. */
  settled(): void {
    if (this.current === 0) return;
    this.uncommitted = false;
    if (this.held === 0) this.releaseSoon(this.current);
  }

  /**
   * The key being handled started work that answers later (a history page from the
   * engine): the next key waits for that work, then for the commit of what it changed, at
   * most `maxMs` for the work. So "End i" typed at once opens the oldest run.
   */
  hold(work: Promise<unknown>, maxMs = 2000): void {
    const key = this.current;
    if (key === 0) return;
    const token = ++this.holds;
    this.held = token;
    this.setTimer(key, maxMs);
    const resume = () => {
      if (this.held !== token || this.current !== key) return;
      this.held = 0;
      this.afterHandling(key);
    };
    work.then(resume, resume);
  }

  dispose(): void {
    this.clearTimer();
    this.queue = [];
    this.current = 0;
  }

  private next() {
    const press = this.queue.shift();
    if (!press) return;
    const key = ++this.keys;
    this.current = key;
    this.uncommitted = false;
    this.held = 0;
    this.dispatch(press);
    if (this.current === key && this.held === 0) this.afterHandling(key);
  }

  /** The key (or its work) is done: wait for the commit of what it changed, or go on. */
  private afterHandling(key: number) {
    if (this.uncommitted) this.setTimer(key, this.limits.commitMs);
    else this.releaseSoon(key);
  }

  private releaseSoon(key: number) {
    queueMicrotask(() => this.release(key));
  }

  private release(key: number) {
    if (this.current !== key) return;
    this.clearTimer();
    this.current = 0;
    this.held = 0;
    this.uncommitted = false;
    this.next();
  }

  private setTimer(key: number, ms: number) {
    this.clearTimer();
    this.timer = setTimeout(() => this.release(key), ms);
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
