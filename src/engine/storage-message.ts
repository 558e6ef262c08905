// One clear line for a database that stopped taking writes (full disk, read-only file,
// a PostgreSQL server that cannot be reached), shown in the dashboard's header and logged
// once by `syncdeck engine`; and one when it takes writes again, with how long it lasted.
import { DbUnavailableError } from '../db/errors.js';
import { oneLine } from './text/sanitize.js';

function reason(err: unknown): string {
  // A PostgreSQL connection problem: its message names the server again; the reason alone will do.
  if (err instanceof DbUnavailableError) return oneLine(err.reason);
  const raw = (err as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : '';
  const text = oneLine(err instanceof Error ? err.message : String(err));
  if (code.startsWith('SQLITE_FULL')) return `the disk is full (${text})`;
  if (code.startsWith('SQLITE_READONLY')) return `the file is read-only (${text})`;
  if (code.startsWith('SQLITE_IOERR')) return `${text}: the disk may be full or the file read-only`;
  return text;
}

export function storageErrorMessage(database: string, err: unknown): string {
  return `cannot write the database ${database}: ${reason(err)}; runs are not recorded until it can be written again (retrying)`;
}

/** How long an outage lasted, in words: "850 ms", "42 s", "3 min 5 s". */
export function outageText(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1_000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

export type StorageEvent =
  { type: 'storage-error'; message: string } | { type: 'storage-recovered'; outageMs: number; message: string };

export interface StorageHealthOptions {
  /** Writes must work this long without a failure before the outage is over (no flapping pair per hiccup). */
  settleMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => () => void;
}

/** An outage is over once writes have worked for this long without a new failure. */
export const SETTLE_MS = 5_000;

function realTimer(fn: () => void, ms: number): () => void {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
}

/**
 * Whether the database takes writes, told once per outage: one `storage-error` at the
 * first failure, one `storage-recovered` once writes have worked for `settleMs` without a
 * failure (reads keep working on a full disk or a read-only file, so they prove nothing).
 * Failures in between — a server that answers one call in three — are the same outage.
 */
export class StorageHealth {
  private downSince: number | null = null;
  private upSince: number | null = null;
  private cancelSettle: (() => void) | null = null;
  private readonly settleMs: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => () => void;

  constructor(
    private readonly database: string,
    private readonly emit: (event: StorageEvent) => void,
    options: StorageHealthOptions = {},
  ) {
    this.settleMs = options.settleMs ?? SETTLE_MS;
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? realTimer;
  }

  /** Whether an outage is under way (told, not yet over). */
  get down(): boolean {
    return this.downSince !== null;
  }

  failed(err: unknown): void {
    this.upSince = null;
    this.cancelSettle?.();
    this.cancelSettle = null;
    if (this.downSince !== null) return;
    this.downSince = this.now();
    this.emit({ type: 'storage-error', message: storageErrorMessage(this.database, err) });
  }

  wrote(): void {
    if (this.downSince === null || this.upSince !== null) return;
    this.upSince = this.now();
    this.cancelSettle = this.setTimer(() => this.over(), this.settleMs);
  }

  /** No more timers (the engine stops). */
  dispose(): void {
    this.cancelSettle?.();
    this.cancelSettle = null;
  }

  private over(): void {
    if (this.downSince === null || this.upSince === null) return;
    const outageMs = this.upSince - this.downSince;
    this.downSince = this.upSince = null;
    this.cancelSettle = null;
    this.emit({
      type: 'storage-recovered',
      outageMs,
      message: `the database ${this.database} takes writes again (the outage lasted ${outageText(outageMs)})`,
    });
  }
}
