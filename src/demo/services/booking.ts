// Simulated online-booking site. The demo's token has expired, so every call answers
// 401 — the endpoint itself works with a valid token.
import { readRequestBody, sendJson, startLocalServer, type LocalServer } from '../http-server.js';
import { unauthorized, type DemoOptions } from './common.js';

export const BOOKING_VALID_TOKEN = 'demo-booking-token';
export const BOOKING_EXPIRED_TOKEN = 'demo-expired-token';

export function startBooking(options: DemoOptions): Promise<LocalServer> {
  return startLocalServer(async (req, res, server) => {
    const url = new URL(req.url ?? '/', 'http://booking');
    await server.delay(options.latency(150 + Math.random() * 200));
    const auth = req.headers.authorization;
    if (auth === `Bearer ${BOOKING_EXPIRED_TOKEN}`)
      return unauthorized(res, "The access token expired; issue a new one in the booking site's settings");
    if (auth !== `Bearer ${BOOKING_VALID_TOKEN}`) return unauthorized(res);
    if (req.method === 'POST' && url.pathname === '/api/v2/schedule') {
      const body = JSON.parse((await readRequestBody(req)) || '{}') as { days?: number };
      return sendJson(res, 200, { accepted: (body.days ?? 0) * 6, error: null });
    }
    sendJson(res, 404, { error: 'not_found' });
  });
}
