// SQLite's side of Store.onChange: PRAGMA data_version changes when another connection
// commits (never for this connection's own commits), and reading it costs a few
// microseconds. Checked on a timer only while someone listens.
import type Database from 'better-sqlite3';
import type { ChangeFeed } from '../change-feed.js';

/** How often data_version is read while someone listens. */
export const CHANGE_CHECK_MS = 500;

export class ChangeCheck {
  private timer: NodeJS.Timeout | null = null;
  private last: number | null = null;
  private readonly version: Database.Statement<[], number>;

  constructor(
    db: Database.Database,
    private readonly feed: ChangeFeed,
    private readonly everyMs = CHANGE_CHECK_MS,
  ) {
    this.version = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** The current data_version (the change marker). */
  read(): number {
    return this.version.get() as number;
  }

  start(): void {
    if (this.timer) return;
    this.last = this.safeRead();
    this.timer = setInterval(() => this.check(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private check(): void {
    const now = this.safeRead();
    if (now === null || now === this.last) return;
    const first = this.last === null;
    this.last = now;
    if (!first) this.feed.push(null);
  }

  /** A file that cannot be read now says nothing; the store's calls report storage trouble. */
  private safeRead(): number | null {
    try {
      return this.read();
    } catch {
      return null;
    }
  }
}
