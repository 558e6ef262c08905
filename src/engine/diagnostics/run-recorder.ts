// What a run sends its requests through (docs/ARCHITECTURE.md, Handlers and diagnostics):
// the recording node:http client for the built-in http handler, and for module handlers a
// recording fetch made with their first call, so undici loads only when a module uses it.
import type { HttpClient } from '../http-client/types.js';
import { ExchangeRecorder, type RecorderOptions } from './exchange-recorder.js';
import { createRecordingFetch, type RecordingFetch } from './recording-fetch.js';
import { createRecordingHttp } from './recording-http.js';

export interface RunRecorder {
  fetch: typeof fetch;
  http: HttpClient;
  /** Every exchange of either recorded; bodies nobody read drained up to the cap (ExchangeRecorder.settled). */
  settled(waitMs?: number): Promise<void>;
}

export function createRunRecorder(options: RecorderOptions): RunRecorder {
  const recorder = new ExchangeRecorder(options);
  let fetch: RecordingFetch | null = null;
  return {
    fetch: (input, init) => (fetch ??= createRecordingFetch(options, recorder))(input, init),
    http: createRecordingHttp(recorder),
    settled: (waitMs) => recorder.settled(waitMs),
  };
}
