// The whole-exchange timeout: a service that never answers fails the request; one that
// answers and then trickles fails the body the reader is reading.
import { describe, expect, it } from 'vitest';
import { RequestTimeoutError, isRequestTimeout } from '../../../src/engine/http-client/errors.js';
import { sendHttp } from '../../../src/engine/http-client/send.js';
import { serve } from '../../helpers/local-server.js';
import { readAll } from './read-all.js';

describe('http-client: timeoutMs', () => {
  it('a service that never answers: the request fails with a RequestTimeoutError', async () => {
    const server = await serve(() => undefined);
    const err = await sendHttp({ method: 'GET', url: new URL(server.url), headers: {}, timeoutMs: 100 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect(isRequestTimeout(err)).toBe(true);
  });

  it('an answer whose body never ends: the body fails with it, and the connection is closed', async () => {
    let closed: Promise<void> = Promise.resolve();
    const server = await serve((req, res) => {
      closed = new Promise((resolve) => req.socket.once('close', () => resolve()));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"items":[');
    });
    const res = await sendHttp({ method: 'GET', url: new URL(server.url), headers: {}, timeoutMs: 150 });
    expect(res.status).toBe(200);
    await expect(readAll(res.body)).rejects.toBeInstanceOf(RequestTimeoutError);
    await closed;
  });
});
