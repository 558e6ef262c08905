// The store's connections to the server, one by default (`database.pool` or `?pool=N`
// allow more, for a headless engine running many tasks at once). A call has its
// connection to itself from start to end, so the statements of one call's transaction
// never interleave with another call's; node-postgres would queue them on one client
// but not keep BEGIN … COMMIT together. The first connection ("main") also LISTENs for
// other instances' changes. A lost main connection is opened again with backoff and
// jitter; calls made meanwhile fail at once with the reason.
import type pg from 'pg';
import { Backoff } from './backoff.js';

export const CHANGES_CHANNEL = 'syncdeck_changes';
/** An extra connection (pool > 1) idle this long is closed. */
export const EXTRA_IDLE_MS = 30_000;

export interface Lane {
  readonly client: pg.Client;
  /** The server process serving it: notifications it caused are this store's own. */
  readonly pid: number;
}

/** Connects a lane; `main`: the first connection (it migrates the schema once). `gone` is called when the connection ends or fails. */
export type LaneOpener = (main: boolean, gone: () => void) => Promise<Lane>;

export interface LaneEvents {
  /** Another connection committed a change (the payload names the table). */
  notified(payload: string): void;
  /** The main connection was opened again after it was lost: notifications may have been missed. */
  reopened(): void;
}

interface Slot {
  readonly lane: Lane;
  readonly main: boolean;
  busy: boolean;
  dead: boolean;
  idleTimer: NodeJS.Timeout | null;
}

interface Waiter {
  mainOnly: boolean;
  /** Given a slot already marked busy, or null: try again (a connection died, or the store closed). */
  wake(slot: Slot | null): void;
}

export interface UseOptions {
  /** Only the main connection will do (LISTEN). */
  mainOnly?: boolean;
  /** A call still running after this long has its connection closed under it (a server that stopped answering). */
  timeoutMs?: number;
}

export class Lanes {
  private main: Slot | null = null;
  private readonly extras: Slot[] = [];
  private openingMain: Promise<Slot> | null = null;
  private openingExtras = 0;
  private readonly waiters: Waiter[] = [];
  private readonly backoff = new Backoff();
  private readonly extraBackoff = new Backoff();
  private listening = false;
  /** The LISTEN (or the main connection's opening, which LISTENs) under way, if any. */
  private listenSent: Promise<unknown> | null = null;
  private everOpened = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private drained: (() => void) | null = null;

  constructor(
    private readonly open: LaneOpener,
    private readonly size: number,
    private readonly events: LaneEvents,
  ) {}

  /** Opens the main connection; its failure is the store's open error. */
  async start(): Promise<void> {
    await this.openMain();
  }

  /** How many connections are open now. */
  get openCount(): number {
    return (this.main && !this.main.dead ? 1 : 0) + this.extras.filter((s) => !s.dead).length;
  }

  async use<T>(fn: (lane: Lane) => Promise<T>, options: UseOptions = {}): Promise<T> {
    const slot = await this.acquire(options.mainOnly ?? false);
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = fn(slot.lane);
      if (options.timeoutMs === undefined) return await work;
      const ms = options.timeoutMs;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          this.kill(slot);
          reject(Object.assign(new Error(`the server did not answer within ${ms / 1000} s`), { code: 'ETIMEDOUT' }));
        }, ms);
      });
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
      this.release(slot);
    }
  }

  /** Delivers other instances' changes from now on (LISTEN on the main connection, again after every reconnect). */
  async listen(): Promise<void> {
    if (this.closed) throw new Error('the store is closed');
    const alive = this.main !== null && !this.main.dead;
    // A LISTEN under way: done when the server has it, not before (a change made meanwhile would be missed).
    if (this.listening && alive) return void (await this.listenSent);
    const first = !this.listening;
    this.listening = true;
    const sent =
      first && alive
        ? this.use((lane) => lane.client.query(`LISTEN ${CHANGES_CHANNEL}`), { mainOnly: true })
        : this.openMain();
    this.listenSent = sent;
    try {
      await sent;
    } catch (err) {
      this.scheduleReconnect();
      throw err;
    } finally {
      if (this.listenSent === sent) this.listenSent = null;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.wakeAll();
    await this.openingMain?.catch(() => undefined);
    // Calls under way finish first (a run's last write), then every connection ends.
    if ([this.main, ...this.extras].some((s) => s?.busy))
      await new Promise<void>((resolve) => (this.drained = resolve));
    const slots = [this.main, ...this.extras].filter((s): s is Slot => s !== null);
    this.main = null;
    this.extras.length = 0;
    await Promise.all(slots.map((s) => this.end(s)));
  }

  private async acquire(mainOnly: boolean): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error('the store is closed');
      const main = this.main && !this.main.dead ? this.main : await this.openMain();
      if (!main.busy && !main.dead) return this.take(main);
      if (!mainOnly) {
        const idle = this.extras.find((s) => !s.busy && !s.dead);
        if (idle) return this.take(idle);
        this.openExtra();
      }
      const slot = await new Promise<Slot | null>((resolve) => this.waiters.push({ mainOnly, wake: resolve }));
      if (slot) return slot;
    }
  }

  private take(slot: Slot): Slot {
    slot.busy = true;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    return slot;
  }

  private release(slot: Slot): void {
    slot.busy = false;
    if (slot.dead || this.closed) {
      if (slot.dead) this.discard(slot);
      this.wakeAll();
      if (this.closed && ![this.main, ...this.extras].some((s) => s?.busy)) this.drained?.();
      return;
    }
    const i = this.waiters.findIndex((w) => slot.main || !w.mainOnly);
    if (i >= 0) {
      const [waiter] = this.waiters.splice(i, 1);
      waiter!.wake(this.take(slot));
      return;
    }
    if (!slot.main) {
      slot.idleTimer = setTimeout(() => this.discard(slot), EXTRA_IDLE_MS);
      slot.idleTimer.unref();
    }
  }

  private wakeAll(): void {
    for (const w of this.waiters.splice(0)) w.wake(null);
  }

  private openMain(): Promise<Slot> {
    if (this.openingMain) return this.openingMain;
    const refusal = this.backoff.refusal();
    if (refusal) return Promise.reject(refusal);
    this.openingMain = (async () => {
      let slot: Slot | null = null;
      let lostEarly = false;
      try {
        const lane = await this.open(true, () => (slot ? this.gone(slot) : (lostEarly = true)));
        slot = { lane, main: true, busy: true, dead: lostEarly, idleTimer: null };
        lane.client.on('notification', (msg: pg.Notification) => {
          if (!this.ownPids().has(msg.processId)) this.events.notified(msg.payload ?? '');
        });
        if (this.listening) await lane.client.query(`LISTEN ${CHANGES_CHANNEL}`);
        if (slot.dead) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
      } catch (err) {
        this.backoff.failed(err);
        if (slot) {
          this.kill(slot);
          this.discard(slot);
        }
        throw err;
      }
      this.backoff.succeeded();
      const reopened = this.everOpened;
      this.everOpened = true;
      this.main = slot;
      slot.busy = false;
      if (this.closed) {
        this.discard(slot);
        throw new Error('the store is closed');
      }
      if (reopened && this.listening) this.events.reopened();
      return slot;
    })().finally(() => (this.openingMain = null));
    return this.openingMain;
  }

  /** A second, third … connection for calls that would wait (pool > 1); a server with none to spare just makes them wait. */
  private openExtra(): void {
    if (this.closed || 1 + this.extras.length + this.openingExtras >= this.size || this.extraBackoff.refusal()) return;
    this.openingExtras++;
    let slot: Slot | null = null;
    this.open(false, () => slot && this.gone(slot))
      .then(
        (lane) => {
          this.extraBackoff.succeeded();
          slot = { lane, main: false, busy: true, dead: false, idleTimer: null };
          this.extras.push(slot);
          this.release(slot);
        },
        (err: unknown) => this.extraBackoff.failed(err),
      )
      .finally(() => this.openingExtras--);
  }

  private ownPids(): Set<number> {
    return new Set([this.main, ...this.extras].filter((s): s is Slot => s !== null).map((s) => s.lane.pid));
  }

  /** The connection ended or failed: it is never used again. */
  private gone(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    if (this.main === slot) {
      this.main = null;
      if (this.listening) this.scheduleReconnect();
    }
    if (!slot.busy) {
      this.discard(slot);
      this.wakeAll();
    }
  }

  /** Closes a connection under a call that hangs (its socket is destroyed: a dead network never answers `end`). */
  private kill(slot: Slot): void {
    this.gone(slot);
    const stream = (slot.lane.client as unknown as { connection?: { stream?: { destroy?: () => void } } }).connection
      ?.stream;
    stream?.destroy?.();
  }

  private discard(slot: Slot): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    if (this.main === slot) this.main = null;
    const i = this.extras.indexOf(slot);
    if (i >= 0) this.extras.splice(i, 1);
    slot.dead = true;
    void this.end(slot);
  }

  private end(slot: Slot): Promise<void> {
    return slot.lane.client.end().catch(() => undefined);
  }

  /** While someone listens, a lost main connection is opened again in the background, with backoff. */
  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || !this.listening) return;
    this.reconnectTimer = setTimeout(
      () => {
        this.reconnectTimer = null;
        if (this.closed || (this.main && !this.main.dead)) return;
        this.openMain().catch(() => this.scheduleReconnect());
      },
      Math.max(50, this.backoff.wait()),
    );
    this.reconnectTimer.unref();
  }
}
