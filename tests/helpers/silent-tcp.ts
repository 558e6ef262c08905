// A TCP server that takes every connection and never says a word: a database server that
// hangs (a client waits for its connect timeout).
import { createServer, type AddressInfo } from 'node:net';

export async function silentTcpServer(): Promise<{ port: number; close(): void }> {
  const server = createServer((socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => void server.close() };
}
