// One clear line for a database that stopped taking writes (full disk, read-only file),
// shown in the dashboard's header and logged once by `syncdeck engine`.
import { oneLine } from './text/sanitize.js';

function reason(err: unknown): string {
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

/**
 * Whether the database takes writes, told once per outage: one `storage-error` when it
 * stops, one `storage-recovered` after the next successful write (reads keep working on
 * a full disk or a read-only file, so they prove nothing).
 */
export class StorageHealth {
  private down = false;

  constructor(
    private readonly database: string,
    private readonly emit: (event: { type: 'storage-error'; message: string } | { type: 'storage-recovered' }) => void,
  ) {}

  failed(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.emit({ type: 'storage-error', message: storageErrorMessage(this.database, err) });
  }

  wrote(): void {
    if (!this.down) return;
    this.down = false;
    this.emit({ type: 'storage-recovered' });
  }
}
