import type { ExchangeInput } from '../../db/types.js';
import type { Redactor } from './redact.js';

export interface RecordingFetchOptions {
  /** Where each exchange goes; null when diagnostics are off for this run. */
  record: ((exchange: ExchangeInput) => void) | null;
  redactor: Redactor;
  maxBodyBytes: number;
}

/** A fetch that records every request and response, capped and redacted (stub until issue 4). */
export function createRecordingFetch(_options: RecordingFetchOptions): typeof fetch {
  return fetch;
}
