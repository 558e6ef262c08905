// Errors that say the server cannot be reached or used right now (as opposed to a bad
// statement): refused, lost, no connection to spare, too busy to answer in time. In
// words for the user: one line, never a stack trace.

/** PostgreSQL codes of a connection that could not be made or was lost. */
const CONNECTION_CODES: Record<string, string> = {
  '53300': 'the server has no connection to spare (max_connections)',
  '57P01': 'the server is shutting down',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up or shutting down',
  '3D000': 'the database does not exist',
  '57014': 'a statement waited longer than the statement timeout (the server is overloaded, or a lock is held)',
  '55P03': 'a lock could not be had in time',
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running, and listening there?)',
  ENOTFOUND: 'the server name was not found',
  EAI_AGAIN: 'the server name was not found',
  ETIMEDOUT: 'the server did not answer in time',
  EHOSTUNREACH: 'the server cannot be reached (no route to it)',
  ENETUNREACH: 'the server cannot be reached (network unreachable)',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was lost',
};

/** Why the server cannot be used, or null when `err` is not about the connection. */
export function connectionProblem(err: unknown): string | null {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (NETWORK_CODES[code]) return NETWORK_CODES[code];
  if (CONNECTION_CODES[code]) return `${CONNECTION_CODES[code]}: ${firstLine(message)}`;
  if (code.startsWith('08')) return `the connection failed: ${firstLine(message)}`;
  if (
    /^Connection terminated|connection error and is not queryable|Client was closed and is not queryable/i.test(message)
  )
    return 'the connection to the server was lost';
  if (code === '55000' && /not currently accepting connections/i.test(message))
    return `the database does not accept connections now: ${firstLine(message)}`;
  if (/timeout expired|did not answer within/i.test(message)) return 'the server did not answer in time';
  return null;
}

/** Why opening failed, for the one line the user sees: the connection's problem, or the server's own message. */
export function openProblem(err: unknown): string {
  const problem = connectionProblem(err);
  if (problem) return problem;
  return firstLine(err instanceof Error ? err.message : String(err));
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
