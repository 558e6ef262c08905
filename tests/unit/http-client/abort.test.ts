// The caller's signal stops the exchange wherever it is, with the signal's reason.
import { describe, expect, it } from 'vitest';
import { sendHttp } from '../../../src/engine/http-client/send.js';
import { serve } from '../../helpers/local-server.js';
import { readAll } from './read-all.js';

describe('http-client: signal', () => {
  it('an abort while waiting for the answer rejects with the reason', async () => {
    let asked!: () => void;
    const requested = new Promise<void>((resolve) => (asked = resolve));
    const server = await serve(() => asked());
    const controller = new AbortController();
    const pending = sendHttp({ method: 'GET', url: new URL(server.url), headers: {}, signal: controller.signal });
    await requested;
    const reason = new Error('stopped by anna');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('an abort while the body is read fails the body with the reason and closes the connection', async () => {
    let closed: Promise<void> = Promise.resolve();
    const server = await serve((req, res) => {
      closed = new Promise((resolve) => req.socket.once('close', () => resolve()));
      res.writeHead(200);
      res.write('first part');
    });
    const controller = new AbortController();
    const res = await sendHttp({ method: 'GET', url: new URL(server.url), headers: {}, signal: controller.signal });
    const reading = readAll(res.body);
    const reason = new Error('stopped');
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    await closed;
  });

  it('an already aborted signal sends nothing', async () => {
    let requests = 0;
    const server = await serve((_q, res) => {
      requests++;
      res.end();
    });
    const reason = new Error('too late');
    await expect(
      sendHttp({ method: 'GET', url: new URL(server.url), headers: {}, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(requests).toBe(0);
  });
});
