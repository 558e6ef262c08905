// What the engine's HTTP client (./send.ts) takes and gives back: plain objects, no
// fetch Request/Response, so a process that sends only these never loads undici
// (docs/ARCHITECTURE.md, Handlers and diagnostics).
import type { Readable } from 'node:stream';

export interface HttpRequest {
  method: string;
  url: URL;
  /** Names in any case; a later name that differs only in case replaces an earlier one. */
  headers: Record<string, string>;
  body?: string;
  /** Stops the exchange (connecting, waiting or reading the body); it fails with the signal's reason. */
  signal?: AbortSignal;
  /** The whole exchange, body included: past it, it fails with a RequestTimeoutError. */
  timeoutMs?: number;
}

export interface HttpResponse {
  url: URL;
  status: number;
  statusText: string;
  /** Lower-case names; a repeated header's values joined by ", " (as fetch's Headers.get()). */
  headers: Record<string, string>;
  /** The body, decoded (gzip, deflate, br); the reader destroys it to stop early. */
  body: Readable;
}

export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;
