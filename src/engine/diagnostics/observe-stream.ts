// Captures a node:http response body for the diagnostics as its reader takes it: a
// 'data' listener sees the same chunks (no copy, no extra stream), memory capped. The
// stream is paused first, so the listener does not start the flow before the reader.
import type { Readable } from 'node:stream';
import { BodyCapture, BodyEnding } from './body-capture.js';
import type { OpenBody } from './exchange-recorder.js';
import type { Redactor } from './redact.js';
import { describeError } from './request-record.js';

export function observeStream(
  body: Readable,
  cap: number,
  redactor: Redactor,
  head: { declared: number | null; contentType: string | null },
  finish: (body: string, error: string | null) => void,
): OpenBody {
  const capture = new BodyCapture(cap);
  const ending = new BodyEnding((complete, error) => {
    body.off('data', onData);
    finish(capture.render(redactor, { complete, ...head }), error);
  });
  const { end, done } = ending;
  const onData = (chunk: Buffer) => capture.add(chunk);
  body.pause();
  body.on('data', onData);
  body.once('end', () => end(true, null));
  body.once('error', (err) => end(false, `reading the body failed: ${describeError(err)}`));
  body.once('close', () => end(false, null));

  return {
    done,
    drain() {
      if (ending.finished) return done;
      return new Promise<void>((resolve) => {
        const check = () => {
          if (!ending.finished && capture.seen < cap) return;
          body.off('data', check);
          resolve();
        };
        body.on('data', check);
        void done.then(check);
        // A body the handler is reading flows already; one nobody reads is read here.
        if (body.readableFlowing !== true && body.listenerCount('readable') === 0) body.resume();
      });
    },
    abandon() {
      if (ending.finished) return;
      end(false, null);
      body.destroy();
    },
  };
}
