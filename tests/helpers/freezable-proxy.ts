// A TCP proxy in front of a database server that can go silent: after `freeze()` it keeps
// every connection open and passes nothing either way, as a server that hangs (or a link
// that drops packets) does. A client then waits on its own limits, if it has any.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach } from 'vitest';

export interface FreezableProxy {
  port: number;
  freeze(): void;
  close(): Promise<void>;
}

export async function freezableProxy(target: { host: string; port: number }): Promise<FreezableProxy> {
  let frozen = false;
  const sockets = new Set<Socket>();
  const pass = (from: Socket, to: Socket) =>
    from.on('data', (data: Buffer) => {
      if (!frozen) to.write(data);
    });
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    pass(client, upstream);
    pass(upstream, client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freeze: () => void (frozen = true),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * For a test file: `proxyTo(url)` puts a freezable proxy in front of the database server
 * at `url` and gives the URL that goes through it; each test's proxy is closed after it.
 */
export function useFreezableProxy(): (url: string) => Promise<{ proxy: FreezableProxy; url: string }> {
  let proxy: FreezableProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  return async (url) => {
    const server = new URL(url);
    proxy = await freezableProxy({ host: server.hostname, port: Number(server.port) });
    const viaProxy = new URL(server);
    viaProxy.port = String(proxy.port);
    return { proxy, url: viaProxy.toString() };
  };
}
