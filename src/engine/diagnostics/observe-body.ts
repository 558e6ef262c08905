// Wraps a response so every chunk its reader takes is also captured for the
// diagnostics: no second copy of the body, no tee buffer, memory capped.
import { BodyCapture, BodyEnding, declaredLength } from './body-capture.js';
import type { OpenBody } from './exchange-recorder.js';
import { describeError } from './request-record.js';
import type { Redactor } from './redact.js';

/** Wraps the response so every chunk the reader takes is also captured; records once the body ends, fails or is cancelled. */
export function observeBody(
  res: Response,
  cap: number,
  redactor: Redactor,
  finish: (body: string | null, error: string | null) => void,
): { response: Response; open: OpenBody } {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const capture = new BodyCapture(cap);
  const render = (complete: boolean) =>
    capture.render(redactor, {
      complete,
      declared: declaredLength(res.headers.get('content-length')),
      contentType: res.headers.get('content-type'),
    });
  const ending = new BodyEnding((complete, error) => finish(render(complete), error));
  const { end, done } = ending;

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (err) {
          end(false, `reading the body failed: ${describeError(err)}`);
          controller.error(err);
          return;
        }
        if (chunk.done) {
          end(true, null);
          controller.close();
          return;
        }
        capture.add(chunk.value);
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        end(false, null);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const response = new Response(stream, {
    status: res.status,
    statusText: byteString(res.statusText),
    headers: res.headers,
  });
  Object.defineProperties(response, {
    url: { value: res.url },
    redirected: { value: res.redirected },
    type: { value: res.type },
  });

  const open: OpenBody = {
    done,
    async drain() {
      if (stream.locked || ending.finished) return done;
      const r = stream.getReader();
      try {
        while (!ending.finished && capture.seen < cap) {
          const { done: ended } = await r.read();
          if (ended) break;
        }
      } catch {
        // recorded by pull
      }
      if (!ending.finished) await r.cancel().catch(() => {});
    },
    abandon() {
      if (ending.finished) return;
      end(false, null);
      void reader.cancel().catch(() => {});
    },
  };
  return { response, open };
}

/**
 * Response() takes only printable latin1 as statusText; a service's reason phrase may hold
 * anything (undici decodes it as UTF-8), and the exchange must still be recorded.
 */
function byteString(text: string): string {
  return text.replace(/[^\t\u0020-\u007e\u00a0-\u00ff]/g, '?');
}
