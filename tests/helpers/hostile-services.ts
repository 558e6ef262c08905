// Request handlers for services that misbehave on purpose: silence, endless or broken
// bodies, and very large answers. Use them with serve() from local-server.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from '../../src/demo/http-server.js';

/** Accepts the request and never answers (the socket stays open until the server closes). */
export const silent: RequestHandler = () => undefined;

/** 200 and a JSON body that never ends, written as fast as the client reads. */
export const endlessBody: RequestHandler = async (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"items":[');
  const chunk = Buffer.from('"0123456789abcdef0123456789abcdef",'.repeat(2_000));
  while (!res.destroyed && !req.socket.destroyed) {
    if (!res.write(chunk)) await waitForDrainOrClose(res);
  }
};

/** 200 and a body that trickles a few bytes now and then, forever. */
export const tricklingBody: RequestHandler = async (_req, res, server) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"items":[');
  while (!res.destroyed) {
    res.write('1,');
    await server.delay(100);
  }
};

/** Promises 100 000 bytes, sends 1 000, and drops the connection. */
export const closesMidResponse: RequestHandler = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
  res.write(`{"items":[${'1,'.repeat(499)}`, () => req.socket.destroy());
};

/** A valid JSON answer of about `bytes` bytes: `{"items":[…]}`, with its item count. */
export function hugeJson(bytes: number): { handler: RequestHandler; items: number } {
  const item = '{"id":12345,"phone":"+10000000000","note":"a call"}';
  const items = Math.floor((bytes - 12) / (item.length + 1));
  const body = Buffer.from(`{"items":[${Array(items).fill(item).join(',')}]}`);
  return {
    items,
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.end(body);
    },
  };
}

function waitForDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
