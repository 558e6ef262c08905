// The bundled demo: four simulated services on 127.0.0.1 and tasks that show every
// status and outcome within a minute. The user who starts it is an admin.
//   calls          success (paged, continues from a cursor)
//   recordings     running with a progress bar for ~20 s, then success
//   leads          warning (the aggregator rejects a few leads; now and then a 502)
//   lead-statuses  error/recognized (502 Bad Gateway, two times out of three)
//   schedule       error/auth (the booking site's token has expired: 401)
//   reminders      error/network (the SMS gateway is down: connection refused)
//   missed-calls   unavailable (its role is not the demo user's)
//   price-list     disabled
import { cachedParseOnly, parseConfigCached, type ParseInput } from '../config/cache.js';
import type { LoadedConfig } from '../config/load.js';

export const DEMO_SERVICES = ['telephony', 'leads', 'booking', 'sms'] as const;
export type DemoServiceId = (typeof DEMO_SERVICES)[number];

/** Before the simulated services listen (read-only commands), URLs point at a closed port. */
const CLOSED = 'http://127.0.0.1:9';

export function demoConfigYaml(urls: Partial<Record<DemoServiceId, string>>, user: string): string {
  const url = (id: DemoServiceId) => urls[id] ?? CLOSED;
  return `
historyDays: 90
users:
  - name: ${JSON.stringify(user)}
    roles: [admin, reception, marketing]
    permissions: [integration-settings]
  - name: ${JSON.stringify(user === 'olga' ? 'olga-reception' : 'olga')}
    roles: [reception]
services:
  - id: telephony
    name: Telephony (cloud PBX)
    baseUrl: ${url('telephony')}
    auth: { type: bearer, token: demo-telephony-token }
  - id: leads
    name: Lead aggregator
    baseUrl: ${url('leads')}
    auth: { type: header, name: X-Api-Key, value: demo-leads-key }
  - id: booking
    name: Online booking
    baseUrl: ${url('booking')}
    auth: { type: bearer, token: demo-expired-token }
  - id: sms
    name: SMS gateway
    baseUrl: ${url('sms')}
    auth: { type: query, name: api_key, value: demo-sms-key }
    requestTimeout: 10s
tasks:
  - id: calls
    name: Receive calls
    type: calls
    service: telephony
    role: reception
    interval: 15s
    maxInterval: 5m
    handler:
      kind: http
      path: /v1/calls
      items: calls
      paging: { next: next, maxPages: 20 }
      resume: { from: cursor, param: since }
  - id: recordings
    name: Download call recordings
    type: calls
    service: telephony
    role: admin
    interval: 1m
    maxInterval: 10m
    timeout: 2m
    handler:
      kind: http
      path: /v1/recordings
      items: recordings
      total: total
      paging: { next: next, maxPages: 50 }
  - id: missed-calls
    name: Call back missed calls
    type: calls
    service: telephony
    role: call-center
    interval: 5m
    handler: { kind: http, path: /v1/calls, query: { answered: false }, items: calls }
  - id: leads
    name: Receive leads
    type: leads
    service: leads
    role: marketing
    interval: 20s
    maxInterval: 5m
    handler: { kind: http, path: /api/leads, items: leads, rejected: rejected, paging: { next: next } }
  - id: lead-statuses
    name: Send lead statuses
    type: leads
    service: leads
    role: marketing
    interval: 30s
    maxInterval: 5m
    handler:
      kind: http
      method: POST
      path: /api/leads/statuses
      body: { statuses: [{ id: L-1, status: booked }, { id: L-2, status: no-answer }] }
      errorField: error
  - id: schedule
    name: Upload schedule
    type: schedule
    service: booking
    role: admin
    interval: 30s
    maxInterval: 10m
    handler: { kind: http, method: POST, path: /api/v2/schedule, body: { days: 14 }, errorField: error }
  - id: price-list
    name: Upload price list
    type: schedule
    service: booking
    role: admin
    interval: 1h
    enabled: false
    handler: { kind: http, method: PUT, path: /api/v2/prices, body: { currency: RUB } }
  - id: reminders
    name: Send reminders
    type: messages
    service: sms
    role: reception
    interval: 20s
    maxInterval: 5m
    handler: { kind: http, method: POST, path: /send, body: { template: reminder-24h, batch: 50 } }
`;
}

/**
 * The demo config for `user`, through the config cache in `cacheDir` (src/config/cache.ts;
 * null: none): the text is cached with the closed port, and the services' addresses (other
 * ports every start) are put in afterwards.
 */
export async function demoConfig(
  urls: Partial<Record<DemoServiceId, string>>,
  user: string,
  cacheDir: string | null = null,
): Promise<LoadedConfig> {
  const config = await parseConfigCached(demoInput(user), cacheDir);
  for (const service of config.services) {
    const url = urls[service.id as DemoServiceId];
    if (url) service.baseUrl = url;
  }
  return config;
}

/** The demo names no files, so one cache entry serves every folder it is started from. */
function demoInput(user: string): ParseInput {
  return { text: demoConfigYaml({}, user), baseDir: '/', source: 'demo', label: 'demo config', env: {} };
}

/**
 * The demo config for `user` when the config cache holds it, else null; never parses (the
 * dashboard's preview, src/cli/dashboard-preview.ts). Its services' addresses are the closed
 * port's: the preview shows no addresses.
 */
export function cachedDemoConfig(user: string, cacheDir: string | null): LoadedConfig | null {
  return cachedParseOnly(demoInput(user), cacheDir);
}
