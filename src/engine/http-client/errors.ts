// The errors the HTTP client makes itself; Node's own (ECONNREFUSED, socket hang up,
// TLS, zlib) pass through as they are and are classified by handlers/http/classify.ts.

/** The exchange took longer than its timeoutMs (the message is what fetch said in this case). */
export class RequestTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'ERR_REQUEST_TIMEOUT';
  constructor() {
    super('The operation was aborted due to timeout');
  }
}

/** A failure with a code the classifier knows: a connect or idle timeout, too many encodings. */
export class HttpClientError extends Error {
  constructor(
    readonly code: 'ERR_CONNECT_TIMEOUT' | 'ERR_IDLE_TIMEOUT' | 'ERR_CONTENT_ENCODING',
    message: string,
  ) {
    super(message);
  }
}

export function isRequestTimeout(err: unknown): boolean {
  return err instanceof RequestTimeoutError;
}
