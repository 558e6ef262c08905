import type { ServerResponse } from 'node:http';
import { sendJson } from '../http-server.js';

export interface DemoOptions {
  /** Scales a simulated latency: 1 in the demo, 0 in tests. */
  latency(ms: number): number;
}

export function unauthorized(res: ServerResponse, description = 'The access token is missing or invalid'): void {
  sendJson(
    res,
    401,
    { error: 'invalid_token', error_description: description },
    { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` },
  );
}

export function badGateway(res: ServerResponse): void {
  const html =
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n';
  res.writeHead(502, {
    'content-type': 'text/html',
    'content-length': Buffer.byteLength(html),
    server: 'nginx/1.24.0',
  });
  res.end(html);
}
