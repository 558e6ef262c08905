// A service whose answers try to drive the terminal: OSC 52 (clipboard), OSC 0/2 (window
// title), CSI 2J (clear), cursor moves and 8-bit C1 controls, in the status line, the
// headers and the body. Raw TCP, so every byte is exactly as written here.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** The payloads, each with a visible word next to it so a test can see the text was shown. */
export const ATTACKS = {
  clipboard: '\u001b]52;c;ZXZpbA==\u0007clipboard-word',
  title0: '\u001b]0;pwned-title\u0007title0-word',
  title2: '\u001b]2;pwned-title\u001b\\title2-word',
  clear: '\u001b[2J\u001b[Hclear-word',
  cursor: '\u001b[7;77Hcursor-word\u001b[10A',
  c1csi: '\u009b2Jc1csi-word',
  c1osc: '\u009d0;pwned-title\u0007c1osc-word',
};
export const WORDS = [
  'clipboard-word',
  'title0-word',
  'title2-word',
  'clear-word',
  'cursor-word',
  'c1csi-word',
  'c1osc-word',
];
const ALL = Object.values(ATTACKS).join(' ');

/** 8-bit C1 controls travel as latin1 bytes in a header or status line (0x9b, 0x9d). */
const latin1 = (s: string) => Buffer.from(s, 'latin1');

function answer(path: string): Buffer {
  if (path.startsWith('/error')) {
    // A 500 with C1 controls in the reason phrase and a header, and every attack in the JSON error text.
    const body = Buffer.from(JSON.stringify({ error: { code: 'E42', message: ALL }, detail: ALL }));
    return Buffer.concat([
      latin1('HTTP/1.1 500 Server \u009b2J\u009d0;pwned-title\u0007 Error\r\n'),
      latin1('Content-Type: application/json\r\n'),
      latin1('X-Evil: c1-header-word \u009b2J\u009d0;pwned-title\r\n'),
      latin1(`Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`),
      body,
    ]);
  }
  // 200 with the attacks as raw bytes in a text body.
  const body = Buffer.from(`${ALL}\n`, 'utf8');
  return Buffer.concat([
    latin1(
      `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Note: c1-note-word \u009d2;pwned-title\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    ),
    body,
  ]);
}

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

export async function serveEscapes(): Promise<{ url: string }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const path = /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? '/';
      socket.end(answer(path));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** ESC, BEL, 8-bit C1 controls, or their UTF-8 form: none may reach a terminal. */
export const TERMINAL_CONTROLS = /[\u0007\u001b\u0080-\u009f]/;
