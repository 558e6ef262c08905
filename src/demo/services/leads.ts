// Simulated lead aggregator: flaky. Its lead list works but always has a few leads it
// could not take (a warning), and now and then its gateway answers 502; the status
// update endpoint fails with 502 two times out of three.
import { lead, REJECT_REASONS } from '../data.js';
import { readRequestBody, sendJson, startLocalServer, type LocalServer } from '../http-server.js';
import { badGateway, unauthorized, type DemoOptions } from './common.js';

export const LEADS_KEY = 'demo-leads-key';

export function startLeads(options: DemoOptions): Promise<LocalServer> {
  let listed = 0;
  let statusUpdates = 0;
  let nextLead = 1;
  return startLocalServer(async (req, res, server) => {
    const url = new URL(req.url ?? '/', 'http://leads');
    if (req.headers['x-api-key'] !== LEADS_KEY) return unauthorized(res, 'Unknown API key');
    await server.delay(options.latency(200 + Math.random() * 400));

    if (req.method === 'GET' && url.pathname === '/api/leads') {
      if (listed++ % 4 === 3) return badGateway(res);
      const leads = Array.from({ length: 9 + (listed % 5) }, () => lead(nextLead++));
      const rejected = [0, 1].map((i) => ({
        id: `L-${nextLead + i}`,
        reason: REJECT_REASONS[(listed + i) % REJECT_REASONS.length],
      }));
      nextLead += rejected.length;
      return sendJson(res, 200, { leads, rejected, next: null });
    }

    if (req.method === 'POST' && url.pathname === '/api/leads/statuses') {
      const body = await readRequestBody(req).catch(() => '');
      if (statusUpdates++ % 3 !== 2) return badGateway(res);
      let count = 0;
      try {
        count = (JSON.parse(body) as { statuses?: unknown[] }).statuses?.length ?? 0;
      } catch {
        return sendJson(res, 400, { error: { code: 'bad_json', message: 'the body is not JSON' } });
      }
      return sendJson(res, 200, { updated: count, error: null });
    }
    sendJson(res, 404, { error: { code: 'not_found', message: `no route ${req.method} ${url.pathname}` } });
  });
}
