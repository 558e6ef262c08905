// Real HTTP servers on 127.0.0.1 for handler tests, closed after each test.
import { afterEach } from 'vitest';
import { startLocalServer, type LocalServer, type RequestHandler } from '../../src/demo/http-server.js';

const open: LocalServer[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Starts a server for this test; it is closed when the test ends. */
export async function serve(handler: RequestHandler): Promise<LocalServer> {
  const server = await startLocalServer(handler);
  open.push(server);
  return server;
}
