// Keys in the order they came, one at a time (the pure part of the key dispatcher).
import type { KeyPress } from '../keymap.js';

export interface KeyQueueOptions {
  /** At most this long for the commit of a key that changed the state (a safety net: the commit always comes); 1 s by default. */
  commitMs?: number;
  /** Keys that never wait their turn (Ctrl+C, Ctrl+L): they mean the same on every screen. */
  atOnce?: (press: KeyPress) => boolean;
  /** Keys typed ahead were dropped: the screen they were typed for did not come. */
  onDropped?: (count: number) => void;
}

const COMMIT_MS = 1000;

/** Work a key started that answers later (a history page from the engine). */
export interface KeyHold {
  /** True once what the next key was typed for is there; false if it will not come (an error, another answer took its place). */
  work: Promise<boolean>;
  /** Keys that do not wait (Esc, q: they leave the screen): the wait is given up, the keys behind it are dropped, then this key is taken. */
  cancelledBy: (press: KeyPress) => boolean;
  /** The wait was given up: the work's answer, when it comes, must change nothing. */
  cancel: () => void;
}

interface Holding extends KeyHold {
  key: number;
}

/**
 * Keys wait their turn: the next key is dispatched only once the previous one has taken
 * effect (a confirmation opened by "s" must take the "y" typed right after it, even when
 * both came in one read). React commits a key's update later, in a task of its own, so
 * the queue is told (by the state owner's dispatch, `changed`) whether the key changed the
 * state, and then waits for that commit (`settled`); a key that changed nothing lets the
 * next one go at once. Never a timer alone: on a loaded machine a timer fires before the
 * commit, and the next key would meet the handlers of the screen before.
 *
 * A key whose work answers later (`hold`) holds the keys after it until the work is done,
 * however long it takes: "End i" opens the oldest run even when the page takes 5 s. The
 * keys it held are dropped (and `onDropped` says so) if the work's screen does not come,
 * never handed to the screen still shown. A hung engine never locks the keyboard: Ctrl+C
 * and Ctrl+L (`atOnce`), the same on every screen, never wait their turn; the keys that
 * leave the screen (`cancelledBy`: Esc, q), typed in a read after the hold began, give up
 * the wait (within one read every key waits its turn, as if pressed one by one).
 */
export class KeyQueue {
  private queue: KeyPress[] = [];
  /** The key being handled (0: none); a release for an older key is ignored. */
  private current = 0;
  private keys = 0;
  /** The current key, or the work it holds for, dispatched a change not committed yet. */
  private uncommitted = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The hold the current key is under. */
  private holding: Holding | null = null;

  constructor(
    private readonly dispatch: (press: KeyPress) => void,
    private readonly options: KeyQueueOptions = {},
  ) {}

  /** The keys of one read (keys-of-read.ts), in order. */
  push(presses: readonly KeyPress[]): void {
    for (const press of presses) {
      if (this.options.atOnce?.(press)) this.dispatch(press);
      else if (this.holding?.cancelledBy(press)) this.giveUp(this.holding, press);
      else this.queue.push(press);
    }
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
    if (!this.holding) this.releaseSoon(this.current);
  }

  /**
   * The key being handled started work that answers later: the keys after it wait for the
   * work, then for the commit of what it changed. Called in its handler, or in the commit
   * of its change (the history screen it opened asks for its first page).
   */
  hold(hold: KeyHold): void {
    const key = this.current;
    if (key === 0) return;
    // The commit's safety net must not end the wait: the work has none.
    this.clearTimer();
    const holding: Holding = { ...hold, key };
    this.holding = holding;
    const resume = (arrived: boolean) => {
      if (this.holding !== holding) return;
      this.holding = null;
      if (!arrived) this.drop();
      this.afterHandling(key);
    };
    hold.work.then(resume, () => resume(false));
  }

  dispose(): void {
    this.clearTimer();
    this.queue = [];
    this.current = 0;
    this.holding = null;
  }

  private next() {
    const press = this.queue.shift();
    if (!press) return;
    const key = ++this.keys;
    this.current = key;
    this.uncommitted = false;
    this.holding = null;
    this.dispatch(press);
    if (this.current === key && !this.holding) this.afterHandling(key);
  }

  /**
   * A key that leaves the screen came during the hold: the keys before it are dropped; it
   * goes next, then the rest of its read (Ctrl+C and Ctrl+L there still go at once).
   */
  private giveUp(holding: Holding, leaving: KeyPress) {
    this.holding = null;
    holding.cancel();
    this.drop();
    this.queue.push(leaving);
    this.afterHandling(holding.key);
  }

  private drop() {
    const count = this.queue.length;
    this.queue = [];
    if (count > 0) this.options.onDropped?.(count);
  }

  /** The key (or its work) is done: wait for the commit of what it changed, or go on. */
  private afterHandling(key: number) {
    if (this.uncommitted) this.setTimer(key, this.options.commitMs ?? COMMIT_MS);
    else this.releaseSoon(key);
  }

  private releaseSoon(key: number) {
    queueMicrotask(() => this.release(key));
  }

  private release(key: number) {
    if (this.current !== key) return;
    this.clearTimer();
    this.current = 0;
    this.holding = null;
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
