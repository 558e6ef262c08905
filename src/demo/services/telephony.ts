// Simulated telephony (a cloud PBX): healthy. Calls keep arriving every few seconds;
// /v1/calls pages through them (next link) and gives a cursor to continue from.
// /v1/recordings is slow: many pages of call recordings, for a visible progress bar.
import { call, recording } from '../data.js';
import { sendJson, startLocalServer, type LocalServer } from '../http-server.js';
import { unauthorized, type DemoOptions } from './common.js';

export const TELEPHONY_TOKEN = 'demo-telephony-token';
const CALL_EVERY_MS = 4_000;
const CALLS_AT_START = 47;
const PAGE = 20;
const RECORDING_PAGES = 24;
const RECORDINGS_PER_PAGE = 5;

export function startTelephony(options: DemoOptions): Promise<LocalServer> {
  const t0 = Date.now() - (CALLS_AT_START - 1) * CALL_EVERY_MS;
  const callsSoFar = () => Math.floor((Date.now() - t0) / CALL_EVERY_MS) + 1;

  return startLocalServer(async (req, res, server) => {
    const url = new URL(req.url ?? '/', 'http://telephony');
    if (req.headers.authorization !== `Bearer ${TELEPHONY_TOKEN}`) return unauthorized(res);

    if (req.method === 'GET' && url.pathname === '/v1/calls') {
      await server.delay(options.latency(120 + Math.random() * 230));
      const since = Number(url.searchParams.get('since') ?? 0) || 0;
      const after = Math.max(since, Number(url.searchParams.get('after') ?? 0) || 0);
      const last = callsSoFar();
      const ids = Array.from({ length: Math.max(0, Math.min(PAGE, last - after)) }, (_, i) => after + 1 + i);
      const end = ids.at(-1) ?? after;
      const next =
        end < last
          ? `/v1/calls?${new URLSearchParams({ ...(since ? { since: String(since) } : {}), after: String(end) }).toString()}`
          : null;
      return sendJson(res, 200, { calls: ids.map((id) => call(id, t0 + (id - 1) * CALL_EVERY_MS)), cursor: end, next });
    }

    if (req.method === 'GET' && url.pathname === '/v1/recordings') {
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      // Recordings are big: each page takes close to a second.
      await server.delay(options.latency(750 + Math.random() * 300));
      const first = (page - 1) * RECORDINGS_PER_PAGE + 1;
      const recordings =
        page <= RECORDING_PAGES ? Array.from({ length: RECORDINGS_PER_PAGE }, (_, i) => recording(first + i)) : [];
      return sendJson(res, 200, {
        recordings,
        page,
        total: RECORDING_PAGES * RECORDINGS_PER_PAGE,
        next: page < RECORDING_PAGES ? `/v1/recordings?page=${page + 1}` : null,
      });
    }
    sendJson(res, 404, { error: 'not_found', message: `no route ${req.method} ${url.pathname}` });
  });
}
