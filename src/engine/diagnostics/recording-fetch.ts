// A fetch that records every exchange for the diagnostics (docs/ARCHITECTURE.md, Handlers and diagnostics): request and
// response, bodies capped, secrets redacted before `record` sees anything. The
// response body is observed as the handler reads it (no second copy, no tee buffer);
// bodies nobody reads are drained up to the cap by settled(). Module handlers get it as
// ctx.fetch; nothing here touches fetch, Request or Headers (undici) before the first call.
import { ExchangeRecorder, type RecorderOptions } from './exchange-recorder.js';
import { observeBody } from './observe-body.js';
import { describeRequest, headersToRecord } from './request-record.js';

export interface RecordingFetchOptions extends RecorderOptions {
  /** The fetch that really sends (tests); the global one by default. */
  fetch?: typeof fetch;
}

export type RecordingFetch = typeof fetch & {
  /** See ExchangeRecorder.settled(): every exchange recorded, unread bodies drained up to the cap. */
  settled(waitMs?: number): Promise<void>;
};

export function createRecordingFetch(
  options: RecordingFetchOptions,
  recorder = new ExchangeRecorder(options),
): RecordingFetch {
  const base = options.fetch ?? globalThis.fetch;
  const { redactor, maxBodyBytes } = recorder;
  const settled = (waitMs?: number) => recorder.settled(waitMs);
  if (!recorder.on) return Object.assign(((input, init) => base(input, init)) as typeof fetch, { settled });

  const recording = async (input: string | URL | Request, init?: RequestInit) => {
    const at = recorder.now();
    const started = performance.now();
    const request = await describeRequest(input, init, maxBodyBytes, redactor);
    const elapsed = () => Math.round(performance.now() - started);
    let res: Response;
    try {
      res = await base(input, init);
    } catch (err) {
      recorder.addFailed(at, request, err, elapsed());
      throw err;
    }
    const finish = recorder.answered(at, request, res.status, headersToRecord(res.headers), elapsed);
    if (res.body === null) {
      finish(null, null);
      return res;
    }
    const observed = observeBody(res, maxBodyBytes, redactor, finish);
    recorder.track(observed.open);
    return observed.response;
  };
  return Object.assign(recording, { settled });
}
