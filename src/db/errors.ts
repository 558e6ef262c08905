/** The database cannot be used as asked: one clear line for the user, exit code 2. */
export class DbOpenError extends Error {
  override readonly name: string = 'DbOpenError';
}

/**
 * The database server cannot be reached or used right now (refused, no connection to
 * spare, lost, not answering, too busy to answer in time): one line naming the server and
 * the reason, exit code 2 for a command; an engine reports it once and keeps retrying.
 */
export class DbUnavailableError extends DbOpenError {
  override readonly name = 'DbUnavailableError';
  constructor(
    message: string,
    /** The reason alone, without the server's name. */
    readonly reason: string,
  ) {
    super(message);
  }
}

/** better-sqlite3 reports lock contention with these codes; they are retried, never shown. */
export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export function isCorruptError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/** The disk is full or the file became read-only: the engine reports it and keeps retrying. */
export function isStorageUnavailableError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_FULL') ||
      code.startsWith('SQLITE_READONLY') ||
      code.startsWith('SQLITE_IOERR') ||
      code === 'SQLITE_CANTOPEN')
  );
}
